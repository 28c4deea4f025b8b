//! Reading CoNLL-format corpora: one token per line, the token first and the IOB tag last,
//! blank lines between sentences, `-DOCSTART-` lines between documents.
//!
//! Handles the corpora in `shared/corpora`: CoNLL-2003 and CoNLL++ (IOB2, documents), WikiANN
//! (tokens prefixed `en:`, no documents: each sentence is one), WNUT-17 (tab-separated, fine
//! types mapped: person → PER, location → LOC, corporation and group → ORG, the rest dropped).
//!
//! Each document becomes a text with the tokens joined by spaces and the sentences by line
//! breaks, with [`Token`]s pointing into it: the tagger sees the corpus tokens exactly.

use std::ops::Range;
use std::path::Path;

use crate::tag::labels::MISC;
use crate::tokenize::{token_kind, Token};
use crate::{Error, Result};

/// One document of a corpus.
#[derive(Debug, Clone)]
pub struct Document {
    /// Tokens joined by spaces, sentences by line breaks.
    pub text: String,
    /// Tokens, pointing into `text`.
    pub tokens: Vec<Token>,
    /// Sentences as token ranges.
    pub sentences: Vec<Range<usize>>,
    /// Gold entities `(start, end, kind)`: kind 0 PER, 1 LOC, 2 ORG, 3 MISC.
    pub gold: Vec<(usize, usize, u8)>,
}

impl Document {
    /// Builds a document from sentences of `(token, tag)` pairs.
    pub fn from_sentences(sentences: &[Vec<(String, String)>]) -> Document {
        let mut doc = Document {
            text: String::new(),
            tokens: Vec::new(),
            sentences: Vec::new(),
            gold: Vec::new(),
        };
        for sent in sentences {
            let first = doc.tokens.len();
            let tags: Vec<Option<(bool, u8)>> =
                sent.iter().map(|(_, tag)| parse_tag(tag)).collect();
            for (k, (word, _)) in sent.iter().enumerate() {
                if !doc.text.is_empty() {
                    doc.text.push(if k == 0 { '\n' } else { ' ' });
                }
                let start = doc.text.len();
                doc.text.push_str(word);
                doc.tokens.push(Token {
                    start,
                    end: doc.text.len(),
                    kind: token_kind(word),
                    after_newline: k == 0 && first > 0,
                });
            }
            doc.sentences.push(first..doc.tokens.len());
            doc.gold.extend(
                chunks(&tags)
                    .into_iter()
                    .map(|(s, e, k)| (first + s, first + e, k)),
            );
        }
        doc
    }

    /// Sentences as `(token, IOB2 tag)` pairs, the input of [`Document::from_sentences`].
    pub fn tagged_sentences(&self) -> Vec<Vec<(String, String)>> {
        const NAMES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];
        let mut tags = vec!["O".to_string(); self.tokens.len()];
        for &(s, e, k) in &self.gold {
            for (i, tag) in tags.iter_mut().enumerate().take(e).skip(s) {
                *tag = format!(
                    "{}-{}",
                    if i == s { "B" } else { "I" },
                    NAMES[k as usize % 4]
                );
            }
        }
        self.sentences
            .iter()
            .map(|r| {
                r.clone()
                    .map(|i| (self.tokens[i].text(&self.text).to_string(), tags[i].clone()))
                    .collect()
            })
            .collect()
    }

    /// The words of the tokens.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(|t| t.text(&self.text))
    }
}

/// Parses an IOB tag into (begins a chunk, kind); `None` for O and for types Gloss ignores.
fn parse_tag(tag: &str) -> Option<(bool, u8)> {
    let (prefix, ty) = tag.split_once('-')?;
    let kind = match ty.to_ascii_lowercase().as_str() {
        "per" | "person" => 0,
        "loc" | "location" => 1,
        "org" | "corporation" | "group" => 2,
        "misc" => MISC,
        _ => return None,
    };
    Some((prefix.eq_ignore_ascii_case("B"), kind))
}

/// Chunks from IOB tags as conlleval finds them: a chunk starts at a B tag or at an I tag whose
/// kind differs from the previous token's, and runs over the following I tags of its kind.
fn chunks(tags: &[Option<(bool, u8)>]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let continues = matches!((open, tag), (Some((_, k)), Some((false, k2))) if k == *k2);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if let Some((_, k)) = tag {
                open = Some((i, *k));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

/// Reads a CoNLL-format file into documents.
pub fn read(path: &Path) -> Result<Vec<Document>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    Ok(parse(&text))
}

/// Parses CoNLL-format text into documents. Without `-DOCSTART-` lines every sentence is its own
/// document.
pub fn parse(text: &str) -> Vec<Document> {
    let has_docs = text.lines().any(|l| l.starts_with("-DOCSTART-"));
    let mut docs = Vec::new();
    let mut sentences: Vec<Vec<(String, String)>> = Vec::new();
    let mut sent: Vec<(String, String)> = Vec::new();
    let mut flush_doc = |sentences: &mut Vec<Vec<(String, String)>>| {
        if !sentences.is_empty() {
            docs.push(Document::from_sentences(sentences));
            sentences.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            if !sent.is_empty() {
                sentences.push(std::mem::take(&mut sent));
            }
            flush_doc(&mut sentences);
            continue;
        }
        if line.trim().is_empty() {
            if !sent.is_empty() {
                sentences.push(std::mem::take(&mut sent));
                if !has_docs {
                    flush_doc(&mut sentences);
                }
            }
            continue;
        }
        let mut cols = line.split(['\t', ' ']).filter(|c| !c.is_empty());
        let Some(word) = cols.next() else { continue };
        let tag = cols.next_back().unwrap_or("O");
        let word = word
            .strip_prefix("en:")
            .filter(|w| !w.is_empty())
            .unwrap_or(word);
        sent.push((word.to_string(), tag.to_string()));
    }
    if !sent.is_empty() {
        sentences.push(sent);
    }
    flush_doc(&mut sentences);
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_sentences_and_chunks() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nJAPAN NNP I-LOC\n";
        let docs = parse(text);
        assert_eq!(docs.len(), 2);
        let d = &docs[0];
        assert_eq!(d.text, "EU rejects German\nPeter Blackburn");
        assert_eq!(d.sentences, vec![0..3, 3..5]);
        assert_eq!(d.gold, vec![(0, 1, 2), (2, 3, MISC), (3, 5, 0)]);
        assert_eq!(docs[1].gold, vec![(0, 1, 1)]);
    }

    #[test]
    fn iob1_and_wnut_tags() {
        // IOB1: I after O starts a chunk; B splits two adjacent chunks of one kind.
        let tags: Vec<_> = ["I-PER", "I-PER", "B-PER", "O", "I-LOC"]
            .iter()
            .map(|t| parse_tag(t))
            .collect();
        assert_eq!(chunks(&tags), vec![(0, 2, 0), (2, 3, 0), (4, 5, 1)]);
        assert_eq!(parse_tag("B-corporation"), Some((true, 2)));
        assert_eq!(parse_tag("I-creative-work"), None);
        let docs = parse("en:Paris\tB-LOC\n\nen:Bob\tB-PER\n");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Paris");
    }
}
