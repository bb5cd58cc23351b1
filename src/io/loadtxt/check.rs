//! `np.loadtxt`'s argument checks, with NumPy's messages.

use super::LoadTxtOptions;
use crate::io::parse::py_str_repr;
use crate::io::{Error, IoErrorKind};

/// NumPy's argument checks; returns the delimiter character.
pub(super) fn check_options(opts: &LoadTxtOptions) -> Result<Option<char>, Error> {
    if opts.ndmin > 2 {
        return Err(Error::value(format!(
            "Illegal value of ndmin keyword: {}",
            opts.ndmin
        )));
    }
    if opts.comments.as_deref() == Some("") {
        return Err(Error::value(
            "comments cannot be an empty string. Use comments=None to disable comments.",
        ));
    }
    let Some(d) = &opts.delimiter else {
        return Ok(None);
    };
    let mut chars = d.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            if opts.comments.as_deref() == Some(d.as_str()) {
                return Err(Error::new(
                    IoErrorKind::TypeError,
                    "The values for control characters 'comment' and 'delimiter' are incompatible",
                ));
            }
            Ok(Some(c))
        }
        _ => Err(Error::new(
            IoErrorKind::TypeError,
            format!(
                "Text reading control character must be a single unicode character or None; but got: {}",
                py_str_repr(d)
            ),
        )),
    }
}
