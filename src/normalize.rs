//! Normalization of names into alias keys, the form in which the dataset stores and looks up
//! names: "Sergéy  Lavrov’s" and "sergey lavrov" share one key.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Turns a name as written on a page into its lookup key: case folded, diacritics removed,
/// curly quotes straightened, a trailing possessive dropped, periods and apostrophes removed
/// ("U.S." → "us", "O'Brien" → "obrien"), other punctuation and runs of spaces folded into one
/// space, and a leading "the" dropped ("The Pentagon" → "pentagon").
pub fn alias_key(name: &str) -> String {
    let name = strip_possessive(name.trim());
    if name.is_ascii() {
        ascii_alias_key(name)
    } else {
        unicode_alias_key(name)
    }
}

/// [`alias_key`] of any name (already trimmed, possessive dropped).
fn unicode_alias_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '.' | '\'' | '’' | '‘' | '`' | '´' | 'ʼ' => continue,
            c if c.is_alphanumeric() || c == '&' => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                push_folded(&mut out, c);
            }
            _ => pending_space = true,
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => out,
    }
}

/// [`alias_key`] of an ASCII name (already trimmed, possessive dropped): the same steps without
/// Unicode decomposition, which leaves ASCII as it is. Most names on English pages take this
/// path.
fn ascii_alias_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for b in name.bytes() {
        match b {
            b'.' | b'\'' | b'`' => continue,
            b if b.is_ascii_alphanumeric() || b == b'&' => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(b.to_ascii_lowercase() as char);
            }
            _ => pending_space = true,
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => out,
    }
}

/// Drops a trailing possessive: "Putin’s" → "Putin", "Americans’" → "Americans".
pub fn strip_possessive(name: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(rest) = name.strip_suffix(suffix) {
            if rest.chars().next_back().is_some_and(char::is_alphanumeric) {
                return rest;
            }
        }
    }
    for suffix in ["s'", "s’"] {
        if name.ends_with(suffix) {
            return &name[..name.len() - suffix.len() + 1];
        }
    }
    name
}

/// Lower-cases `c` and spells out letters that Unicode decomposition leaves whole.
fn push_folded(out: &mut String, c: char) {
    match c {
        'ø' | 'Ø' => out.push('o'),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ß' => out.push_str("ss"),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'ı' => out.push('i'),
        'þ' | 'Þ' => out.push_str("th"),
        _ => out.extend(c.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_diacritics_quotes_and_periods() {
        let cases = [
            ("Sergey Lavrov", "sergey lavrov"),
            ("  Sergéy   LAVROV ", "sergey lavrov"),
            ("Lavrov’s", "lavrov"),
            ("Lavrov's", "lavrov"),
            ("U.S.", "us"),
            ("O’Brien", "obrien"),
            ("The Pentagon", "pentagon"),
            ("the", "the"),
            ("São Paulo", "sao paulo"),
            ("Øresund", "oresund"),
            ("Washington, D.C.", "washington dc"),
            ("Russian-flagged", "russian flagged"),
            ("AT&T", "at&t"),
            ("Łódź", "lodz"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(alias_key(input), expected, "key of {input:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_gives_the_unicode_paths_key(name in "[ -~]{0,40}") {
            proptest::prop_assert_eq!(ascii_alias_key(&name), unicode_alias_key(&name));
        }
    }

    #[test]
    fn possessives_are_stripped_only_at_the_end_of_a_word() {
        assert_eq!(strip_possessive("Putin’s"), "Putin");
        assert_eq!(strip_possessive("Americans’"), "Americans");
        assert_eq!(strip_possessive("'s"), "'s");
        assert_eq!(strip_possessive("Paris"), "Paris");
    }
}
