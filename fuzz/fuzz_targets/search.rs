#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| advice::fuzzing::search(data));
