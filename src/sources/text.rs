//! Small text helpers shared by the source readers: HTML-ish strings from the Factbook, numbers
//! as cards show them, and names written in capitals.

/// Plain text from the Factbook's HTML-ish strings: tags dropped (`<br>` becomes a newline),
/// character references decoded, runs of spaces folded.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            match rest.find('>') {
                Some(end) => {
                    let tag = rest[1..end].trim().to_ascii_lowercase();
                    if tag.starts_with("br") || tag.starts_with("p") || tag.starts_with("/p") {
                        out.push('\n');
                    }
                    rest = &rest[end + 1..];
                }
                None => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            match rest
                .find(';')
                .filter(|&e| e <= 10)
                .and_then(|e| entity(&rest[1..e]).map(|c| (c, e)))
            {
                Some((c, end)) => {
                    out.push(c);
                    rest = &rest[end + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    // Fold spaces (not newlines) and trim each line.
    let lines: Vec<String> = out
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    lines.join("\n").trim().to_string()
}

/// Decodes one character reference body (`eacute`, `#233`, `#xE9`).
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    let simple = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "rsquo" | "lsquo" => '\'',
        "ldquo" | "rdquo" => '"',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "szlig" => 'ß',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "eth" => 'ð',
        "thorn" => 'þ',
        _ => '\0',
    };
    if simple != '\0' {
        return Some(simple);
    }
    // Letter + accent: "eacute", "Ccedil", "atilde", "aring", "uuml", "ocirc", "agrave".
    let accents: [(&str, char); 7] = [
        ("acute", '\u{301}'),
        ("grave", '\u{300}'),
        ("circ", '\u{302}'),
        ("tilde", '\u{303}'),
        ("uml", '\u{308}'),
        ("ring", '\u{30A}'),
        ("cedil", '\u{327}'),
    ];
    for (suffix, mark) in accents {
        if let Some(letter) = name.strip_suffix(suffix) {
            let mut chars = letter.chars();
            let (Some(l), None) = (chars.next(), chars.next()) else {
                return None;
            };
            if !l.is_ascii_alphabetic() {
                return None;
            }
            use unicode_normalization::UnicodeNormalization;
            return [l, mark].into_iter().nfc().next();
        }
    }
    None
}

/// "68 million", "3.0 million", "1.4 billion", "150,000" — population as a card shows it.
pub fn people_count(n: u64) -> String {
    if n >= 1_000_000_000 {
        format!("{:.1} billion", n as f64 / 1e9)
    } else if n >= 10_000_000 {
        format!("{} million", (n as f64 / 1e6).round() as u64)
    } else if n >= 1_000_000 {
        format!("{:.1} million", n as f64 / 1e6)
    } else {
        thousands(n)
    }
}

/// "150,000".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The first integer written with thousands separators in `s`: "68,512,806 (2025 est.)" → 68512806.
pub fn first_number(s: &str) -> Option<u64> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let digits: String = s[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A word written in capitals, as the Factbook writes surnames, in ordinary case:
/// "MACRON" → "Macron", "SASSOU-Nguesso" → "Sassou-Nguesso", "O'BRIEN" → "O'Brien",
/// "MULI'AKA'AKA" → "Muli'aka'aka". Words with lower-case letters and Roman numerals are kept.
pub fn uncap_word(word: &str) -> String {
    if !word.chars().any(char::is_uppercase)
        || word.chars().any(char::is_lowercase) && !is_mixed_caps(word)
    {
        return word.to_string();
    }
    if is_roman(word) {
        return word.to_string();
    }
    let lower = word.to_lowercase();
    match lower.as_str() {
        "bin" | "bint" | "ibn" | "al" | "el" | "de" | "da" | "do" | "dos" | "van" | "von"
        | "der" | "la" | "le" | "du" | "del" => {
            return lower;
        }
        _ => {}
    }
    let mut out = String::with_capacity(word.len());
    for (i, part) in word.split('-').enumerate() {
        if i > 0 {
            out.push('-');
        }
        if part.chars().any(char::is_lowercase) {
            out.push_str(part);
            continue;
        }
        // An apostrophe after one letter starts a new capital (O'Brien, D'Alema); otherwise the
        // rest stays lower case (Muli'aka'aka).
        let lower: Vec<char> = part.to_lowercase().chars().collect();
        let upper_next = lower.len() > 2 && lower[1] == '\'';
        for (j, c) in lower.iter().enumerate() {
            if j == 0 || (upper_next && j == 2) {
                out.extend(c.to_uppercase());
            } else {
                out.push(*c);
            }
        }
    }
    out
}

/// "SASSOU-Nguesso": capitals in one hyphen part, lower case in another.
fn is_mixed_caps(word: &str) -> bool {
    word.split('-').any(|p| {
        p.chars().filter(|c| c.is_alphabetic()).count() > 1
            && p.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    })
}

/// "III", "VI", "XIV".
pub fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// Upper-cases the first letter: glosses become descriptions.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// True when every letter is from the Latin script (plus common punctuation): an alternate name
/// worth keeping as a hidden alias.
pub fn is_latin(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
            || c == '’'
            || c == 'ʼ'
    })
}

/// A prior from a population, for places: 0 at 10,000 people, 1 at 30 million (log scale).
pub fn population_scale(pop: u64) -> f32 {
    if pop == 0 {
        return 0.0;
    }
    (((pop as f64).log10() - 4.0) / (30e6f64.log10() - 4.0)).clamp(0.0, 1.0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_drops_tags_and_decodes_references() {
        let cases = [
            (
                "S&eacute;bastien LECORNU (since 10 September 2025)",
                "Sébastien LECORNU (since 10 September 2025)",
            ),
            (
                "<strong>note:</strong>\u{a0}the president",
                "note: the president",
            ),
            ("a<br><br>b", "a\n\nb"),
            ("Proven&ccedil;al &amp; C&ocirc;te", "Provençal & Côte"),
            (
                "TUIMALEALI'IFANO Va&rsquo;aletoa",
                "TUIMALEALI'IFANO Va'aletoa",
            ),
            ("AT&T <unclosed", "AT&T <unclosed"),
            ("&#233;t&#xE9;", "été"),
        ];
        for (input, expected) in cases {
            assert_eq!(html_text(input), expected, "{input}");
        }
    }

    #[test]
    fn numbers_read_as_cards_show_them() {
        let cases = [
            (68_512_806, "69 million"),
            (3_000_000, "3.0 million"),
            (2_138_551, "2.1 million"),
            (1_407_181_209, "1.4 billion"),
            (150_000, "150,000"),
            (999, "999"),
        ];
        for (n, expected) in cases {
            assert_eq!(people_count(n), expected);
        }
        assert_eq!(first_number("68,512,806 (2025 est.)"), Some(68_512_806));
        assert_eq!(first_number("643,801 sq km ; 551,500"), Some(643_801));
        assert_eq!(first_number("none"), None);
    }

    #[test]
    fn capitalized_surnames_get_ordinary_case() {
        let cases = [
            ("MACRON", "Macron"),
            ("SASSOU-Nguesso", "Sassou-Nguesso"),
            ("O'BRIEN", "O'Brien"),
            ("MULI'AKA'AKA", "Muli'aka'aka"),
            ("III", "III"),
            ("Emmanuel", "Emmanuel"),
            ("al-SUDANI", "al-Sudani"),
            ("BIN", "bin"),
            ("DÉBY", "Déby"),
            ("NANDI-NDAITWAH", "Nandi-Ndaitwah"),
        ];
        for (input, expected) in cases {
            assert_eq!(uncap_word(input), expected, "{input}");
        }
    }
}
