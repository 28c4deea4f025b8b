//! Finding the entity a source's record is about when ids and Wikipedia titles do not say.
//!
//! - Places and organizations ([`find_same`]): the same alias key, type and country (when both
//!   have one), and a compatible kind of place: a country never merges with its namesake capital
//!   ("Luxembourg"), a city never with a region.
//! - People ([`find_person`]): the same full name in the same country, else most of the name's
//!   words in common allowing a letter or two of transliteration ("Benyamin"/"Benjamin",
//!   "Muhammad"/"Mohammed"), including the surname, in the same country, when exactly one person
//!   fits best.
//!
//! Two records from the same source are never merged by name: a source's own records are
//! distinct things (two Springfields).

use crate::dataset::{DatasetBuilder, EntityInput, EntityType};
use crate::normalize::alias_key;

/// Coarse kind of place, for deciding whether two places of one name can be one place: a
/// country never merges with its namesake capital ("Luxembourg"), a state never with its
/// namesake river ("Mississippi", "Colorado"), a region never with a building or airport in it
/// ("Westminster", "Orly"). Islands and peninsulas are areas: a region is often the island
/// ("Sicily", "Kamchatka").
pub fn place_class(subtype: &str) -> &'static str {
    match subtype {
        "country" | "territory" => "country",
        "city" | "capital" | "town" => "city",
        "river" | "lake" | "sea" | "ocean" | "gulf" | "strait" | "bay" | "canal" | "channel"
        | "sound" | "firth" | "inlet" | "reservoir" | "waterway" | "brook" | "loch" | "bight"
        | "waterfall" | "estuary" => "water",
        "mountain" | "mountain range" | "mountain peak" | "hill" | "volcano" | "desert"
        | "valley" | "plain" | "tableland" | "plateau" | "pass" | "gorge" | "cave" | "trench"
        | "fault" | "forest" | "glacier" | "cape" | "promontory" => "relief",
        "airport" | "military_base" | "landmark" | "port" | "palace" | "wall" | "temple" | "dam"
        | "skyscraper" | "fortress" | "keep" | "residence" | "rampart" | "stock exchange"
        | "concentration camp" | "university" | "park" | "building" | "castle" | "bridge"
        // WordNet's words for buildings and monuments (a curated row calls them landmarks).
        | "amphitheater" | "shrine" | "memorial" | "government office" | "chapel" | "statue"
        | "mausoleum" | "retreat" | "minster" | "church" | "cathedral" | "mosque" | "monument"
        | "tower" | "stadium" | "museum" | "section" => "site",
        _ => "area",
    }
}

fn shares_source(a: &EntityInput, b: &EntityInput) -> bool {
    a.sources.iter().any(|s| b.sources.contains(s))
}

