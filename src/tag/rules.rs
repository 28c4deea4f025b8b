//! The rule-based detector: capitalized token runs, split and typed by the reference dataset's
//! aliases (longest match first) and by cue words ("Ministry", "River", a title such as "Mr."
//! before a name). Used when no trained model is loaded.

use std::ops::Range;

use super::TagSpan;
use crate::dataset::{Dataset, EntityType};
use crate::normalize::alias_key;
use crate::tokenize::{Token, TokenKind};
use crate::words::CALENDAR_WORDS;

/// Longest alias, in tokens, tried against the dataset.
const MAX_ALIAS_TOKENS: usize = 8;

/// Capitalized words that start sentences or headlines but are not names (with
/// [`CALENDAR_WORDS`]; see [`is_common_capitalized`]).
const COMMON_CAPITALIZED: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "from",
    "by",
    "with",
    "and",
    "but",
    "or",
    "if",
    "when",
    "while",
    "as",
    "after",
    "before",
    "since",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "its",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "mr",
    "mrs",
    "ms",
    "dr",
    "today",
    "yesterday",
    "tomorrow",
    "however",
    "meanwhile",
    "also",
    "yet",
    "still",
    "now",
    "then",
    "some",
    "many",
    "most",
    "all",
    "no",
    "not",
    "one",
    "two",
    "three",
    "first",
    "last",
    "new",
    "more",
    "other",
    "after",
    "about",
    "over",
    "under",
    "during",
    "according",
    "said",
    "says",
    "read",
    "more",
    "photo",
    "video",
    "image",
    "advertisement",
    "share",
    "comment",
    "comments",
    "subscribe",
    "sign",
    "log",
    "home",
    "news",
    "opinion",
    "world",
    "business",
    "sports",
    "live",
    "update",
    "updated",
    "breaking",
    "exclusive",
    "analysis",
    "watch",
    "listen",
    "follow",
];

fn is_common_capitalized(lower: &str) -> bool {
    COMMON_CAPITALIZED.contains(&lower) || CALENDAR_WORDS.contains(&lower)
}

/// Lower-case words allowed inside a name between capitalized words ("Bank of England").
const CONNECTORS: &[&str] = &[
    "of", "the", "de", "du", "la", "le", "van", "von", "der", "bin", "al", "and", "for", "da",
    "di", "&",
];

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "president",
    "minister",
    "gen",
    "general",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chancellor",
    "premier",
    "secretary",
    "ambassador",
    "envoy",
    "mayor",
    "chairman",
    "chairwoman",
    "ceo",
    "sir",
    "dame",
    "lord",
    "lady",
    "sheikh",
    "colonel",
    "col",
    "lt",
    "capt",
    "captain",
    "adm",
    "admiral",
    "sgt",
    "spokesman",
    "spokeswoman",
    "coach",
    "director",
    "commissioner",
];

const ORG_CUES: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "co",
    "ltd",
    "plc",
    "llc",
    "company",
    "group",
    "agency",
    "ministry",
    "department",
    "university",
    "college",
    "school",
    "party",
    "bank",
    "council",
    "committee",
    "association",
    "institute",
    "fund",
    "organization",
    "organisation",
    "commission",
    "court",
    "army",
    "navy",
    "forces",
    "force",
    "times",
    "post",
    "news",
    "club",
    "fc",
    "union",
    "federation",
    "league",
    "office",
    "service",
    "services",
    "authority",
    "board",
    "foundation",
    "society",
    "airlines",
    "airways",
    "motors",
    "systems",
    "technologies",
    "holdings",
    "parliament",
    "senate",
    "congress",
    "assembly",
    "police",
    "guard",
    "brigade",
    "front",
    "movement",
    "church",
    "reuters",
    "journal",
    "tribune",
    "herald",
    "press",
    "television",
    "tv",
    "radio",
    "network",
    "bureau",
];

