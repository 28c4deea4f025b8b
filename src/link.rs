//! Links tagged spans to dataset entities and groups the mentions of one entity on a page.
//!
//! Candidates come from the span's alias key. Each is scored by its popularity prior, agreement
//! with the tagger's type, whether the key is the entity's own name, and page context (entities
//! it is related to that are also mentioned). Linking abstains when no candidate is convincing.
//! A surname or first name alone takes the entity of an earlier full name on the same page.

use std::collections::HashMap;

use crate::dataset::{Candidate, Dataset, EntityType};
use crate::normalize::alias_key;

/// A span to link: its text and tagged type.
#[derive(Debug, Clone)]
pub struct SpanToLink<'a> {
    /// The span's text as written.
    pub text: &'a str,
    /// Tagged type.
    pub kind: EntityType,
}

/// The linking decision for one span.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkResult {
    /// Entity index in the dataset, or `None` when linking abstains.
    pub entity: Option<u32>,
    /// Page entity number, shared by all mentions of one entity on the page (0-based, in order of
    /// first mention).
    pub page_entity: u32,
}

/// Score below which linking abstains.
const MIN_SCORE: f32 = 0.35;

/// Links the spans of one page, in text order.
pub fn link(spans: &[SpanToLink<'_>], dataset: &Dataset) -> Vec<LinkResult> {
    let keys: Vec<String> = spans.iter().map(|s| alias_key(s.text)).collect();
    let candidates: Vec<Vec<Candidate>> = keys.iter().map(|k| dataset.candidates_for_key(k)).collect();

    // Page context: entities that are the only candidate of their span.
    let mut context: HashMap<u32, u32> = HashMap::new();
    for list in &candidates {
        if let [only] = list.as_slice() {
            *context.entry(only.index).or_default() += 1;
        }
    }

    let mut entities = Vec::with_capacity(spans.len());
    for (span, list) in spans.iter().zip(&candidates) {
        let mut best: Option<(f32, u32)> = None;
        for c in list {
            let score = score(c, span.kind, dataset, &context);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, c.index));
            }
        }
        entities.push(best.filter(|(s, _)| *s >= MIN_SCORE).map(|(_, i)| i));
    }

    // Coreference: a one-word person mention takes the entity of an earlier full name it ends or
    // starts ("Lavrov", "Sergey" after "Sergey Lavrov").
    let mut full_names: Vec<(Vec<String>, usize)> = Vec::new();
    let mut page_of: Vec<usize> = Vec::with_capacity(spans.len());
    for (i, span) in spans.iter().enumerate() {
        let words: Vec<String> = keys[i].split(' ').map(str::to_string).collect();
        let mut owner = i;
        if span.kind == EntityType::Per && words.len() == 1 {
            if let Some((_, j)) = full_names.iter().rev().find(|(w, _)| w.last() == words.first() || w.first() == words.first()) {
                owner = page_of[*j];
                if entities[*j].is_some() || entities[i].is_some() {
                    entities[i] = entities[*j];
                }
            }
        }
        if span.kind == EntityType::Per && words.len() > 1 {
            full_names.push((words, i));
        }
        page_of.push(owner);
    }

    // Page entities: one per linked entity, else per (owner) key and type.
    let mut numbers: HashMap<(Option<u32>, String, EntityType), u32> = HashMap::new();
    let mut out = Vec::with_capacity(spans.len());
    for i in 0..spans.len() {
        let owner = page_of[i];
        let group = match entities[i] {
            Some(e) => (Some(e), String::new(), spans[i].kind),
            None => (None, keys[owner].clone(), spans[owner].kind),
        };
        let next = numbers.len() as u32;
        let page_entity = *numbers.entry(group).or_insert(next);
        out.push(LinkResult { entity: entities[i], page_entity });
    }
    out
}

fn score(c: &Candidate, tagged: EntityType, dataset: &Dataset, context: &HashMap<u32, u32>) -> f32 {
    let mut s = 0.3 * c.prior;
    if c.kind == tagged {
        s += 0.35;
    }
    if c.is_name {
        s += 0.1;
    }
    if let Some(e) = dataset.entity(c.index) {
        if e.related.iter().any(|r| context.contains_key(r)) {
            s += 0.4;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{DatasetBuilder, EntityInput};

    fn dataset() -> Dataset {
        let mut b = DatasetBuilder::new("t");
        b.add(EntityInput::new("Q142", EntityType::Loc, "country", "France").prior(0.9));
        b.add(EntityInput::new("Q1439", EntityType::Loc, "state", "Texas").prior(0.8));
        let mut paris = EntityInput::new("Q90", EntityType::Loc, "city", "Paris").prior(0.9);
        paris.related.push("Q142".into());
        b.add(paris);
        let mut paris_tx = EntityInput::new("Q830149", EntityType::Loc, "city", "Paris").prior(0.1);
        paris_tx.related.push("Q1439".into());
        b.add(paris_tx);
        b.add(EntityInput::new("Q8445", EntityType::Per, "minister", "Sergey Lavrov").alias("Lavrov").prior(0.6));
        Dataset::from_bytes(b.build().unwrap()).unwrap()
    }

    fn ids(spans: &[(&str, EntityType)]) -> Vec<Option<String>> {
        let ds = dataset();
        let spans: Vec<SpanToLink> = spans.iter().map(|&(text, kind)| SpanToLink { text, kind }).collect();
        link(&spans, &ds).into_iter().map(|r| r.entity.map(|i| ds.entity(i).unwrap().id)).collect()
    }

    #[test]
    fn context_picks_the_right_paris() {
        use EntityType::*;
        assert_eq!(ids(&[("Paris", Loc)]), [Some("Q90".to_string())]);
        assert_eq!(ids(&[("Texas", Loc), ("Paris", Loc)])[1].as_deref(), Some("Q830149"));
        assert_eq!(ids(&[("France", Loc), ("Paris", Loc)])[1].as_deref(), Some("Q90"));
    }

    #[test]
    fn unknown_names_and_wrong_types_abstain() {
        use EntityType::*;
        assert_eq!(ids(&[("John Smith", Per)]), [None]);
    }

    #[test]
    fn surnames_follow_the_full_name() {
        use EntityType::*;
        let ds = dataset();
        let spans = [SpanToLink { text: "Jane Roe", kind: Per }, SpanToLink { text: "Roe", kind: Per }, SpanToLink { text: "Lavrov", kind: Per }];
        let got = link(&spans, &ds);
        assert_eq!(got[0].entity, None);
        assert_eq!(got[0].page_entity, got[1].page_entity);
        assert_ne!(got[2].page_entity, got[0].page_entity);
        assert_eq!(ds.entity(got[2].entity.unwrap()).unwrap().id, "Q8445");
    }
}
