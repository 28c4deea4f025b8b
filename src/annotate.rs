//! Runs the whole pipeline on a text: tokenize → tag → describe → link → mentions with entity
//! references, page entities and descriptors.

use serde::Serialize;

use crate::card::Card;
use crate::dataset::{Dataset, EntityType};
use crate::describe::{describe, Descriptor};
use crate::link::{link, SpanToLink};
use crate::tag::{TagSpan, Tagger};
use crate::tokenize::{sentences, tokenize};
use crate::words::PageMap;

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
    /// How the page describes this mention's page entity ("the country's finance minister"):
    /// the best description found at any of its mentions, so every mention can show it.
    pub descriptor: Option<String>,
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
        Annotator {
            dataset,
            tagger: tagger.unwrap_or_else(Tagger::rules),
        }
    }

    /// The dataset.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// Finds and links the names in `text`. Mentions are sorted and do not overlap; offsets are in
    /// bytes and lie on character boundaries.
    pub fn annotate(&self, text: &str) -> Vec<Mention> {
        self.annotate_with(text, true)
    }

    /// Finds the names in `text` without linking or describing them: every mention has no
    /// entity and a page entity of its own. The baseline the linking benchmark
    /// (`gloss eval links --bench`) measures linking's cost against.
    pub fn annotate_unlinked(&self, text: &str) -> Vec<Mention> {
        self.annotate_with(text, false)
    }

    fn annotate_with(&self, text: &str, linked: bool) -> Vec<Mention> {
        if text.len() <= MAX_PIECE {
            return self.annotate_piece(text, 0, linked);
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
            out.extend(self.annotate_piece(&text[start..end], start, linked));
            start = end;
        }
        out
    }

    fn annotate_piece(&self, text: &str, base: usize, linked: bool) -> Vec<Mention> {
        let tokens = tokenize(text);
        let sents = sentences(text, &tokens);
        let spans = self.tagger.tag(text, &tokens, &sents, Some(&self.dataset));
        let bytes = |s: &TagSpan| (tokens[s.start].start, tokens[s.end - 1].end);
        if !linked {
            return spans
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let (start, end) = bytes(s);
                    let text = text[start..end].to_string();
                    Mention {
                        start: base + start,
                        end: base + end,
                        text,
                        kind: s.kind,
                        entity: None,
                        page_entity: i as u32,
                        descriptor: None,
                    }
                })
                .collect();
        }
        // No names: nothing to describe or link. Short texts are common (content a page adds
        // comes as many small chunks), and a call's fixed costs weigh most on them.
        if spans.is_empty() {
            return Vec::new();
        }
        let descriptors = describe(text, &tokens, &sents, &spans);
        let to_link: Vec<SpanToLink> = spans
            .iter()
            .zip(&descriptors)
            .map(|(s, d)| {
                let (start, end) = bytes(s);
                SpanToLink {
                    start,
                    end,
                    kind: s.kind,
                    descriptor: d.as_ref().map(|d| d.text.as_str()),
                }
            })
            .collect();
        let links = link(text, &to_link, &self.dataset);
        let best = best_descriptors(&descriptors, links.iter().map(|l| l.page_entity));
        // Each entity's record is decoded once per page, not once per mention.
        let mut refs: PageMap<u32, Option<EntityRef>> = PageMap::default();
        spans
            .iter()
            .zip(links)
            .map(|(s, l)| {
                let (start, end) = bytes(s);
                let entity = l.entity.and_then(|i| {
                    refs.entry(i)
                        .or_insert_with(|| {
                            self.dataset.entity_view(i).map(|e| EntityRef {
                                id: e.id.to_string(),
                                name: e.name.to_string(),
                                description: e.description.to_string(),
                            })
                        })
                        .clone()
                });
                let descriptor = best.get(&l.page_entity).map(|d| d.text.clone());
                Mention {
                    start: base + start,
                    end: base + end,
                    text: text[start..end].to_string(),
                    kind: s.kind,
                    entity,
                    page_entity: l.page_entity,
                    descriptor,
                }
            })
            .collect()
    }

    /// Card data for an entity id.
    pub fn card(&self, id: &str) -> Option<Card> {
        let index = self.dataset.index_of(id)?;
        self.dataset.entity(index).map(|e| Card::from_entity(&e))
    }
}

/// The best descriptor of each page entity: the most preferred pattern (see
/// [`crate::describe`]), first on the page among equals.
fn best_descriptors(
    descriptors: &[Option<Descriptor>],
    page_entities: impl Iterator<Item = u32>,
) -> PageMap<u32, &Descriptor> {
    let mut best: PageMap<u32, &Descriptor> = PageMap::default();
    for (d, pe) in descriptors.iter().zip(page_entities) {
        let Some(d) = d else { continue };
        match best.get(&pe) {
            Some(b) if b.kind <= d.kind => {}
            _ => {
                best.insert(pe, d);
            }
        }
    }
    best
}
