//! The `bilateral` binary: the allocator, then the command line.

use std::process::ExitCode;

// Loading a big timeline makes millions of small allocations; mimalloc does them (and frees them)
// several times faster than the system allocator here.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    bilateral::cli::main()
}
