//! WordNet 3.0 noun instances (Debian `wordnet-base`, `/usr/share/wordnet/data.noun`; WordNet
//! 3.0 license, Princeton University): famous people, places and institutions, typed through
//! their hypernym chains and described by their glosses.
//!
//! An instance is a line with an `@i` (instance hypernym) pointer. Its type comes from the
//! closure of its hypernyms: under *person* it is PER, under *location*, *body of water*,
//! *geological formation*, *land* or *structure* it is LOC, under *organization* it is ORG.
//! Left out on purpose: spiritual and imaginary beings (gods, fictional characters), apostles,
//! saints and biblical figures (their names are common first names: "Mark", "John", "Peter"),
//! and single-word names that are ordinary English words.
//!
//! WordNet's lower-case lemmas also give [`common_words`], used by other sources to avoid
//! aliases that are ordinary words ("Man", "Store").

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::dataset::{EntityInput, EntityType};
use crate::normalize::alias_key;
use crate::sources::text::capitalize;
use crate::sources::Context;
use crate::words::CALENDAR_WORDS;
use crate::{Error, Result};

/// Name of this source on the credits page.
pub const SOURCE: &str = "WordNet 3.0";

const PERSON: &str = "00007846";
const LOC_ROOTS: &[&str] = &["00027167", "09225146", "09287968", "09334396", "04341686"];
const ORGANIZATION: &str = "08008335";
/// Spiritual being, imaginary being, the Apostles, saint (as a deity), prophet, patriarch.
const EXCLUDED: &[&str] = &[
    "09504135", "09483738", "09798811", "09799213", "10547145", "10483890", "10406905", "10546850",
];
/// Celestial bodies and similar things under "location" that are not places on Earth.
const EXCLUDED_LOC: &[&str] = &["09239740", "08544813"];

/// One synset of `data.noun`.
#[derive(Debug, Clone, PartialEq)]
pub struct Synset {
    /// Byte offset, the synset's id.
    pub offset: String,
    /// Lemmas with spaces for underscores.
    pub words: Vec<String>,
    /// Hypernym offsets (`@` and `@i`).
    pub hypernyms: Vec<String>,
    /// True when it has an instance hypernym.
    pub instance: bool,
    /// The gloss.
    pub gloss: String,
}

/// Parses one line of `data.noun` (`None` for the license header and malformed lines).
pub fn parse_line(line: &str) -> Option<Synset> {
    if line.starts_with("  ") {
        return None;
    }
    let (head, gloss) = line.split_once(" | ").unwrap_or((line, ""));
    let f: Vec<&str> = head.split_whitespace().collect();
    let offset = f.first()?.to_string();
    let count = usize::from_str_radix(f.get(3)?, 16).ok()?;
    let words = (0..count)
        .map(|i| f.get(4 + 2 * i).map(|w| w.replace('_', " ")))
        .collect::<Option<Vec<_>>>()?;
    let mut at = 4 + 2 * count;
    let pointers: usize = f.get(at)?.parse().ok()?;
    at += 1;
    let mut hypernyms = Vec::new();
    let mut instance = false;
    for _ in 0..pointers {
        let (symbol, target, pos) = (*f.get(at)?, *f.get(at + 1)?, *f.get(at + 2)?);
        if pos == "n" && (symbol == "@" || symbol == "@i") {
            hypernyms.push(target.to_string());
            instance |= symbol == "@i";
        }
        at += 4;
    }
    Some(Synset {
        offset,
        words,
        hypernyms,
        instance,
        gloss: gloss.trim().to_string(),
    })
}

/// Ordinary English words: single-word lemmas written in lower case in WordNet's data files
/// (the index files lower-case everything, so they cannot tell "paris" from "Paris"), except
/// those that are also a proper noun ("cologne" the perfume, "Cologne" the city); and the days
/// of the week and months, which are capitalized but no one's alias ("Friday" for Godwin
/// Friday, "Sunday" for the evangelist Billy Sunday).
pub fn common_words(dir: &Path) -> HashSet<String> {
    let mut lower = HashSet::new();
    let mut proper = HashSet::new();
    for file in ["data.noun", "data.verb", "data.adj", "data.adv"] {
        let Ok(bytes) = std::fs::read(dir.join(file)) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for line in text.lines().filter(|l| !l.starts_with(' ')) {
            let f: Vec<&str> = line.split(' ').collect();
            let Some(count) = f.get(3).and_then(|c| usize::from_str_radix(c, 16).ok()) else {
                continue;
            };
            for i in 0..count {
                let Some(word) = f.get(4 + 2 * i) else { break };
                // Adjectives carry markers such as "(a)".
                let word = word.split('(').next().unwrap_or(word);
                if word.contains('_') || word.is_empty() {
                    continue;
                }
                if word.chars().all(|c| c.is_ascii_lowercase()) {
                    lower.insert(word.to_string());
                } else if word.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                    proper.insert(word.to_lowercase());
                }
            }
        }
    }
    lower.retain(|w| !proper.contains(w));
    lower.extend(CALENDAR_WORDS.iter().map(|w| w.to_string()));
    lower
}

