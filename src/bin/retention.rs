//! The command-line tool `retention` (issue 14): the same core natively. Not written yet.

fn main() {
    eprintln!("retention: not built yet");
    std::process::exit(2);
}
