//! What a hover card shows for an entity: made from a dataset record, ready to serialize for the
//! extension and the CLI.

use serde::Serialize;

use crate::dataset::{Entity, EntityType, Fact};

/// Card data for one entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    /// Entity id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// PER, LOC or ORG.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Finer type, as a reader would say it ("city", "politician").
    pub subtype: String,
    /// One-line description.
    pub description: String,
    /// A few key facts.
    pub facts: Vec<Fact>,
    /// Other names ("also: …"), at most a few.
    pub aliases: Vec<String>,
    /// Latitude and longitude, for places.
    pub coords: Option<(f32, f32)>,
    /// ISO country code.
    pub country: Option<String>,
    /// Where to read more (opened only on click).
    pub url: Option<String>,
}

/// Most facts a card shows.
const MAX_FACTS: usize = 5;
/// Most aliases a card shows.
const MAX_ALIASES: usize = 4;

impl Card {
    /// Builds the card for a dataset entity.
    pub fn from_entity(e: &Entity) -> Card {
        let url = match (&e.wikipedia, e.id.starts_with('Q')) {
            (Some(title), _) => Some(format!(
                "https://en.wikipedia.org/wiki/{}",
                title.replace(' ', "_")
            )),
            (None, true) => Some(format!("https://www.wikidata.org/wiki/{}", e.id)),
            _ => None,
        };
        Card {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            subtype: e.subtype.replace('_', " "),
            description: e.description.clone(),
            facts: e.facts.iter().take(MAX_FACTS).cloned().collect(),
            aliases: e
                .aliases
                .iter()
                .filter(|a| a.chars().count() > 1 && **a != e.name)
                .take(MAX_ALIASES)
                .cloned()
                .collect(),
            coords: e.coords,
            country: e.country.clone(),
            url,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_links_to_wikipedia_and_limits_facts() {
        let e = Entity {
            id: "Q8445".into(),
            kind: EntityType::Per,
            subtype: "minister".into(),
            name: "Sergey Lavrov".into(),
            description: "Foreign Minister of Russia (since 2004)".into(),
            aliases: vec!["Sergei Lavrov".into(), "Lavrov".into()],
            facts: (0..9)
                .map(|i| Fact {
                    label: format!("f{i}"),
                    value: "v".into(),
                })
                .collect(),
            coords: None,
            country: Some("RU".into()),
            wikipedia: Some("Sergei Lavrov".into()),
            prior: 0.5,
            related: vec![],
            sources: vec![],
        };
        let card = Card::from_entity(&e);
        assert_eq!(
            card.url.as_deref(),
            Some("https://en.wikipedia.org/wiki/Sergei_Lavrov")
        );
        assert_eq!(card.facts.len(), MAX_FACTS);
        assert_eq!(card.aliases, ["Sergei Lavrov", "Lavrov"]);
    }
}
