/// Every allocation is counted, so the memory cap covers the whole process
/// (see `gradlab::memory`); the library leaves the choice to its users.
#[global_allocator]
static ALLOC: gradlab::memory::Counting = gradlab::memory::Counting;

fn main() {
    std::process::exit(gradlab::cli::main());
}