/// Type and subtype of an instance from its hypernym closure.
fn classify(s: &Synset, all: &HashMap<String, Synset>) -> Option<(EntityType, String)> {
    let mut closure = Vec::new();
    let mut stack = s.hypernyms.clone();
    while let Some(o) = stack.pop() {
        if closure.contains(&o) {
            continue;
        }
        if let Some(h) = all.get(&o) {
            stack.extend(h.hypernyms.iter().cloned());
        }
        closure.push(o);
    }
    if closure.iter().any(|o| EXCLUDED.contains(&o.as_str())) {
        return None;
    }
    let nearest = s
        .hypernyms
        .first()
        .and_then(|h| all.get(h))
        .map(|h| h.words[0].clone())
        .unwrap_or_default();
    let kind = if closure.iter().any(|o| o == PERSON) {
        EntityType::Per
    } else if closure.iter().any(|o| o == ORGANIZATION) {
        EntityType::Org
    } else if closure.iter().any(|o| LOC_ROOTS.contains(&o.as_str()))
        && !closure.iter().any(|o| EXCLUDED_LOC.contains(&o.as_str()))
    {
        EntityType::Loc
    } else {
        return None;
    };
    Some((kind, subtype(kind, &nearest)))
}

/// A card subtype from the nearest hypernym ("national capital" → "city").
fn subtype(kind: EntityType, hypernym: &str) -> String {
    let h = hypernym.to_lowercase();
    if kind == EntityType::Loc {
        let map: &[(&str, &str)] = &[
            ("capital", "city"),
            ("city", "city"),
            ("town", "city"),
            ("port", "city"),
            ("metropolis", "city"),
            ("country", "country"),
            ("kingdom", "country"),
            ("american state", "state"),
            ("state", "region"),
            ("province", "region"),
            ("region", "region"),
            ("geographical area", "region"),
            ("district", "region"),
            ("county", "region"),
            ("mountain", "mountain"),
            ("peak", "mountain"),
            ("volcano", "mountain"),
            ("range", "mountain range"),
            ("river", "river"),
            ("lake", "lake"),
            ("sea", "sea"),
            ("ocean", "ocean"),
            ("gulf", "gulf"),
            ("bay", "bay"),
            ("strait", "strait"),
            ("island", "island"),
            ("archipelago", "island"),
            ("desert", "desert"),
            ("peninsula", "peninsula"),
            ("canal", "canal"),
            ("bridge", "landmark"),
            ("building", "landmark"),
            ("tower", "landmark"),
            ("park", "park"),
            ("waterfall", "waterfall"),
        ];
        if let Some((_, s)) = map.iter().find(|(k, _)| h.contains(k)) {
            return s.to_string();
        }
    }
    if kind == EntityType::Org {
        let map: &[(&str, &str)] = &[
            ("terrorist", "armed_group"),
            ("university", "university"),
            ("party", "party"),
            ("company", "company"),
            ("agency", "agency"),
            ("army", "military"),
        ];
        if let Some((_, s)) = map.iter().find(|(k, _)| h.contains(k)) {
            return s.to_string();
        }
    }
    h
}

const TITLE_PREFIXES: &[&str] = &[
    "President ",
    "King ",
    "Queen ",
    "Saint ",
    "St. ",
    "Sir ",
    "Dame ",
    "Pope ",
    "General ",
    "Lord ",
    "Lady ",
    "Mrs. ",
    "Mr. ",
    "Dr. ",
    "Prince ",
    "Princess ",
    "Emperor ",
    "Czar ",
    "Tsar ",
];

/// True for "City of Light" and "Abraham Lincoln", false for "capital of France".
fn is_name_like(s: &str) -> bool {
    const SMALL: &[&str] = &[
        "of", "the", "de", "du", "la", "le", "von", "van", "der", "and", "y", "da", "di", "al",
        "bin", "el",
    ];
    s.split_whitespace().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || SMALL.contains(&w)
    }) && s.chars().next().is_some_and(char::is_uppercase)
}

