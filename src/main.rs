//! The `advice` binary: runs the command line and maps the result to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    match advice::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) if advice::error::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => advice::error::report(&err),
    }
}
