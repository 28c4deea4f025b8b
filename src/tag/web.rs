//! Tidies the model's spans for web text: words that headlines and page furniture put next to a
//! name, which the model (trained on newswire in sentence case) takes into it.
//!
//! - A leading "The" from a Title Case headline ("Sanctions From The European Union") is not
//!   part of the name, unless the dataset knows the name with it ("The Hague", "The Guardian").
//! - Time stamps ("Updated March 3", "Published Tuesday") are not names: a span made of a
//!   time-stamp word and month or weekday names is dropped, and a time-stamp word is dropped
//!   from the front of a longer span.

use crate::dataset::Dataset;
use crate::tokenize::Token;

use super::TagSpan;

/// Words that start a page's time stamp or credit line.
const STAMP_WORDS: &[&str] = &["Edited", "Modified", "Posted", "Published", "Updated"];

/// Month and weekday names, as a time stamp writes them.
const DATE_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Applies the rules above to `spans` (sorted, not overlapping); keeps their order.
pub(crate) fn tidy(
    text: &str,
    tokens: &[Token],
    spans: Vec<TagSpan>,
    dataset: Option<&Dataset>,
) -> Vec<TagSpan> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text(text));
    let mut out = Vec::with_capacity(spans.len());
    for mut span in spans {
        if STAMP_WORDS.contains(&word(span.start)) {
            span.start += 1;
            let only_dates = (span.start..span.end).all(|i| DATE_WORDS.contains(&word(i)));
            if only_dates {
                continue;
            }
        }
        if span.end - span.start >= 2 && word(span.start) == "The" {
            let whole = &text[tokens[span.start].start..tokens[span.end - 1].end];
            let known = dataset.is_some_and(|d| !d.candidates(whole).is_empty());
            if !known {
                span.start += 1;
            }
        }
        if span.start < span.end {
            out.push(span);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::EntityType;
    use crate::tokenize::tokenize;

    fn spans_of(text: &str, words: &[(&str, usize)]) -> (Vec<Token>, Vec<TagSpan>) {
        let tokens = tokenize(text);
        let spans = words
            .iter()
            .map(|(first, len)| {
                let start = tokens.iter().position(|t| t.text(text) == *first).unwrap();
                TagSpan {
                    start,
                    end: start + len,
                    kind: EntityType::Org,
                }
            })
            .collect();
        (tokens, spans)
    }

    fn texts(text: &str, tokens: &[Token], spans: &[TagSpan]) -> Vec<String> {
        spans
            .iter()
            .map(|s| text[tokens[s.start].start..tokens[s.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn headline_the_and_time_stamps() {
        let text = "Sanctions From The European Union\nUpdated March 3\nPosted Tuesday\nUpdated Reuters Staff";
        let (tokens, spans) = spans_of(
            text,
            &[("The", 3), ("Updated", 2), ("Posted", 2), ("Reuters", 1)],
        );
        // "Updated Reuters Staff" as one span, starting at the second "Updated".
        let mut spans = spans;
        let second = tokens
            .iter()
            .rposition(|t| t.text(text) == "Updated")
            .unwrap();
        spans[3] = TagSpan {
            start: second,
            end: second + 3,
            kind: EntityType::Org,
        };
        let tidied = tidy(text, &tokens, spans, None);
        assert_eq!(
            texts(text, &tokens, &tidied),
            ["European Union", "Reuters Staff"]
        );
    }
}
