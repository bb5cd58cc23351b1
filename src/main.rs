fn main() {
    println!("gradlab {}", env!("CARGO_PKG_VERSION"));
}
