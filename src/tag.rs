//! Finds the spans of text that name a person, place or organization.
//!
//! Two detectors sit behind one [`Tagger`]:
//!
//! - **The trained model** ([`Tagger::from_bytes`], `models/tagger.bin`, trained by
//!   `gloss train`): an averaged structured perceptron (Collins 2002) over BILOU labels for PER,
//!   LOC, ORG and MISC (MISC is learned but never reported), decoded per sentence with Viterbi
//!   under the BILOU constraints. Features are hashed into a fixed table of 2^16 rows of 8-bit
//!   weights per pass, so the model is about four megabytes in memory and tagging allocates
//!   little:
//!   - the word, its lower-cased form, prefixes and suffixes of 1–4 characters, its shape
//!     ("Xx", "X.X.", "dd-dd") and capitalization class, its length and hyphenation;
//!   - a ±2 token window of lower-cased words and shapes, word bigrams, the cased previous and
//!     next words ("Mr.", "AT"), the position in the sentence;
//!   - whether the line is a headline in capitals or in Title Case, and how many numbers it
//!     holds (tables of results), and the document's first word (wire-service section words);
//!   - Brown-cluster paths (prefixes of 4, 6, 10 and 20 bits) of the window's words, learned by
//!     `gloss train` from a few million words of unlabeled text; the table of 32-bit word
//!     hashes and paths ships in the model;
//!   - gazetteer features when a [`Dataset`] is given: where the token lies (B, I, L, U) in any
//!     alias of the dataset of each type, and the types next to it (trained with some documents
//!     left without them, so the model also works without a dataset);
//!   - non-local features: how the same word is written elsewhere in the document (in lower
//!     case, or capitalized mid-sentence, and for words in a capitals headline the clusters and
//!     identity of their ordinary spelling), and, in a **second pass**, how the first pass
//!     tagged the same capitalized word elsewhere in the document and the labels around it.
//!     The second pass has its own weights, trained on first-pass labels from models that had
//!     not seen the document (4-fold cross-validation), and decodes again only the sentences
//!     where such a word occurs.
//!
//!   A token in a run of lower-case words, numbers and punctuation (and an opening "The",
//!   "But", …) with no other capital within two tokens of it is labelled O without its
//!   features being computed (`Doc::surely_outside`): a third of news text, with the same
//!   CoNLL scores.
//!
//!   Text is normalized before hashing (curly quotes and apostrophes straightened, dashes
//!   unified), so web pages and the pre-tokenized CoNLL training text produce the same
//!   features; possessives are separate tokens, so `Putin’s` yields the span `Putin`.
//!   A last step (`web::tidy`) drops what headlines and page furniture put next to a name: a
//!   Title Case headline's "The", and time stamps such as "Updated March 3".
//! - **The rules** ([`Tagger::rules`]), used when no model is loaded.
//!
//! The model's file layout is documented on `model::Model`. Tagging is pure computation: no
//! threads, no files, and no input text can make it panic.
//!
//! ```
//! use gloss::Tagger;
//! use gloss::tokenize::{sentences, tokenize};
//!
//! let text = "Mr. Smith visited the Ministry of Health.";
//! let tokens = tokenize(text);
//! let spans = Tagger::rules().tag(text, &tokens, &sentences(text, &tokens), None);
//! assert_eq!(spans.len(), 2);
//! ```

use std::ops::Range;

use crate::dataset::{Dataset, EntityType};
use crate::tokenize::Token;
use crate::Result;

pub(crate) mod features;
pub(crate) mod labels;
pub(crate) mod model;
mod rules;
mod web;

use model::Model;

/// A tagged span: token indexes `start..end` of one entity name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Entity type.
    pub kind: EntityType,
}

/// The detector: a trained model, or the rules.
pub struct Tagger {
    model: Option<Box<Model>>,
}

impl Tagger {
    /// The rule-based detector, used when no trained model is loaded.
    pub fn rules() -> Tagger {
        Tagger { model: None }
    }

    /// Loads a trained model file (`models/tagger.bin`). Fails with
    /// [`Error::ModelFormat`](crate::Error::ModelFormat) when the file is not a model, is of
    /// another format version, or is corrupt or truncated.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger> {
        Ok(Tagger {
            model: Some(Box::new(Model::from_bytes(bytes)?)),
        })
    }

    /// The length of the model file whose first bytes are `head`, as its header gives it:
    /// `None` until the header is in, and for bytes that do not begin a model file. A reader
    /// of the file in pieces knows from it when the last has arrived.
    pub fn file_length(head: &[u8]) -> Option<usize> {
        model::file_length(head)
    }

    /// Wraps a model built in training.
    #[cfg(feature = "cli")]
    pub(crate) fn from_model(model: Model) -> Tagger {
        Tagger {
            model: Some(Box::new(model)),
        }
    }

    /// Takes the model back out.
    #[cfg(feature = "cli")]
    pub(crate) fn into_model(self) -> Option<Model> {
        self.model.map(|m| *m)
    }

    /// True when a trained model is loaded.
    pub fn is_trained(&self) -> bool {
        self.model.is_some()
    }

    /// Tags one document. `sentences` are token ranges from [`crate::tokenize::sentences`];
    /// `dataset`, when given, supplies known names. Spans are sorted and do not overlap.
    pub fn tag(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Range<usize>],
        dataset: Option<&Dataset>,
    ) -> Vec<TagSpan> {
        let Some(model) = &self.model else {
            return rules::tag(text, tokens, sentences, dataset);
        };
        let doc = features::Doc::new(
            text,
            tokens,
            sentences,
            &model.clusters,
            dataset.filter(|_| model.gazetteer),
        );
        let labels = model.label(&doc);
        let mut spans = Vec::new();
        for sent in &doc.sentences {
            for (s, e, k) in labels::decode(&labels[sent.clone()]) {
                if let Some(kind) = EntityType::ALL.get(k as usize) {
                    spans.push(TagSpan {
                        start: sent.start + s,
                        end: sent.start + e,
                        kind: *kind,
                    });
                }
            }
        }
        web::tidy(text, tokens, spans, dataset)
    }
}
