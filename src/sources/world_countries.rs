//! Countries from npm `world-countries` (`node_modules/world-countries/countries.json`, ODbL):
//! common and official names, alternative spellings, native names, capitals, coordinates and
//! region. Demonyms are left out on purpose: they are adjectives ("French"), and as aliases they
//! would turn every "French official" into a mention of France.

use std::path::Path;

use serde_json::Value;

use crate::dataset::{EntityInput, EntityType};
use crate::sources::{read_json, text, Context, Country};
use crate::Result;

/// Name of this source on the credits page.
pub const SOURCE: &str = "world-countries";

/// Short forms that news does use, kept even though they are ISO codes.
const CODES_USED_IN_NEWS: &[&str] = &["US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "ROK"];

/// Names news uses for a country that `world-countries` does not list.
const NEWS_NAMES: &[(&str, &[&str])] = &[
    ("US", &["America"]),
    ("GB", &["Britain"]),
    ("BA", &["Bosnia"]),
];

/// English Wikipedia titles of countries whose common name is not the title of their article
/// (a disambiguation page, the island or the region, or a redirect to another title). Every
/// other country's article is titled with its common name.
const WIKIPEDIA_TITLES: &[(&str, &str)] = &[
    ("GE", "Georgia_(country)"),
    ("IE", "Republic_of_Ireland"),
    ("FM", "Federated_States_of_Micronesia"),
    ("PS", "State_of_Palestine"),
    ("MF", "Collectivity_of_Saint_Martin"),
    ("GS", "South_Georgia_and_the_South_Sandwich_Islands"),
    ("CD", "Democratic_Republic_of_the_Congo"),
    ("TL", "East_Timor"),
    ("TR", "Turkey"),
    ("CZ", "Czech_Republic"),
    ("BS", "The_Bahamas"),
    ("GM", "The_Gambia"),
    ("AX", "Åland"),
];

/// The English Wikipedia title of a country's article, from its ISO code and common name.
pub fn wikipedia_title(iso: &str, common_name: &str) -> String {
    WIKIPEDIA_TITLES
        .iter()
        .find(|(code, _)| *code == iso)
        .map(|(_, title)| title.to_string())
        .unwrap_or_else(|| common_name.replace(' ', "_"))
}

/// Adds every country and territory in `countries.json`.
pub fn add(path: &Path, ctx: &mut Context) -> Result<()> {
    let version = path
        .parent()
        .and_then(|dir| read_json(&dir.join("package.json")).ok())
        .and_then(|p| text(&p, "version"))
        .unwrap_or_else(|| "unknown".into());
    ctx.builder.source(SOURCE, "ODbL 1.0", &format!("country names, spellings and capitals from the world-countries package {version} (mledoze/countries)"));
    let rows = read_json(path)?;
    for row in rows.as_array().into_iter().flatten() {
        if let Some((country, entity)) = country(row, &ctx.common_words) {
            ctx.builder.add(entity);
            ctx.countries.insert(country.iso.clone(), country);
        }
    }
    Ok(())
}

/// One row: the country's facts for the other sources, and its entity.
fn country(
    row: &Value,
    common: &std::collections::HashSet<String>,
) -> Option<(Country, EntityInput)> {
    let iso = text(row, "cca2")?;
    let cca3 = text(row, "cca3").unwrap_or_default();
    let names = row.get("name")?;
    let name = text(names, "common")?;
    let independent = row
        .get("independent")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let subtype = if independent || iso == "XK" || iso == "PS" || iso == "TW" {
        "country"
    } else {
        "territory"
    };
    let mut e = EntityInput::new(
        Context::country_id(&iso),
        EntityType::Loc,
        subtype,
        name.clone(),
    );
    e.country = Some(iso.clone());
    e.wikipedia = Some(wikipedia_title(&iso, &name));
    e.sources.push(SOURCE.into());
    let push_alias = |e: &mut EntityInput, alias: &str, hidden: bool| {
        let alias = alias.trim();
        if alias.is_empty()
            || alias == e.name
            || e.aliases
                .iter()
                .chain(&e.hidden_aliases)
                .any(|a| a == alias)
        {
            return;
        }
        // "Korea, Republic of" is an index form, not something an article writes.
        if alias.contains(", ") {
            return;
        }
        let all_caps = alias.chars().all(|c| c.is_ascii_uppercase());
        if all_caps && (alias == iso || alias == cca3) && !CODES_USED_IN_NEWS.contains(&alias) {
            return;
        }
        if !crate::sources::text::is_latin(alias) {
            return;
        }
        // "Ísland" (Iceland's own name) and "CAR" are English words once case and accents go.
        if !alias.contains(' ') && common.contains(&crate::normalize::alias_key(alias)) {
            return;
        }
        if hidden {
            e.hidden_aliases.push(alias.to_string());
        } else {
            e.aliases.push(alias.to_string());
        }
    };
    if let Some(official) = text(names, "official") {
        push_alias(&mut e, &official, false);
    }
    for alt in row
        .get("altSpellings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        push_alias(&mut e, alt, false);
    }
    for (_, extra) in NEWS_NAMES.iter().filter(|(code, _)| *code == iso) {
        for alias in *extra {
            push_alias(&mut e, alias, false);
        }
    }
    for native in names
        .get("native")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.values())
    {
        for key in ["common", "official"] {
            if let Some(n) = text(native, key) {
                push_alias(&mut e, &n, true);
            }
        }
    }
    if let Some([lat, lon]) = row
        .get("latlng")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_f64).collect::<Vec<_>>())
        .as_deref()
    {
        e.coords = Some((*lat as f32, *lon as f32));
    }
    let capitals: Vec<String> = row
        .get("capital")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let region = text(row, "region").unwrap_or_default();
    let subregion = text(row, "subregion").unwrap_or_else(|| region.clone());
    if let Some(area) = row.get("area").and_then(Value::as_f64).filter(|a| *a > 0.0) {
        e.facts.push(crate::dataset::Fact {
            label: "Area".into(),
            value: format!(
                "{} km²",
                crate::sources::text::thousands(area.round() as u64)
            ),
        });
    }
    let country = Country {
        iso,
        name,
        subregion,
        capitals,
        capital_coords: None,
        independent: subtype == "country",
        population: None,
    };
    Some((country, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_spellings_become_aliases_but_codes_and_index_forms_do_not() {
        let row: Value = serde_json::from_str(
            r#"{"name":{"common":"United Kingdom","official":"United Kingdom of Great Britain and Northern Ireland","native":{"eng":{"common":"United Kingdom","official":"United Kingdom of Great Britain and Northern Ireland"}}},
                "cca2":"GB","cca3":"GBR","independent":true,"capital":["London"],"altSpellings":["GB","UK","Great Britain","Britain, Great"],
                "region":"Europe","subregion":"Northern Europe","latlng":[54,-2],"area":242900,"demonyms":{"eng":{"f":"British","m":"British"}}}"#,
        )
        .unwrap();
        let (country, e) = country(&row, &Default::default()).unwrap();
        assert_eq!(e.id, "country:GB");
        assert_eq!(e.subtype, "country");
        assert_eq!(
            e.aliases,
            [
                "United Kingdom of Great Britain and Northern Ireland",
                "UK",
                "Great Britain",
                "Britain"
            ]
        );
        assert!(!e
            .aliases
            .iter()
            .chain(&e.hidden_aliases)
            .any(|a| a == "British" || a == "GB"));
        assert_eq!(e.coords, Some((54.0, -2.0)));
        assert_eq!(country.capitals, ["London"]);
        assert_eq!(country.subregion, "Northern Europe");
        assert_eq!(e.facts[0].value, "242,900 km²");
        assert_eq!(e.wikipedia.as_deref(), Some("United_Kingdom"));
    }

    #[test]
    fn wikipedia_titles_are_the_common_name_unless_the_article_is_elsewhere() {
        assert_eq!(wikipedia_title("US", "United States"), "United_States");
        assert_eq!(wikipedia_title("CI", "Ivory Coast"), "Ivory_Coast");
        assert_eq!(wikipedia_title("GE", "Georgia"), "Georgia_(country)");
        assert_eq!(wikipedia_title("IE", "Ireland"), "Republic_of_Ireland");
    }

    #[test]
    fn dependent_territories_are_territories() {
        let row: Value = serde_json::from_str(r#"{"name":{"common":"Aruba","official":"Aruba"},"cca2":"AW","cca3":"ABW","independent":false,"capital":["Oranjestad"],"altSpellings":["AW"],"region":"Americas","subregion":"Caribbean","latlng":[12.5,-69.96]}"#).unwrap();
        let (country, e) = country(&row, &Default::default()).unwrap();
        assert_eq!(e.subtype, "territory");
        assert!(!country.independent);
        assert!(e.aliases.is_empty());
    }
}
