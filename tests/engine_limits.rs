//! The engine honours the process-wide limits: a MemoryError with NumPy's
//! message above the allocation cap, and KeyboardInterrupt once interrupted.
//! One test, because the limits are global to the process.

use gradlab::array::Array;
use gradlab::engine::{DiffArgs, ErrorKind, GradientArgs, diff, gradient, limits};

#[test]
fn allocation_cap_and_interrupt() {
    let f = Array::from_f64((0..1000).map(f64::from).collect());
    let i = Array::from_i64((0..1000).collect());

    limits::set_alloc_cap(4000);
    let err = gradient(&f, &GradientArgs::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::MemoryError);
    assert_eq!(
        err.message,
        "Unable to allocate 7.81 KiB for an array with shape (1000,) and data type float64"
    );
    // int input: NumPy's astype(float64) is the first allocation to fail.
    assert_eq!(
        gradient(&i, &GradientArgs::default()).unwrap_err().kind,
        ErrorKind::MemoryError
    );
    assert_eq!(
        diff(&f, &DiffArgs::default()).unwrap_err().kind,
        ErrorKind::MemoryError
    );
    let small = Array::from_f64(vec![1.0, 2.0, 4.0]);
    assert!(gradient(&small, &GradientArgs::default()).is_ok());
    limits::set_alloc_cap(0);

    limits::interrupt();
    let err = gradient(&f, &GradientArgs::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::KeyboardInterrupt);
    assert_eq!(
        diff(&f, &DiffArgs::default()).unwrap_err().kind,
        ErrorKind::KeyboardInterrupt
    );
    limits::clear_interrupt();
    assert!(gradient(&f, &GradientArgs::default()).is_ok());
    assert!(diff(&f, &DiffArgs::default()).is_ok());
}
