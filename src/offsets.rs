//! Converts the core's byte offsets into the units callers count in: Unicode code points (the
//! CLI's contract) or UTF-16 code units (what the DOM's `Range` and `Text.splitText` use).

/// The unit offsets are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Unicode scalar values (Python's `len`, Rust's `chars().count()`).
    CodePoint,
    /// UTF-16 code units (JavaScript's `length`).
    Utf16,
}

/// Converts byte offsets into `text` to `unit`, in one pass over the text. Offsets may come in any
/// order; each must lie on a character boundary.
pub fn convert(text: &str, byte_offsets: &[usize], unit: Unit) -> Vec<usize> {
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets[i]);
    let mut out = vec![0; byte_offsets.len()];
    let mut chars = text.char_indices().peekable();
    let mut count = 0;
    for i in order {
        let target = byte_offsets[i];
        while let Some(&(b, c)) = chars.peek() {
            if b >= target {
                break;
            }
            count += match unit {
                Unit::CodePoint => 1,
                Unit::Utf16 => c.len_utf16(),
            };
            chars.next();
        }
        out[i] = count;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_and_utf16_units() {
        let text = "é😀 Zürich";
        let z = text.find('Z').unwrap();
        assert_eq!(
            convert(text, &[z, 0, text.len()], Unit::CodePoint),
            [3, 0, 9]
        );
        assert_eq!(convert(text, &[z, 0, text.len()], Unit::Utf16), [4, 0, 10]);
    }
}
