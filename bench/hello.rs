// The baseline for `bench/run`: the cheapest Rust program that starts, writes
// a line to stdout and exits, built with the same release settings as advice.
use std::io::Write;

fn main() {
    let _ = writeln!(std::io::stdout().lock(), "hello");
}
