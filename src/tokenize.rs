//! Splits text into tokens and sentences the way news text needs: possessives split off
//! ("Putin’s" → "Putin" "’s"), dotted abbreviations kept whole ("U.S."), hyphenated words kept whole
//! ("Russian-flagged"), slashes split ("FBI/police"), and line breaks ending sentences (the content
//! script joins block elements with newlines).

use std::ops::Range;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits, inner hyphens, apostrophes or periods).
    Word,
    /// Digits, possibly with inner `.`/`,`.
    Number,
    /// One punctuation or symbol character, or a split-off possessive (`’s`).
    Punct,
}

/// One token: a byte range of the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// What the token is made of.
    pub kind: TokenKind,
    /// True when a line break lies between this token and the one before it.
    pub after_newline: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Titles and other abbreviations that keep their period ("Mr.", "Gen.", "Inc.").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen",
    "rep", "rev", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "no", "vs", "mt", "ft", "ave",
    "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "pres", "gov", "atty",
    "supt", "cmdr", "messrs", "etc", "dept", "univ", "assn", "bros", "est", "approx",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    let mut newline = false;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            newline |= c == '\n' || c == '\u{2029}' || c == '\u{2028}';
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if is_word_char(c) {
            i = scan_word(&chars, i);
            let word = &text[byte_at(start)..byte_at(i)];
            kind = if word.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
        } else if is_apostrophe(c)
            && chars.get(i + 1).is_some_and(|&(_, n)| n == 's' || n == 'S')
            && !chars.get(i + 2).is_some_and(|&(_, n)| is_word_char(n))
            && start > 0
            && is_word_char(chars[i - 1].1)
        {
            i += 2; // possessive ’s
            kind = TokenKind::Punct;
        } else {
            i += 1;
            kind = TokenKind::Punct;
        }
        tokens.push(Token { start: byte_at(start), end: byte_at(i), kind, after_newline: newline });
        newline = false;
    }
    tokens
}

/// Scans one word starting at `i`, returning the index just past it.
fn scan_word(chars: &[(usize, char)], mut i: usize) -> usize {
    let start = i;
    let at = |j: usize| chars.get(j).map(|&(_, c)| c);
    loop {
        while at(i).is_some_and(is_word_char) {
            i += 1;
        }
        match at(i) {
            // Inner hyphen, apostrophe (O'Brien, but not the possessive 's) or digit separator.
            Some(c) if (c == '-' || c == '‐' || c == '&') && at(i + 1).is_some_and(is_word_char) => {
                i += 1
            }
            Some(c)
                if is_apostrophe(c)
                    && at(i + 1).is_some_and(is_word_char)
                    && !(matches!(at(i + 1), Some('s' | 'S'))
                        && !at(i + 2).is_some_and(is_word_char)) =>
            {
                i += 1
            }
            Some(',' | '.')
                if at(i - 1).is_some_and(|c| c.is_ascii_digit())
                    && at(i + 1).is_some_and(|c| c.is_ascii_digit()) =>
            {
                i += 1
            }
            Some('.') => {
                // "U.S." / "U.K." style: single letters separated by periods keep them all.
                let word_len = i - start;
                let single_letter = word_len == 1 || (i >= 2 && at(i - 2) == Some('.'));
                if single_letter && at(i + 1).is_some_and(|c| c.is_alphabetic()) && at(i + 2) == Some('.') {
                    i += 2;
                    continue;
                }
                let word: String = chars[start..i].iter().map(|&(_, c)| c).collect();
                let lower = word.to_lowercase();
                if single_letter && word.chars().next().is_some_and(char::is_uppercase)
                    || ABBREVIATIONS.contains(&lower.as_str())
                {
                    i += 1; // keep the period: "U.S.", "Mr.", "J."
                }
                return i;
            }
            _ => return i,
        }
    }
}

/// Groups tokens into sentences, returned as token index ranges. A sentence ends after `.`, `!` or
/// `?` (and any closing quotes or brackets) or before a line break.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && tokens[i].after_newline {
            out.push(start..i);
            start = i;
        }
        let t = tokens[i].text(text);
        if matches!(t, "." | "!" | "?" | "…") {
            while i + 1 < tokens.len()
                && matches!(tokens[i + 1].text(text), "\"" | "”" | "’" | "'" | ")" | "]" | "." | "!" | "?")
                && !tokens[i + 1].after_newline
            {
                i += 1;
            }
            out.push(start..i + 1);
            start = i + 1;
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_news_text_like_conll() {
        let cases: &[(&str, &[&str])] = &[
            ("Putin’s plan", &["Putin", "’s", "plan"]),
            ("Putin's plan", &["Putin", "'s", "plan"]),
            ("the U.S. and U.K. said", &["the", "U.S.", "and", "U.K.", "said"]),
            ("in the U.S.", &["in", "the", "U.S."]),
            ("a Russian-flagged ship", &["a", "Russian-flagged", "ship"]),
            ("FBI/police", &["FBI", "/", "police"]),
            ("O'Brien said", &["O'Brien", "said"]),
            ("Mr. Smith", &["Mr.", "Smith"]),
            ("1,200.5 people", &["1,200.5", "people"]),
            ("“Quoted”", &["“", "Quoted", "”"]),
            ("AT&T", &["AT&T"]),
            ("It ended.", &["It", "ended", "."]),
            ("Americans’ views", &["Americans", "’", "views"]),
            ("café 😀 naïve", &["café", "😀", "naïve"]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(words(text), *expected, "tokens of {text:?}");
        }
    }

    #[test]
    fn sentences_end_at_periods_and_line_breaks() {
        let text = "Lavrov spoke. He left.\nHeadline Here\n“Yes.” Then";
        let tokens = tokenize(text);
        let got: Vec<String> = sentences(text, &tokens)
            .into_iter()
            .map(|r| tokens[r].iter().map(|t| t.text(text)).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(got, ["Lavrov spoke .", "He left .", "Headline Here", "“ Yes . ”", "Then"]);
    }

    #[test]
    fn token_offsets_lie_on_char_boundaries() {
        let text = "Zürich’s mayor — “Corine Mauch” 🇨🇭 said";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.start < t.end);
        }
    }
}
