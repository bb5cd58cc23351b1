fn main() {
    std::process::exit(gradlab::cli::main());
}