const LOC_CUES: &[&str] = &[
    "river",
    "sea",
    "ocean",
    "mountains",
    "mountain",
    "mount",
    "island",
    "islands",
    "lake",
    "bay",
    "gulf",
    "strait",
    "valley",
    "county",
    "province",
    "region",
    "state",
    "city",
    "street",
    "avenue",
    "square",
    "airport",
    "peninsula",
    "desert",
    "canal",
    "coast",
    "district",
    "park",
    "bridge",
    "north",
    "south",
    "east",
    "west",
    "hills",
    "heights",
    "port",
];

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn lower(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// Tags one document with the rules.
pub(crate) fn tag(
    text: &str,
    tokens: &[Token],
    sentences: &[Range<usize>],
    dataset: Option<&Dataset>,
) -> Vec<TagSpan> {
    let mut spans = Vec::new();
    for sentence in sentences {
        let mut i = sentence.start;
        while i < sentence.end {
            let run = capitalized_run(text, tokens, i, sentence.end);
            if run.is_empty() {
                i += 1;
                continue;
            }
            tag_run(
                text,
                tokens,
                run.clone(),
                sentence.start,
                dataset,
                &mut spans,
            );
            i = run.end;
        }
    }
    spans
}

fn tag_run(
    text: &str,
    tokens: &[Token],
    run: Range<usize>,
    sentence_start: usize,
    dataset: Option<&Dataset>,
    out: &mut Vec<TagSpan>,
) {
    let word = |i: usize| tokens[i].text(text);
    let mut i = run.start;
    while i < run.end {
        // Longest dataset alias starting here.
        if let Some(ds) = dataset {
            let mut best = None;
            let mut key = String::new();
            for j in i..run.end.min(i + MAX_ALIAS_TOKENS) {
                let k = alias_key(word(j));
                if !key.is_empty() && !k.is_empty() {
                    key.push(' ');
                }
                key.push_str(&k);
                if let Some(c) = ds.candidates_for_key(&key).first() {
                    best = Some((j + 1, c.kind));
                }
                if !ds.has_key_with_prefix(&key) {
                    break;
                }
            }
            if let Some((end, kind)) = best {
                let common = end == i + 1 && is_common_capitalized(&lower(word(i)));
                if !common {
                    out.push(TagSpan {
                        start: i,
                        end,
                        kind,
                    });
                    i = end;
                    continue;
                }
            }
        }
        // Otherwise the unknown stretch up to the next known alias (or the run's end).
        let mut j = i + 1;
        while j < run.end && !starts_known(text, tokens, j, run.end, dataset) {
            j += 1;
        }
        let mut start = i;
        while start < j
            && (is_common_capitalized(&lower(word(start)))
                || CONNECTORS.contains(&lower(word(start)).as_str()))
        {
            start += 1;
        }
        let mut end = j;
        while end > start && CONNECTORS.contains(&lower(word(end - 1)).as_str()) {
            end -= 1;
        }
        if start < end {
            if let Some(kind) = guess_type(text, tokens, start, end, sentence_start) {
                out.push(TagSpan { start, end, kind });
            }
        }
        i = j;
    }
}

fn starts_known(
    text: &str,
    tokens: &[Token],
    i: usize,
    end: usize,
    dataset: Option<&Dataset>,
) -> bool {
    let Some(ds) = dataset else { return false };
    let first = tokens[i].text(text);
    if is_common_capitalized(&lower(first)) || CONNECTORS.contains(&lower(first).as_str()) {
        return false;
    }
    let mut key = alias_key(first);
    if !ds.candidates_for_key(&key).is_empty() {
        return true;
    }
    for token in &tokens[i + 1..end.min(i + MAX_ALIAS_TOKENS)] {
        if !ds.has_key_with_prefix(&key) {
            return false;
        }
        key.push(' ');
        key.push_str(&alias_key(token.text(text)));
        if !ds.candidates_for_key(&key).is_empty() {
            return true;
        }
    }
    false
}

/// The maximal run of capitalized words (with connectors inside) starting at `i`.
fn capitalized_run(text: &str, tokens: &[Token], i: usize, end: usize) -> Range<usize> {
    let is_name_word = |k: usize| {
        let t = &tokens[k];
        t.kind == TokenKind::Word && is_capitalized(t.text(text))
    };
    if !is_name_word(i) {
        return i..i;
    }
    let mut j = i + 1;
    loop {
        if j < end && is_name_word(j) {
            j += 1;
            continue;
        }
        // A connector joins only when a capitalized word follows it.
        let mut k = j;
        while k < end && CONNECTORS.contains(&lower(tokens[k].text(text)).as_str()) && k - j < 2 {
            k += 1;
        }
        if k > j && k < end && is_name_word(k) {
            j = k + 1;
            continue;
        }
        return i..j;
    }
}

fn guess_type(
    text: &str,
    tokens: &[Token],
    start: usize,
    end: usize,
    sentence_start: usize,
) -> Option<EntityType> {
    let words: Vec<String> = (start..end).map(|k| lower(tokens[k].text(text))).collect();
    if words.iter().any(|w| ORG_CUES.contains(&w.as_str())) {
        return Some(EntityType::Org);
    }
    if words.len() > 1 && words.iter().any(|w| LOC_CUES.contains(&w.as_str())) {
        return Some(EntityType::Loc);
    }
    let after_title = start > 0 && TITLES.contains(&lower(tokens[start - 1].text(text)).as_str());
    if after_title {
        return Some(EntityType::Per);
    }
    let first = tokens[start].text(text);
    let all_caps = first.len() >= 2
        && first
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&');
    if words.len() == 1 && all_caps && first.len() <= 6 {
        return Some(EntityType::Org);
    }
    // Two or three capitalized words not at the start of a sentence read as a person's name.
    if (2..=3).contains(&words.len()) && (start > sentence_start || end - start >= 2) {
        let all_title = (start..end).all(|k| {
            let w = tokens[k].text(text);
            is_capitalized(w) && w.chars().skip(1).any(char::is_lowercase)
        });
        if all_title {
            return Some(EntityType::Per);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{DatasetBuilder, EntityInput};
    use crate::tokenize::{sentences, tokenize};

    fn dataset() -> Dataset {
        let mut b = DatasetBuilder::new("t");
        b.add(EntityInput::new("Q1", EntityType::Loc, "country", "Russia"));
        b.add(EntityInput::new(
            "Q2",
            EntityType::Org,
            "bank",
            "Bank of England",
        ));
        b.add(EntityInput::new("Q3", EntityType::Per, "minister", "Sergey Lavrov").alias("Lavrov"));
        Dataset::from_bytes(b.build().unwrap()).unwrap()
    }

    fn tagged(text: &str) -> Vec<(String, EntityType)> {
        let ds = dataset();
        let tokens = tokenize(text);
        let s = sentences(text, &tokens);
        tag(text, &tokens, &s, Some(&ds))
            .into_iter()
            .map(|t| {
                (
                    text[tokens[t.start].start..tokens[t.end - 1].end].to_string(),
                    t.kind,
                )
            })
            .collect()
    }

    #[test]
    fn finds_known_and_cued_names() {
        use EntityType::*;
        let cases: &[(&str, &[(&str, EntityType)])] = &[
            (
                "Sergey Lavrov visited the Bank of England.",
                &[("Sergey Lavrov", Per), ("Bank of England", Org)],
            ),
            ("The talks in Russia ended.", &[("Russia", Loc)]),
            ("Lavrov’s remarks", &[("Lavrov", Per)]),
            (
                "Mr. Smith met John Doe Jones on Monday.",
                &[("Smith", Per), ("John Doe Jones", Per)],
            ),
            (
                "The Ministry of Health said",
                &[("Ministry of Health", Org)],
            ),
            ("However, nothing happened.", &[]),
        ];
        for (text, expected) in cases {
            let got = tagged(text);
            let want: Vec<(String, EntityType)> =
                expected.iter().map(|(s, k)| (s.to_string(), *k)).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
