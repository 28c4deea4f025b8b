//! Runs the whole pipeline on a text: tokenize → tag → link → mentions with entity references.

use serde::Serialize;

use crate::card::Card;
use crate::dataset::{Dataset, EntityType};
use crate::link::{link, SpanToLink};
use crate::tag::Tagger;
use crate::tokenize::{sentences, tokenize};

/// The entity a mention links to, as the CLI and the extension show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRef {
    /// Entity id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One-line description.
    pub description: String,
}

/// One name found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Byte offset of the first character (see [`crate::offsets`] for other units).
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
    /// The name as written.
    pub text: String,
    /// PER, LOC or ORG.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The linked dataset entity, or `None`.
    pub entity: Option<EntityRef>,
    /// Shared by all mentions of one entity on the page.
    pub page_entity: u32,
}

/// Holds the dataset and tagger; annotates texts.
pub struct Annotator {
    dataset: Dataset,
    tagger: Tagger,
}

/// Texts longer than this many bytes are annotated in pieces split at line breaks, so memory stays
/// bounded on huge pages.
const MAX_PIECE: usize = 1 << 20;

impl Annotator {
    /// Creates an annotator. Without a trained tagger the rule-based one is used.
    pub fn new(dataset: Dataset, tagger: Option<Tagger>) -> Annotator {
        Annotator { dataset, tagger: tagger.unwrap_or_else(Tagger::rules) }
    }

    /// The dataset.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// Finds and links the names in `text`. Mentions are sorted and do not overlap; offsets are in
    /// bytes and lie on character boundaries.
    pub fn annotate(&self, text: &str) -> Vec<Mention> {
        if text.len() <= MAX_PIECE {
            return self.annotate_piece(text, 0);
        }
        let mut out = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let mut end = (start + MAX_PIECE).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if end < text.len() {
                if let Some(nl) = text[start..end].rfind('\n') {
                    end = start + nl + 1;
                }
            }
            out.extend(self.annotate_piece(&text[start..end], start));
            start = end;
        }
        out
    }

    fn annotate_piece(&self, text: &str, base: usize) -> Vec<Mention> {
        let tokens = tokenize(text);
        let sents = sentences(text, &tokens);
        let spans = self.tagger.tag(text, &tokens, &sents, Some(&self.dataset));
        let to_link: Vec<SpanToLink> = spans
            .iter()
            .map(|s| SpanToLink { text: &text[tokens[s.start].start..tokens[s.end - 1].end], kind: s.kind })
            .collect();
        let links = link(&to_link, &self.dataset);
        spans
            .iter()
            .zip(links)
            .map(|(s, l)| {
                let (start, end) = (tokens[s.start].start, tokens[s.end - 1].end);
                let entity = l.entity.and_then(|i| self.dataset.entity(i)).map(|e| EntityRef { id: e.id, name: e.name, description: e.description });
                Mention { start: base + start, end: base + end, text: text[start..end].to_string(), kind: s.kind, entity, page_entity: l.page_entity }
            })
            .collect()
    }

    /// Card data for an entity id.
    pub fn card(&self, id: &str) -> Option<Card> {
        let index = self.dataset.index_of(id)?;
        self.dataset.entity(index).map(|e| Card::from_entity(&e))
    }
}