/// One instance as an entity, or `None` when it is left out.
fn entity(
    s: &Synset,
    kind: EntityType,
    subtype: String,
    common: &HashSet<String>,
) -> Option<EntityInput> {
    let gloss = s
        .gloss
        .split("; \"")
        .next()
        .unwrap_or(&s.gloss)
        .trim()
        .trim_end_matches(';')
        .trim();
    let lower = gloss.to_lowercase();
    if [
        "(old testament",
        "(new testament",
        "(bible",
        "(genesis",
        "mythology)",
        "(in the bible",
    ]
    .iter()
    .any(|m| lower.starts_with(m) || lower.contains(m))
    {
        return None;
    }
    let names: Vec<&String> = s.words.iter().filter(|w| is_name_like(w)).collect();
    let name = if kind == EntityType::Per {
        names
            .iter()
            .filter(|w| {
                (2..=4).contains(&w.split_whitespace().count())
                    && !TITLE_PREFIXES.iter().any(|t| w.starts_with(t))
            })
            .max_by_key(|w| {
                (
                    w.split_whitespace().count().min(3),
                    std::cmp::Reverse(w.len()),
                )
            })
            .or(names.first())
    } else {
        names.first()
    }?;
    let name = name.to_string();
    if !name.contains(' ') && common.contains(&name.to_lowercase()) {
        return None;
    }
    let mut e = EntityInput::new(format!("wordnet:{}", s.offset), kind, subtype, name.clone());
    e.sources.push(SOURCE.into());
    for w in names {
        if *w != name
            && (w.contains(' ') || !common.contains(&w.to_lowercase()))
            && !e.aliases.contains(w)
        {
            e.aliases.push(w.to_string());
        }
    }
    let mut description = capitalize(gloss);
    if description.chars().count() > 200 {
        description = description
            .split(';')
            .next()
            .unwrap_or(&description)
            .to_string();
    }
    e.description = description;
    e.prior = match kind {
        EntityType::Per => 0.35,
        EntityType::Loc => 0.3,
        EntityType::Org => 0.4,
    };
    Some(e)
}

/// The earlier entity a WordNet instance is about: same type, same name or alias, a compatible
/// kind of place; among several, the one whose country the gloss names, else the largest.
fn find_existing(e: &EntityInput, ctx: &Context) -> Option<String> {
    let key = alias_key(&e.name);
    let class = crate::sources::merge::place_class;
    let candidates: Vec<&EntityInput> = ctx
        .builder
        .lookup(&key)
        .filter(|c| c.kind == e.kind && !c.sources.iter().any(|s| s == SOURCE))
        .filter(|c| e.kind != Some(EntityType::Loc) || class(&c.subtype) == class(&e.subtype))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    if e.kind == Some(EntityType::Per) {
        // People: only the same name, and a one-word name ("Plato") only when one person has it.
        let same: Vec<&&EntityInput> = candidates
            .iter()
            .filter(|c| alias_key(&c.name) == key)
            .collect();
        return match same.as_slice() {
            [one] => Some(one.id.clone()),
            [first, ..] if key.contains(' ') => Some(first.id.clone()),
            _ => None,
        };
    }
    let gloss = e.description.as_str();
    let in_gloss: Vec<&&EntityInput> = candidates
        .iter()
        .filter(|c| {
            c.country
                .as_deref()
                .and_then(|iso| ctx.country_name(iso))
                .is_some_and(|n| gloss.contains(n))
        })
        .collect();
    // Without the country in the gloss, only a place of exactly that name will do (the gloss of
    // "Nicaea", an ancient city, does not make it Nice, which GeoNames also calls Nicaea), else
    // the one place that shows it as an alias ("New York" of New York State); hidden alternate
    // names (GeoNames' "Nicaea") do not count.
    let pool: Vec<&EntityInput> = if in_gloss.is_empty() {
        let named: Vec<&EntityInput> = candidates
            .iter()
            .copied()
            .filter(|c| alias_key(&c.name) == key)
            .collect();
        let aliased: Vec<&EntityInput> = candidates
            .iter()
            .copied()
            .filter(|c| c.aliases.iter().any(|a| alias_key(a) == key))
            .collect();
        match (named.is_empty(), aliased.as_slice()) {
            (true, [one]) => vec![*one],
            _ => named,
        }
    } else {
        in_gloss.into_iter().copied().collect()
    };
    pool.into_iter()
        .max_by_key(|c| {
            (
                alias_key(&c.name) == key,
                c.population.unwrap_or(0),
                (c.prior * 1000.0) as u32,
            )
        })
        .map(|c| c.id.clone())
}

