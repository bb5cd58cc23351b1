//! Line handling shared by the text readers: universal newlines, skipped
//! lines, and NumPy's `ndmin` squeezing.

/// Physical lines with universal newlines (`\n`, `\r\n`, `\r`).
pub(super) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..end];
        let after = &rest[end..];
        rest = after
            .strip_prefix("\r\n")
            .or_else(|| after.get(1..))
            .unwrap_or(after);
        Some(line)
    })
}

/// The text after the first `n` physical lines.
pub(super) fn skip_lines(text: &str, n: usize) -> &str {
    let mut rest = text;
    for line in lines(text).take(n) {
        let offset = line.as_ptr() as usize - text.as_ptr() as usize + line.len();
        rest = &text[offset..];
        rest = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix(['\n', '\r']))
            .unwrap_or(rest);
    }
    rest
}

/// NumPy's `_ensure_ndmin_ndarray`: squeeze when above `ndmin`, then
/// `atleast_1d` / `atleast_2d(a).T`.
pub(super) fn ndmin_shape(shape: &[usize], ndmin: usize) -> Vec<usize> {
    let mut s: Vec<usize> = shape.to_vec();
    if s.len() > ndmin {
        s.retain(|&d| d != 1);
    }
    match (s.len(), ndmin) {
        (0, 1) => vec![1],
        (0, 2) => vec![1, 1],
        (1, 2) => vec![s[0], 1],
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn universal_newlines_and_skipping() {
        let text = "a\r\nb\rc\n\nd";
        assert_eq!(lines(text).collect::<Vec<_>>(), ["a", "b", "c", "", "d"]);
        assert_eq!(skip_lines(text, 2), "c\n\nd");
        assert_eq!(skip_lines(text, 9), "");
    }

    #[test]
    fn ndmin_squeezes_then_pads() {
        assert_eq!(ndmin_shape(&[1, 3], 0), vec![3]);
        assert_eq!(ndmin_shape(&[1, 1], 0), Vec::<usize>::new());
        assert_eq!(ndmin_shape(&[1, 1], 1), vec![1]);
        assert_eq!(ndmin_shape(&[0, 1], 0), vec![0]);
        assert_eq!(ndmin_shape(&[1, 3], 2), vec![1, 3]);
    }
}
