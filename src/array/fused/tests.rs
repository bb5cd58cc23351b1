//! The kernel against an element-by-element reference.

use super::*;

/// The program evaluated element by element with a stack of values:
/// the obvious reference.
fn reference(inputs: &[Vec<f64>], steps: &[Step], i: usize) -> f64 {
    let mut stack = Vec::new();
    for s in steps {
        let r = match s.right {
            Operand::Result => stack.pop().unwrap(),
            Operand::Array(j) => inputs[j][i],
            Operand::Number(x) => x,
        };
        let l = match s.left {
            Operand::Result => stack.pop().unwrap(),
            Operand::Array(j) => inputs[j][i],
            Operand::Number(x) => x,
        };
        stack.push(match s.op {
            Arith::Add => l + r,
            Arith::Sub => l - r,
            Arith::Mul => l * r,
            Arith::Div => l / r,
        });
    }
    stack.pop().unwrap()
}

fn step(op: Arith, left: Operand, right: Operand) -> Step {
    Step { op, left, right }
}

#[test]
fn every_element_is_the_references_across_chunks_and_pieces() {
    use Operand::{Array as A, Number as N, Result as R};
    let n = PIECE + 3 * LANE + 17;
    let inputs: Vec<Vec<f64>> = (0..3)
        .map(|k| {
            (0..n)
                .map(|i| ((i * 7919 + k * 31) % 1009) as f64 * 0.37 - 150.0)
                .collect()
        })
        .collect();
    let programs = [
        // a * b + c
        vec![step(Arith::Mul, A(0), A(1)), step(Arith::Add, R, A(2))],
        // 2 * a - b
        vec![step(Arith::Mul, N(2.0), A(0)), step(Arith::Sub, R, A(1))],
        // c - (a - b) / 3
        vec![
            step(Arith::Sub, A(0), A(1)),
            step(Arith::Div, R, N(3.0)),
            step(Arith::Sub, A(2), R),
        ],
        // (a*b + c*a) * (b*c - a*b)
        vec![
            step(Arith::Mul, A(0), A(1)),
            step(Arith::Mul, A(2), A(0)),
            step(Arith::Add, R, R),
            step(Arith::Mul, A(1), A(2)),
            step(Arith::Mul, A(0), A(1)),
            step(Arith::Sub, R, R),
            step(Arith::Mul, R, R),
        ],
    ];
    let arrays: Vec<Array> = inputs.iter().map(|v| Array::from_f64(v.clone())).collect();
    let refs: Vec<&Array> = arrays.iter().collect();
    for steps in &programs {
        let got = run(&refs, steps).unwrap().unwrap();
        let got = got.array.to_f64_vec();
        for (i, g) in got.iter().enumerate() {
            let want = reference(&inputs, steps, i);
            assert_eq!(g.to_bits(), want.to_bits(), "{steps:?} at {i}");
        }
    }
}

#[test]
fn flags_are_kept_per_step() {
    use Operand::{Array as A, Number as N, Result as R};
    let mut a = vec![1.0; 3 * LANE];
    a[2 * LANE + 5] = 1e300;
    a[7] = f64::INFINITY;
    let a = Array::from_f64(a);
    // (a * 1e10) * 0.0: overflow in the first, invalid (inf * 0) in the second.
    let steps = [step(Arith::Mul, A(0), N(1e10)), step(Arith::Mul, R, N(0.0))];
    fpe::clear();
    let out = run(&[&a], &steps).unwrap().unwrap();
    assert_eq!(out.flags, vec![Flags::OVERFLOW, Flags::INVALID]);
}

#[test]
fn programs_it_does_not_run_are_refused() {
    use Operand::{Array as A, Number as N, Result as R};
    let a = Array::from_f64(vec![1.0, 2.0]);
    let b = Array::from_f64(vec![1.0, 2.0, 3.0]);
    let ok = [step(Arith::Mul, A(0), A(1)), step(Arith::Add, R, N(1.0))];
    assert!(run(&[&a, &b], &ok).is_none(), "shapes differ");
    assert!(run(&[&a, &a], &ok).is_some());
    let two_numbers = [step(Arith::Add, N(1.0), N(2.0))];
    assert!(run(&[&a], &two_numbers).is_none());
    let left_over = [step(Arith::Mul, A(0), A(0)), step(Arith::Mul, A(0), A(0))];
    assert!(run(&[&a], &left_over).is_none());
    let no_result = [step(Arith::Add, R, A(0))];
    assert!(run(&[&a], &no_result).is_none());
    let deep: Vec<Step> = (0..4)
        .map(|_| step(Arith::Mul, A(0), A(0)))
        .chain((0..3).map(|_| step(Arith::Add, R, R)))
        .collect();
    assert!(run(&[&a], &deep).is_none(), "four results pending");
    assert!(run(&[&a], &ok[..1]).is_none(), "array 1 missing");
}

#[test]
fn flags_of_a_pair_in_registers_are_told_apart_by_step() {
    use Operand::{Array as A, Result as R};
    let n = 3 * LANE;
    let mut a = vec![1.0; n];
    let b = vec![2.0; n];
    let mut c = vec![0.5; n];
    a[LANE + 3] = 1e308;
    c[2 * LANE + 9] = f64::NEG_INFINITY;
    a[2 * LANE + 9] = f64::INFINITY;
    let (a, b, c) = (Array::from_f64(a), Array::from_f64(b), Array::from_f64(c));
    // a * b + c: overflow in multiply, then inf + -inf in add.
    let steps = [step(Arith::Mul, A(0), A(1)), step(Arith::Add, R, A(2))];
    fpe::clear();
    let out = run(&[&a, &b, &c], &steps).unwrap().unwrap();
    assert_eq!(out.flags, vec![Flags::OVERFLOW, Flags::INVALID]);
    let v = out.array.to_f64_vec();
    assert_eq!(v[0], 2.5);
    assert!(v[LANE + 3].is_infinite() && v[2 * LANE + 9].is_nan());
    let clean = run(&[&b, &b, &b], &steps).unwrap().unwrap();
    assert_eq!(clean.flags, vec![Flags::NONE, Flags::NONE]);
}
