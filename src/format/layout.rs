//! Layout of the array body (rules S1, L1-L6): nested brackets, hanging
//! indents, line wrapping and the `...` markers. A transcription of NumPy's
//! `_formatArray`, visiting only the elements that are printed.

/// Which indices of an axis of length `n` are printed: all of them, or the
/// first and last `edge` with a `...` between (rule S1).
pub(crate) fn shown_axis(n: usize, summarise: bool, edge: usize) -> (Vec<usize>, bool) {
    if summarise && 2 * edge < n {
        // NumPy always prints the last item, even with `edgeitems=0`.
        let lead = 0..edge;
        let trail = (n - edge.max(1))..n;
        (lead.chain(trail).collect(), true)
    } else {
        ((0..n).collect(), false)
    }
}

/// The indices of an axis of length `n` that the element formatter is built
/// from (rule S2). Like NumPy's `_leading_trailing`, `edge == 0` keeps the
/// whole axis.
pub(crate) fn formatter_axis(n: usize, summarise: bool, edge: usize) -> Vec<usize> {
    if summarise && 2 * edge < n && edge > 0 {
        (0..edge).chain(n - edge..n).collect()
    } else {
        (0..n).collect()
    }
}

/// Calls `f` with every multi-index of the Cartesian product of `axes`,
/// in C order.
pub(crate) fn for_each_index(axes: &[Vec<usize>], mut f: impl FnMut(&[usize])) {
    if axes.iter().any(Vec::is_empty) {
        return;
    }
    let mut pos = vec![0; axes.len()];
    let mut index: Vec<usize> = axes.iter().map(|a| a[0]).collect();
    loop {
        f(&index);
        let mut k = axes.len();
        loop {
            if k == 0 {
                return;
            }
            k -= 1;
            pos[k] += 1;
            if pos[k] < axes[k].len() {
                index[k] = axes[k][pos[k]];
                break;
            }
            pos[k] = 0;
            index[k] = axes[k][0];
        }
    }
}

/// The parameters of one body layout (rule L1).
pub(crate) struct Layout<'a> {
    pub shape: &'a [usize],
    pub summarise: bool,
    pub edge: usize,
    /// `", "` (repr) or `" "` (str).
    pub separator: &'a str,
    /// `W`: the line width minus the suffix length.
    pub width: i64,
    /// Length of the text before the body (`array(` is 6).
    pub prefix_len: usize,
    /// `legacy='1.13'`: NumPy 1.13's widths and separators.
    pub legacy113: bool,
}

impl Layout<'_> {
    /// The body of a non-empty array; `elem` renders the element at an index.
    pub fn body(&self, elem: &dyn Fn(&[usize]) -> String) -> String {
        let hanging = " ".repeat(self.prefix_len + 1);
        let mut index = Vec::with_capacity(self.shape.len());
        self.recurse(&mut index, &hanging, self.width, elem)
    }

    fn recurse(
        &self,
        index: &mut Vec<usize>,
        hanging: &str,
        width: i64,
        elem: &dyn Fn(&[usize]) -> String,
    ) -> String {
        let axis = index.len();
        let axes_left = self.shape.len() - axis;
        if axes_left == 0 {
            return elem(index);
        }
        let next_hanging = format!("{hanging} ");
        let next_width = if self.legacy113 { width } else { width - 1 };
        let (shown, show_summary) = shown_axis(self.shape[axis], self.summarise, self.edge);
        let lead = if show_summary { self.edge } else { 0 };
        let child = |i: usize, index: &mut Vec<usize>| {
            index.push(i);
            let s = self.recurse(index, &next_hanging, next_width, elem);
            index.pop();
            s
        };
        let legacy = self.legacy113;
        let summary_sep = if legacy { ", " } else { self.separator };

        let mut s = String::new();
        if axes_left == 1 {
            let sep_len = self.separator.trim_end().len();
            let mut elem_width = width - if legacy { sep_len } else { sep_len.max(1) } as i64;
            let mut line = hanging.to_string();
            for (k, &i) in shown.iter().enumerate() {
                if show_summary && k == lead {
                    extend_line(&mut s, &mut line, "...", elem_width, hanging, legacy);
                    line.push_str(summary_sep);
                }
                let last = k + 1 == shown.len();
                if last && legacy {
                    // 1.13 does not count the separator for the last item.
                    elem_width = width;
                }
                let word = child(i, index);
                extend_line(&mut s, &mut line, &word, elem_width, hanging, legacy);
                if !last {
                    line.push_str(self.separator);
                }
            }
            s.push_str(&line);
        } else {
            let line_sep = format!(
                "{}{}",
                self.separator.trim_end(),
                "\n".repeat(axes_left - 1)
            );
            for (k, &i) in shown.iter().enumerate() {
                if show_summary && k == lead {
                    s.push_str(hanging);
                    s.push_str("...");
                    s.push_str(if legacy { ", \n" } else { &line_sep });
                }
                s.push_str(hanging);
                s.push_str(&child(i, index));
                if k + 1 < shown.len() {
                    s.push_str(&line_sep);
                }
            }
        }
        format!("[{}]", &s[hanging.len()..])
    }
}

