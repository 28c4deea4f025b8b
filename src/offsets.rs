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
/// order; each must lie on a character boundary (one inside a character counts that character,
/// one past the end counts the whole text).
///
/// Offsets come sorted from the core (mentions in text order), and are then converted without
/// sorting them. Each stretch between two offsets is counted a byte at a time, with no branch
/// on the character: a byte that begins a character is one code point and one UTF-16 unit,
/// and a four-byte character's first byte one more unit (its surrogate pair). Called once per
/// text the worker annotates, after a page's scripts have run; a sort's and a character walk's
/// code then costs more than the work.
pub fn convert(text: &str, byte_offsets: &[usize], unit: Unit) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = vec![0; byte_offsets.len()];
    let mut at = 0; // bytes counted so far
    let mut count = 0;
    let mut take = |target: usize| {
        let target = target.min(bytes.len());
        if target > at {
            count += units(&bytes[at..target], unit);
            at = target;
        }
        count
    };
    if byte_offsets.windows(2).all(|w| w[0] <= w[1]) {
        for (o, &target) in out.iter_mut().zip(byte_offsets) {
            *o = take(target);
        }
    } else {
        let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
        order.sort_by_key(|&i| byte_offsets[i]);
        for i in order {
            out[i] = take(byte_offsets[i]);
        }
    }
    out
}

/// The characters that begin in `bytes` (part of a UTF-8 text), in `unit`.
fn units(bytes: &[u8], unit: Unit) -> usize {
    // Continuation bytes are 0x80..=0xBF; a four-byte character begins with 0xF0..=0xF4.
    let starts = |b: u8| ((b as i8) >= -0x40) as usize;
    match unit {
        Unit::CodePoint => bytes.iter().map(|&b| starts(b)).sum(),
        Unit::Utf16 => bytes
            .iter()
            .map(|&b| starts(b) + (b >= 0xF0) as usize)
            .sum(),
    }
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

    /// The definition: walk the characters before the offset.
    fn walked(text: &str, target: usize, unit: Unit) -> usize {
        text.char_indices()
            .take_while(|&(b, _)| b < target)
            .map(|(_, c)| match unit {
                Unit::CodePoint => 1,
                Unit::Utf16 => c.len_utf16(),
            })
            .sum()
    }

    #[test]
    fn counting_bytes_agrees_with_walking_characters_in_any_order() {
        let text = "Zoë Ó Sé met 李明 in Kraków 😀🇺🇦 at noon\u{301}, then \u{10FFFF} left.";
        let mut every: Vec<usize> = (0..=text.len() + 2).collect();
        for unit in [Unit::CodePoint, Unit::Utf16] {
            let want: Vec<usize> = every.iter().map(|&b| walked(text, b, unit)).collect();
            assert_eq!(convert(text, &every, unit), want, "sorted, {unit:?}");
            every.reverse();
            let want: Vec<usize> = every.iter().map(|&b| walked(text, b, unit)).collect();
            assert_eq!(convert(text, &every, unit), want, "reversed, {unit:?}");
            every.reverse();
            // Repeats and a jump back, as two mentions sharing an end would give.
            let mixed = [7, 7, 3, text.len(), 0, 12, 12];
            let want: Vec<usize> = mixed.iter().map(|&b| walked(text, b, unit)).collect();
            assert_eq!(convert(text, &mixed, unit), want, "mixed, {unit:?}");
        }
    }
}