/// Adds the noun instances in `dir/data.noun`.
pub fn add(dir: &Path, ctx: &mut Context) -> Result<()> {
    ctx.builder.source(SOURCE, "WordNet 3.0 license", "WordNet 3.0, Princeton University (Debian wordnet-base): glosses of people, places and organizations");
    let path = dir.join("data.noun");
    let bytes = std::fs::read(&path).map_err(|e| {
        Error::io(
            format!("reading {} (apt-get install wordnet-base)", path.display()),
            e,
        )
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let all: HashMap<String, Synset> = text
        .lines()
        .filter_map(parse_line)
        .map(|s| (s.offset.clone(), s))
        .collect();
    let mut instances: Vec<&Synset> = all.values().filter(|s| s.instance).collect();
    instances.sort_by(|a, b| a.offset.cmp(&b.offset));
    let common = std::mem::take(&mut ctx.common_words);
    for s in instances {
        let Some((kind, subtype)) = classify(s, &all) else {
            continue;
        };
        let Some(e) = entity(s, kind, subtype, &common) else {
            continue;
        };
        match find_existing(&e, ctx) {
            Some(target) => {
                // Known already: WordNet adds its other names and a credit, not its gloss.
                let mut extra = e;
                extra.description.clear();
                extra.subtype.clear();
                extra.prior = 0.0;
                extra.hidden_aliases = std::mem::take(&mut extra.aliases);
                ctx.builder.add_into(&target, extra)
            }
            None => ctx.builder.add(e),
        };
    }
    ctx.common_words = common;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
00007846 03 n 06 person 0 individual 0 someone 0 somebody 0 mortal 0 soul 0 001 @ 00004475 n 0000 | a human being
00004475 03 n 01 organism 0 000 | a living thing
10650162 18 n 01 statesman 0 001 @ 00007846 n 0000 | a man who is a respected leader
11115558 18 n 04 Lincoln 0 Abraham_Lincoln 0 President_Lincoln 0 President_Abraham_Lincoln 0 001 @i 10650162 n 0000 | 16th President of the United States (1809-1865)
09504135 03 n 02 spiritual_being 0 supernatural_being 0 000 | an ideal being
09505418 18 n 04 deity 0 divinity 0 god 1 immortal 0 001 @ 09504135 n 0000 | any supernatural being worshipped
09550000 18 n 01 Zeus 0 001 @i 09505418 n 0000 | (Greek mythology) the supreme god
00027167 03 n 01 location 0 000 | a point or extent in space
08524735 15 n 02 city 0 metropolis 0 001 @ 00027167 n 0000 | a large and densely populated urban area
08940545 15 n 04 Paris 0 City_of_Light 0 French_capital 0 capital_of_France 0 001 @i 08524735 n 0000 | the capital and largest city of France; \"Paris is the center of fashion\"
";

    #[test]
    fn instances_are_typed_through_hypernyms() {
        let all: HashMap<String, Synset> = SAMPLE
            .lines()
            .filter_map(parse_line)
            .map(|s| (s.offset.clone(), s))
            .collect();
        let common: HashSet<String> = ["lincoln"].iter().map(|s| s.to_string()).collect();
        let lincoln = &all["11115558"];
        assert!(lincoln.instance);
        let (kind, subtype) = classify(lincoln, &all).unwrap();
        assert_eq!((kind, subtype.as_str()), (EntityType::Per, "statesman"));
        let e = entity(lincoln, kind, subtype, &common).unwrap();
        assert_eq!(e.name, "Abraham Lincoln");
        assert_eq!(
            e.aliases,
            ["President Lincoln", "President Abraham Lincoln"],
            "'Lincoln' alone is a common word in this sample"
        );
        assert_eq!(
            e.description,
            "16th President of the United States (1809-1865)"
        );
        assert_eq!(classify(&all["09550000"], &all), None, "gods are left out");
        let paris = &all["08940545"];
        let (kind, subtype) = classify(paris, &all).unwrap();
        let e = entity(paris, kind, subtype, &HashSet::new()).unwrap();
        assert_eq!(
            (e.kind, e.subtype.as_str(), e.name.as_str()),
            (Some(EntityType::Loc), "city", "Paris")
        );
        assert_eq!(e.aliases, ["City of Light"]);
        assert_eq!(e.description, "The capital and largest city of France");
    }
}