fn country_fits(a: &EntityInput, b: &EntityInput) -> bool {
    match (&a.country, &b.country) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// The id of an earlier place or organization that `e` describes, if any.
pub fn find_same(builder: &DatasetBuilder, e: &EntityInput) -> Option<String> {
    let kind = e.kind?;
    let name_key = alias_key(&e.name);
    let keys: Vec<String> = std::iter::once(e.name.as_str())
        .chain(e.aliases.iter().map(String::as_str))
        .map(alias_key)
        .filter(|k| !k.is_empty())
        .collect();
    let mut best: Option<(&EntityInput, (bool, u32, u64))> = None;
    for key in &keys {
        for c in builder.lookup(key) {
            if c.kind != Some(kind) || shares_source(c, e) || !country_fits(c, e) {
                continue;
            }
            if kind == EntityType::Loc && place_class(&c.subtype) != place_class(&e.subtype) {
                continue;
            }
            if kind == EntityType::Per {
                continue;
            }
            let rank = (
                alias_key(&c.name) == name_key,
                (c.prior * 1000.0) as u32,
                c.population.unwrap_or(0),
            );
            if best.as_ref().is_none_or(|(_, r)| rank > *r) {
                best = Some((c, rank));
            }
        }
    }
    best.map(|(c, _)| c.id.clone())
}

/// Words of a person's name that identify them: no particles, initials or suffixes.
fn name_tokens(name: &str) -> Vec<String> {
    const SKIP: &[&str] = &[
        "bin", "bint", "ibn", "al", "el", "de", "da", "do", "dos", "del", "di", "du", "van", "von",
        "der", "la", "le", "e", "y", "jr", "sr", "ii", "iii", "iv",
    ];
    alias_key(name)
        .split(' ')
        .filter(|t| t.chars().count() > 1 && !SKIP.contains(t))
        .map(str::to_string)
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            cur[j] = (prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(prev[j - 1] + usize::from(a[i - 1] != b[j - 1]));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Same word up to transliteration: equal, or one letter apart in words of five letters or
/// more, or two apart in words of seven or more.
pub fn similar_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let n = a.chars().count().min(b.chars().count());
    let d = if n >= 5 {
        edit_distance(a, b)
    } else {
        return false;
    };
    d <= 1 || (n >= 7 && d <= 2)
}

/// The id of an earlier person that `e` (a person) is, if any.
pub fn find_person(builder: &DatasetBuilder, e: &EntityInput) -> Option<String> {
    let name_key = alias_key(&e.name);
    // The same full name (or a full-name alias) in a compatible country.
    let exact: Vec<&EntityInput> = std::iter::once(&e.name)
        .chain(e.aliases.iter().filter(|a| a.contains(' ')))
        .flat_map(|n| builder.lookup(&alias_key(n)))
        .filter(|c| c.kind == Some(EntityType::Per) && !shares_source(c, e) && country_fits(c, e))
        .collect();
    if let Some(c) = exact
        .iter()
        .find(|c| alias_key(&c.name) == name_key)
        .or(exact.first())
    {
        return Some(c.id.clone());
    }
    // Most words in common, in the same country.
    let country = e.country.as_ref()?;
    let mine = name_tokens(&e.name);
    if let [only] = mine.as_slice() {
        // A monarch named by one name ("Philippe", "Guillaume", "Ibrahim"): the one head of state
        // of the country who has that name among theirs ("Philippe of Belgium").
        if e.subtype != "head_of_state" {
            return None;
        }
        return only_office_peer(builder, e, country, |c| {
            std::iter::once(&c.name)
                .chain(&c.aliases)
                .any(|n| name_tokens(n).iter().any(|w| similar_word(w, only)))
        });
    }
    if mine.len() < 2 {
        return None;
    }
    let mut best: Option<(usize, &EntityInput)> = None;
    let mut tie = false;
    for c in builder.entities() {
        if c.kind != Some(EntityType::Per)
            || c.country.as_ref() != Some(country)
            || shares_source(c, e)
        {
            continue;
        }
        let theirs = name_tokens(&c.name);
        let Some(surname) = theirs.last() else {
            continue;
        };
        if theirs.len() < 2 || !mine.iter().any(|m| similar_word(m, surname)) {
            continue;
        }
        let mut words = theirs.clone();
        for a in &c.aliases {
            words.extend(name_tokens(a));
        }
        let matched = mine
            .iter()
            .filter(|m| words.iter().any(|w| similar_word(m, w)))
            .count();
        if matched < 2 {
            continue;
        }
        match best {
            Some((m, prev)) if m == matched && prev.id != c.id => tie = true,
            Some((m, _)) if m >= matched => {}
            _ => {
                best = Some((matched, c));
                tie = false;
            }
        }
    }
    if tie {
        return None;
    }
    if best.is_some() {
        return best.map(|(_, c)| c.id.clone());
    }
    // The same surname holding the same kind of office in the same country ("Qohir" and
    // "Kokhir Rasulzoda", prime ministers of Tajikistan), when only one person fits.
    let surname = mine.last()?;
    if surname.chars().count() < 4
        || !matches!(
            e.subtype.as_str(),
            "head_of_state" | "head_of_government" | "official"
        )
    {
        return None;
    }
    only_office_peer(builder, e, country, |c| {
        name_tokens(&c.name).last() == Some(surname)
    })
}

/// The id of the one person from another source who holds `e`'s kind of office in `country`
/// and whose names pass `names_fit`; `None` when no one or several do.
fn only_office_peer(
    builder: &DatasetBuilder,
    e: &EntityInput,
    country: &str,
    names_fit: impl Fn(&EntityInput) -> bool,
) -> Option<String> {
    let mut fits = builder.entities().iter().filter(|c| {
        c.kind == Some(EntityType::Per)
            && c.country.as_deref() == Some(country)
            && c.subtype == e.subtype
            && !shares_source(c, e)
            && names_fit(c)
    });
    match (fits.next(), fits.next()) {
        (Some(c), None) => Some(c.id.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, country: &str, source: &str) -> EntityInput {
        let mut e = EntityInput::new(id, EntityType::Per, "politician", name);
        e.country = Some(country.into());
        e.sources.push(source.into());
        e
    }

    fn place(id: &str, subtype: &str, name: &str, country: &str, source: &str) -> EntityInput {
        let mut e = EntityInput::new(id, EntityType::Loc, subtype, name);
        e.country = Some(country.into());
        e.sources.push(source.into());
        e
    }

    #[test]
    fn people_match_across_transliterations_and_full_names() {
        let mut b = DatasetBuilder::new("t");
        b.add(person("Q1", "Benjamin Netanyahu", "IL", "curated"));
        b.add(person("Q2", "Cyril Ramaphosa", "ZA", "curated"));
        b.add(person("Q3", "Mohammed bin Salman", "SA", "curated"));
        b.add(person("Q4", "Emmanuel Macron", "FR", "curated"));
        b.add(person("Q5", "Mike Johnson", "US", "curated"));
        let cases = [
            ("Benyamin Netanyahu", "IL", Some("Q1")),
            ("Matamela Cyril Ramaphosa", "ZA", Some("Q2")),
            (
                "Muhammad bin Salman bin Abd al-Aziz Al Saud",
                "SA",
                Some("Q3"),
            ),
            ("Salman bin Abd al-Aziz Al Saud", "SA", None),
            ("Emmanuel Macron", "FR", Some("Q4")),
            ("Emmanuel Macron", "US", None),
            ("Ron Johnson", "US", None),
        ];
        for (name, country, expected) in cases {
            let e = person("x", name, country, "factbook");
            assert_eq!(find_person(&b, &e).as_deref(), expected, "{name}");
        }
    }

    #[test]
    fn a_monarch_named_by_one_name_is_the_countrys_head_of_state_of_that_name() {
        let head = |id: &str, subtype: &str, name: &str, country: &str, source: &str| {
            let mut e = person(id, name, country, source);
            e.subtype = subtype.into();
            e
        };
        let mut b = DatasetBuilder::new("t");
        b.add(head(
            "Q1",
            "head_of_state",
            "Philippe of Belgium",
            "BE",
            "curated",
        ));
        b.add(head(
            "Q2",
            "head_of_state",
            "Sultan Ibrahim of Johor",
            "MY",
            "curated",
        ));
        b.add(head(
            "Q3",
            "head_of_government",
            "Anwar Ibrahim",
            "MY",
            "curated",
        ));
        let cases = [
            (
                head("x", "head_of_state", "Philippe", "BE", "factbook"),
                Some("Q1"),
            ),
            (
                head("x", "head_of_state", "Ibrahim", "MY", "factbook"),
                Some("Q2"),
            ),
            (
                head("x", "head_of_state", "Philippe", "FR", "factbook"),
                None,
            ),
            (
                head("x", "head_of_government", "Ibrahim", "MY", "factbook"),
                None,
            ),
        ];
        for (e, expected) in cases {
            assert_eq!(
                find_person(&b, &e).as_deref(),
                expected,
                "{} {}",
                e.name,
                e.subtype
            );
        }
    }

    #[test]
    fn places_merge_only_with_the_same_kind_of_place() {
        let mut b = DatasetBuilder::new("t");
        b.add(place(
            "country:LU",
            "country",
            "Luxembourg",
            "LU",
            "world-countries",
        ));
        b.add(place("geonames:1", "city", "Paris", "FR", "GeoNames"));
        b.add(place(
            "curated:gaza",
            "disputed_territory",
            "Gaza Strip",
            "PS",
            "curated",
        ));
        let mut river = place(
            "curated:river",
            "river",
            "Mississippi River",
            "US",
            "curated",
        );
        river.aliases.push("Mississippi".into());
        b.add(river);
        let cases = [
            (place("x", "city", "Luxembourg", "LU", "GeoNames"), None),
            (
                place("x", "country", "Luxembourg", "LU", "factbook"),
                Some("country:LU"),
            ),
            (
                place("x", "city", "Paris", "FR", "world-countries"),
                Some("geonames:1"),
            ),
            (place("x", "city", "Paris", "FR", "GeoNames"), None),
            (place("x", "city", "Paris", "US", "world-countries"), None),
            (
                place("x", "region", "Gaza Strip", "PS", "factbook"),
                Some("curated:gaza"),
            ),
            (place("x", "state", "Mississippi", "US", "GeoNames"), None),
        ];
        for (e, expected) in cases {
            assert_eq!(
                find_same(&b, &e).as_deref(),
                expected,
                "{} {}",
                e.name,
                e.subtype
            );
        }
    }

    #[test]
    fn similar_words_allow_small_spelling_differences() {
        assert!(similar_word("benyamin", "benjamin"));
        assert!(similar_word("muhammad", "mohammed"));
        assert!(!similar_word("john", "joan"));
    }
}
