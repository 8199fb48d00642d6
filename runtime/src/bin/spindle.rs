//! The `spindle` command: see [`spindle_runtime::cli`].

fn main() -> std::process::ExitCode {
    spindle_runtime::cli::main()
}
