//! Empty: this package only holds the criterion benches beside it.
