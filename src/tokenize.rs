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
    "rep", "rev", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "no", "vs", "mt", "ft",
    "ave", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "pres", "gov",
    "atty", "supt", "cmdr", "messrs", "etc", "dept", "univ", "assn", "bros", "est", "approx",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_word_char(c: char) -> bool {
    // Fast answers for ASCII, for the General Punctuation block (curly quotes, dashes, spaces:
    // in every news text), where the Unicode tables always say no, and for the basic Cyrillic
    // letters, where they always say yes; a test checks every character against them.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206f}').contains(&c) {
        false
    } else if ('\u{400}'..='\u{45f}').contains(&c) {
        true
    } else {
        is_word_char_by_tables(c)
    }
}

fn is_word_char_by_tables(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The kind of a token given as text (as in pre-tokenized corpora): a word, a number, or
/// punctuation, judged the way [`tokenize`] judges its own tokens.
pub fn token_kind(word: &str) -> TokenKind {
    if !word.chars().next().is_some_and(is_word_char) {
        TokenKind::Punct
    } else if word
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
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
            kind = token_kind(&text[byte_at(start)..byte_at(i)]);
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
        tokens.push(Token {
            start: byte_at(start),
            end: byte_at(i),
            kind,
            after_newline: newline,
        });
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
            Some(c)
                if (c == '-' || c == '‐' || c == '&') && at(i + 1).is_some_and(is_word_char) =>
            {
                i += 1
            }
            Some(c)
                if is_apostrophe(c)
                    && at(i + 1).is_some_and(is_word_char)
                    && (!matches!(at(i + 1), Some('s' | 'S'))
                        || at(i + 2).is_some_and(is_word_char)) =>
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
                if single_letter
                    && at(i + 1).is_some_and(|c| c.is_alphabetic())
                    && at(i + 2) == Some('.')
                {
                    i += 2;
                    continue;
                }
                let word: String = chars[start..i].iter().map(|&(_, c)| c).collect();
                let lower = word.to_lowercase();
                if single_letter && word.chars().next().is_some_and(char::is_uppercase)
                    || ABBREVIATIONS.contains(&lower.as_str())
                {
                    i += 1; // keep the period: "U.S.", "Mr.", "J."
                            // "U.S.-led" stays one word, as in CoNLL-2003.
                    if single_letter
                        && word_len > 1
                        && at(i) == Some('-')
                        && at(i + 1).is_some_and(char::is_alphabetic)
                    {
                        i += 1;
                        continue;
                    }
                }
                return i;
            }
            _ => return i,
        }
    }
}

/// Abbreviations that come before a name and so never end a sentence ("Mr. Smith").
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen",
    "rep", "rev", "st", "mt", "ft", "no", "vs", "pres", "atty", "supt", "cmdr", "messrs", "sept",
];

/// Words that start sentences far more often than they follow an abbreviation inside one.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "In",
    "On",
    "At",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "There",
    "Some",
    "Many",
    "Most",
    "Officials",
    "However",
    "Meanwhile",
    "After",
    "When",
    "While",
    "If",
    "As",
    "For",
    "Since",
    "Last",
    "Earlier",
    "Later",
    "Now",
    "Still",
    "Yet",
    "So",
    "Then",
    "What",
    "Why",
    "How",
    "Who",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
];

/// True when an abbreviation with its period ("U.S.", "Inc.") at token `i` also ends the
/// sentence: the next word is a common sentence starter.
fn abbreviation_ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = tokens[i].text(text);
    if t.len() < 2 || !t.ends_with('.') || tokens[i].kind != TokenKind::Word {
        return false;
    }
    let bare: String = t
        .chars()
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    if TITLE_ABBREVIATIONS.contains(&bare.as_str()) || bare.chars().count() == 1 {
        return false; // "Mr." before a name, "J." as an initial
    }
    tokens
        .get(i + 1)
        .is_some_and(|n| SENTENCE_STARTERS.contains(&n.text(text)))
}

/// Groups tokens into sentences, returned as token index ranges. A sentence ends after `.`, `!` or
/// `?` (and any closing quotes or brackets), after an abbreviation's period when a common
/// sentence starter follows ("… in the U.S. The …"), or before a line break.
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
        if abbreviation_ends_sentence(text, tokens, i) {
            out.push(start..i + 1);
            start = i + 1;
        } else if matches!(t, "." | "!" | "?" | "…") {
            while i + 1 < tokens.len()
                && matches!(
                    tokens[i + 1].text(text),
                    "\"" | "”" | "’" | "'" | ")" | "]" | "." | "!" | "?"
                )
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

    #[test]
    fn word_characters_fast_path_agrees_with_the_unicode_tables() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_word_char_by_tables(c), "{c:?}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_news_text_like_conll() {
        let cases: &[(&str, &[&str])] = &[
            ("Putin’s plan", &["Putin", "’s", "plan"]),
            ("Putin's plan", &["Putin", "'s", "plan"]),
            (
                "the U.S. and U.K. said",
                &["the", "U.S.", "and", "U.K.", "said"],
            ),
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
            ("U.S.-led talks", &["U.S.-led", "talks"]),
            (
                "Jordan’s King Abdullah",
                &["Jordan", "’s", "King", "Abdullah"],
            ),
            (
                "‘Russia’ and “China”",
                &["‘", "Russia", "’", "and", "“", "China", "”"],
            ),
            ("COVID-19 cases", &["COVID-19", "cases"]),
            ("Apple Inc. said", &["Apple", "Inc.", "said"]),
            ("PUTIN’S WAR", &["PUTIN", "’S", "WAR"]),
            ("U.S./Mexico border", &["U.S.", "/", "Mexico", "border"]),
            ("the Times' report", &["the", "Times", "'", "report"]),
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
            .map(|r| {
                tokens[r]
                    .iter()
                    .map(|t| t.text(text))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            got,
            [
                "Lavrov spoke .",
                "He left .",
                "Headline Here",
                "“ Yes . ”",
                "Then"
            ]
        );
    }

    #[test]
    fn abbreviations_end_sentences_only_before_sentence_starters() {
        let text = "He moved to the U.S. The move paid off. Mr. Smith met Apple Inc. executives. Gen. Lee left.";
        let tokens = tokenize(text);
        let got: Vec<String> = sentences(text, &tokens)
            .into_iter()
            .map(|r| {
                tokens[r]
                    .iter()
                    .map(|t| t.text(text))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            got,
            [
                "He moved to the U.S.",
                "The move paid off .",
                "Mr. Smith met Apple Inc. executives .",
                "Gen. Lee left ."
            ]
        );
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