/// Appends `word` to `line`, first moving `line` into `s` when the word
/// would pass `width` and the line holds more than its indent (rule L3;
/// 1.13 wraps even a line holding only its indent).
fn extend_line(
    s: &mut String,
    line: &mut String,
    word: &str,
    width: i64,
    hanging: &str,
    legacy113: bool,
) {
    let needs_wrap =
        (line.len() + word.len()) as i64 > width && (legacy113 || line.len() > hanging.len());
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        line.clear();
        line.push_str(hanging);
    }
    line.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_axis_cases() {
        let cases: &[(usize, bool, usize, &[usize], bool)] = &[
            (5, false, 3, &[0, 1, 2, 3, 4], false),
            (6, true, 3, &[0, 1, 2, 3, 4, 5], false),
            (7, true, 3, &[0, 1, 2, 4, 5, 6], true),
            (10, true, 0, &[9], true),
            (10, true, 1, &[0, 9], true),
        ];
        for &(n, summarise, edge, want, cut) in cases {
            assert_eq!(shown_axis(n, summarise, edge), (want.to_vec(), cut));
        }
        assert_eq!(formatter_axis(10, true, 0).len(), 10);
        assert_eq!(formatter_axis(10, true, 2), [0, 1, 8, 9]);
    }

    #[test]
    fn cartesian_product_in_c_order() {
        let mut seen = Vec::new();
        for_each_index(&[vec![0, 5], vec![1, 2]], |i| seen.push(i.to_vec()));
        assert_eq!(seen, [[0, 1], [0, 2], [5, 1], [5, 2]]);
        let mut count = 0;
        for_each_index(&[], |_| count += 1);
        assert_eq!(count, 1, "a 0-d array has one element");
        for_each_index(&[vec![], vec![1]], |_| count += 1);
        assert_eq!(count, 1, "an empty axis has none");
    }

    /// Lays out 1-D words `w0 w1 ...` of the given width.
    fn words(n: usize, word_len: usize, sep: &str, width: usize, prefix_len: usize) -> String {
        let layout = Layout {
            shape: &[n],
            summarise: false,
            edge: 3,
            separator: sep,
            width: width as i64,
            prefix_len,
            legacy113: false,
        };
        layout.body(&|i| format!("{:>word_len$}", i[0]))
    }

    #[test]
    fn l3_wrapping_limit_is_width_minus_ndim() {
        // Limit W - 1 = 9: "[0, 1, 2, 3" would be 10 long, so "3" wraps.
        assert_eq!(words(5, 1, ", ", 10, 0), "[0, 1, 2,\n 3, 4]");
        // numpy: str(np.arange(5)) at linewidth 8.
        assert_eq!(words(5, 1, " ", 8, 0), "[0 1 2\n 3 4]");
        // A word longer than the limit still goes on an empty line.
        assert_eq!(words(2, 5, " ", 3, 0), "[    0\n     1]");
    }
}
