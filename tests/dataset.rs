//! Tests of the built reference dataset (`build/dataset.bin`, made by `gloss dataset build`) and
//! of the Wikidata importer on a hand-written fixture in the dump format.
//!
//! The built-file tests skip, with a message, when the file is missing: build it first with
//! `cargo build --release && ./target/release/gloss dataset build`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use gloss::dataset::{Dataset, Entity};
use gloss::EntityType;

fn built() -> Option<Dataset> {
    let path = std::env::var_os("GLOSS_DATASET")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("build/dataset.bin"));
    match std::fs::read(&path) {
        Ok(bytes) => Some(Dataset::from_bytes(bytes).expect("the built dataset loads")),
        Err(_) => {
            eprintln!(
                "SKIPPED: {} is missing; run `./target/release/gloss dataset build` first",
                path.display()
            );
            None
        }
    }
}

/// The best candidate for a name, decoded.
fn top(ds: &Dataset, name: &str) -> Entity {
    let c = ds.candidates(name);
    let first = c
        .first()
        .unwrap_or_else(|| panic!("no candidate for {name:?}"));
    ds.entity(first.index).expect("record decodes")
}

/// A well-known entity: what a lookup of `query` must find first.
struct Known {
    query: &'static str,
    kind: EntityType,
    name: &'static str,
    country: Option<&'static str>,
    description_has: &'static str,
}

const KNOWN: &[Known] = &[
    Known {
        query: "Lagos",
        kind: EntityType::Loc,
        name: "Lagos",
        country: Some("NG"),
        description_has: "Nigeria",
    },
    Known {
        query: "Heathrow",
        kind: EntityType::Loc,
        name: "Heathrow Airport",
        country: Some("GB"),
        description_has: "London",
    },
    Known {
        query: "Paris",
        kind: EntityType::Loc,
        name: "Paris",
        country: Some("FR"),
        description_has: "Capital of France",
    },
    Known {
        query: "Moscow",
        kind: EntityType::Loc,
        name: "Moscow",
        country: Some("RU"),
        description_has: "Capital of Russia",
    },
    Known {
        query: "Jordan",
        kind: EntityType::Loc,
        name: "Jordan",
        country: Some("JO"),
        description_has: "Country in Western Asia",
    },
    Known {
        query: "Sergey Lavrov",
        kind: EntityType::Per,
        name: "Sergey Lavrov",
        country: Some("RU"),
        description_has: "Foreign Minister",
    },
    Known {
        query: "Lavrov’s",
        kind: EntityType::Per,
        name: "Sergey Lavrov",
        country: Some("RU"),
        description_has: "Russia",
    },
    Known {
        query: "Antony Blinken",
        kind: EntityType::Per,
        name: "Antony Blinken",
        country: Some("US"),
        description_has: "Secretary of State",
    },
    Known {
        query: "FBI",
        kind: EntityType::Org,
        name: "Federal Bureau of Investigation",
        country: Some("US"),
        description_has: "agency",
    },
    Known {
        query: "Emmanuel Macron",
        kind: EntityType::Per,
        name: "Emmanuel Macron",
        country: Some("FR"),
        description_has: "France",
    },
    Known {
        query: "France",
        kind: EntityType::Loc,
        name: "France",
        country: Some("FR"),
        description_has: "Western Europe",
    },
    Known {
        query: "United Kingdom",
        kind: EntityType::Loc,
        name: "United Kingdom",
        country: Some("GB"),
        description_has: "Northern Europe",
    },
    Known {
        query: "UK",
        kind: EntityType::Loc,
        name: "United Kingdom",
        country: Some("GB"),
        description_has: "people",
    },
    Known {
        query: "Caracas",
        kind: EntityType::Loc,
        name: "Caracas",
        country: Some("VE"),
        description_has: "Capital of Venezuela",
    },
    Known {
        query: "Texas",
        kind: EntityType::Loc,
        name: "Texas",
        country: Some("US"),
        description_has: "United States",
    },
    Known {
        query: "Cologne",
        kind: EntityType::Loc,
        name: "Köln",
        country: Some("DE"),
        description_has: "Germany",
    },
    Known {
        query: "Bavaria",
        kind: EntityType::Loc,
        name: "Bavaria",
        country: Some("DE"),
        description_has: "",
    },
    Known {
        query: "Apple",
        kind: EntityType::Org,
        name: "Apple Inc.",
        country: Some("US"),
        description_has: "",
    },
    Known {
        query: "Chuck Schumer",
        kind: EntityType::Per,
        name: "Chuck Schumer",
        country: Some("US"),
        description_has: "",
    },
    Known {
        query: "Albert Einstein",
        kind: EntityType::Per,
        name: "Albert Einstein",
        country: None,
        description_has: "relativity",
    },
    Known {
        query: "Pacific Ocean",
        kind: EntityType::Loc,
        name: "Pacific Ocean",
        country: None,
        description_has: "ocean",
    },
    // News means the city; the state comes second (`new_york_is_the_city_before_the_state`).
    Known {
        query: "New York",
        kind: EntityType::Loc,
        name: "New York City",
        country: Some("US"),
        description_has: "million people",
    },
    Known {
        query: "NYC",
        kind: EntityType::Loc,
        name: "New York City",
        country: Some("US"),
        description_has: "New York",
    },
    Known {
        query: "America",
        kind: EntityType::Loc,
        name: "United States",
        country: Some("US"),
        description_has: "North America",
    },
    Known {
        query: "Britain",
        kind: EntityType::Loc,
        name: "United Kingdom",
        country: Some("GB"),
        description_has: "Northern Europe",
    },
    Known {
        query: "Google",
        kind: EntityType::Org,
        name: "Google",
        country: Some("US"),
        description_has: "Alphabet",
    },
    Known {
        query: "Alphabet",
        kind: EntityType::Org,
        name: "Alphabet Inc.",
        country: Some("US"),
        description_has: "parent of Google",
    },
    Known {
        query: "RAW",
        kind: EntityType::Org,
        name: "Research and Analysis Wing",
        country: Some("IN"),
        description_has: "intelligence",
    },
    Known {
        query: "Philippe",
        kind: EntityType::Per,
        name: "Philippe of Belgium",
        country: Some("BE"),
        description_has: "King of the Belgians",
    },
    Known {
        query: "Laura Fernández",
        kind: EntityType::Per,
        name: "Laura Fernández Delgado",
        country: Some("CR"),
        description_has: "President of Costa Rica",
    },
    Known {
        query: "Jerome Powell",
        kind: EntityType::Per,
        name: "Jerome Powell",
        country: Some("US"),
        description_has: "Former chair of the US Federal Reserve",
    },
];

#[test]
fn well_known_entities_come_first() {
    let Some(ds) = built() else { return };
    let mut failures = Vec::new();
    for k in KNOWN {
        let e = top(&ds, k.query);
        let ok = e.kind == k.kind
            && e.name == k.name
            && (k.country.is_none() || e.country.as_deref() == k.country)
            && e.description.contains(k.description_has);
        if !ok {
            failures.push(format!(
                "{:?}: got {} {:?} {:?} ({:?}), want {} {:?} {:?} with {:?}",
                k.query,
                e.kind.as_str(),
                e.name,
                e.country,
                e.description,
                k.kind.as_str(),
                k.name,
                k.country,
                k.description_has
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_french_capital_ranks_above_paris_texas() {
    let Some(ds) = built() else { return };
    let list = ds.candidates("Paris");
    let entities: Vec<Entity> = list.iter().map(|c| ds.entity(c.index).unwrap()).collect();
    let texas = entities
        .iter()
        .position(|e| e.facts.iter().any(|f| f.value == "Texas"))
        .expect("Paris, Texas is a candidate");
    assert_eq!(entities[0].country.as_deref(), Some("FR"));
    assert!(
        list[0].prior > list[texas].prior + 0.3,
        "{} vs {}",
        list[0].prior,
        list[texas].prior
    );
}

#[test]
fn new_york_is_the_city_before_the_state() {
    let Some(ds) = built() else { return };
    let list = ds.candidates("New York");
    let names: Vec<String> = list
        .iter()
        .map(|c| ds.entity(c.index).unwrap().name)
        .collect();
    assert_eq!(names[..2], ["New York City", "New York State"], "{names:?}");
    // Apart by more than the linker's tie margin, so "New York" alone links to the city.
    assert!(
        list[0].prior > list[1].prior + 0.05,
        "{} vs {}",
        list[0].prior,
        list[1].prior
    );
    // GeoNames and WordNet describe the same two places: merged into them, not listed again.
    let state = top(&ds, "New York State");
    assert!(
        state.sources.iter().any(|s| s == "GeoNames"),
        "{:?}",
        state.sources
    );
    assert!(
        state.sources.iter().any(|s| s == "WordNet 3.0"),
        "{:?}",
        state.sources
    );
    let city = top(&ds, "New York");
    assert!(city.sources.iter().any(|s| s == "GeoNames"));
    assert_eq!(city.wikipedia.as_deref(), Some("New_York_City"));
}

#[test]
fn google_and_its_parent_alphabet_are_organizations() {
    let Some(ds) = built() else { return };
    let google = top(&ds, "Google");
    let alphabet = top(&ds, "Alphabet");
    let alphabet_index = ds.index_of(&alphabet.id).unwrap();
    assert!(
        google.related.contains(&alphabet_index),
        "Google's parent is page context"
    );
    assert!(google
        .facts
        .iter()
        .any(|f| f.label == "Parent" && f.value == "Alphabet Inc."));
    assert!(
        alphabet.sources.iter().any(|s| s == "S&P 500 constituents"),
        "the S&P 500 record merged into the curated one: {:?}",
        alphabet.sources
    );
    assert!(
        !ds.candidates("Google")
            .iter()
            .any(|c| c.kind == EntityType::Loc),
        "Topeka's joke name is not an alias"
    );
}

#[test]
fn ordinary_words_do_not_find_the_entities_that_once_had_them_as_aliases() {
    let Some(ds) = built() else { return };
    // (word, entity that must not be a candidate for it)
    let cases = [
        ("Diet", "National Diet"),
        ("Quad", "Quadrilateral Security Dialogue"),
        ("the Quad", "Quadrilateral Security Dialogue"),
        ("Commonwealth", "Commonwealth of Nations"),
        ("Total", "TotalEnergies"),
        ("Champagne", "François-Philippe Champagne"),
        ("Cleverly", "James Cleverly"),
        ("Fury", "Tyson Fury"),
        ("Friday", "Godwin Friday"),
    ];
    for (word, entity) in cases {
        let found: Vec<String> = ds
            .candidates(word)
            .iter()
            .map(|c| ds.entity(c.index).unwrap().name)
            .collect();
        assert!(
            !found.iter().any(|n| n == entity),
            "{word:?} finds {entity}"
        );
    }
    // An alias in capitals stays: the linker matches it only in text written in capitals.
    let raw = top(&ds, "RAW");
    let raw_aliases: Vec<&String> = raw
        .aliases
        .iter()
        .filter(|a| gloss::normalize::alias_key(a) == "raw")
        .collect();
    assert!(!raw_aliases.is_empty());
    assert!(raw_aliases
        .iter()
        .all(|a| !a.chars().any(char::is_lowercase)));
}

#[test]
fn countries_and_well_known_cities_have_wikipedia_titles_where_the_data_makes_them_safe() {
    let Some(ds) = built() else { return };
    let title = |name: &str| top(&ds, name).wikipedia;
    let cases: &[(&str, Option<&str>)] = &[
        ("France", Some("France")),
        ("United States", Some("United_States")),
        ("Georgia", Some("Georgia_(country)")),
        ("Ireland", Some("Republic_of_Ireland")),
        ("Czechia", Some("Czech_Republic")),
        ("Tokyo", Some("Tokyo")),
        ("Lagos", None), // also a Nigerian state and a Portuguese town
        ("Chicago", Some("Chicago,_Illinois")),
        ("Sergey Lavrov", Some("Sergey_Lavrov")),
    ];
    for (name, expected) in cases {
        assert_eq!(title(name).as_deref(), *expected, "{name}");
    }
}

#[test]
fn sources_about_one_thing_make_one_entity() {
    let Some(ds) = built() else { return };
    // (name, sources that must all be on the one entity with that name)
    let cases: &[(&str, &[&str])] = &[
        (
            "Donald Trump",
            &[
                "Gloss curated data",
                "CIA World Factbook",
                "congress-legislators",
            ],
        ),
        ("Paris", &["GeoNames", "WordNet 3.0"]),
        ("France", &["world-countries", "CIA World Factbook"]),
        (
            "Emmanuel Macron",
            &["Gloss curated data", "CIA World Factbook"],
        ),
        (
            "Benjamin Netanyahu",
            &["Gloss curated data", "CIA World Factbook"],
        ),
        (
            "George Washington",
            &["congress-legislators", "WordNet 3.0"],
        ),
        // The Factbook names them "Philippe" and "Alyaksandr Turchyn".
        (
            "Philippe of Belgium",
            &["Gloss curated data", "CIA World Factbook"],
        ),
        (
            "Alexander Turchin",
            &["Gloss curated data", "CIA World Factbook"],
        ),
    ];
    for (name, sources) in cases {
        let e = top(&ds, name);
        for s in *sources {
            assert!(
                e.sources.iter().any(|x| x == s),
                "{name}: sources {:?} lack {s}",
                e.sources
            );
        }
        let same_name = ds
            .candidates(name)
            .iter()
            .filter(|c| {
                c.is_name && c.kind == e.kind && ds.entity(c.index).unwrap().country == e.country
            })
            .count();
        assert_eq!(same_name, 1, "{name} is duplicated");
    }
}

#[test]
fn places_have_coordinates_and_related_countries() {
    let Some(ds) = built() else { return };
    for name in ["Lagos", "Paris", "Moscow", "Caracas"] {
        let e = top(&ds, name);
        assert!(e.coords.is_some(), "{name} has no coordinates");
        let country = ds
            .index_of(&format!("country:{}", e.country.as_deref().unwrap()))
            .unwrap();
        assert!(
            e.related.contains(&country),
            "{name} is not related to its country"
        );
    }
    let france = top(&ds, "France");
    let paris = ds.index_of(&top(&ds, "Paris").id).unwrap();
    assert!(
        france.related.contains(&paris),
        "France is not related to its capital"
    );
}

#[test]
fn targets_are_met() {
    let Some(ds) = built() else { return };
    let mut counts = [0usize; 3];
    for i in 0..ds.len() as u32 {
        let e = ds
            .entity(i)
            .unwrap_or_else(|| panic!("record {i} does not decode"));
        counts[EntityType::ALL.iter().position(|k| *k == e.kind).unwrap()] += 1;
        assert!(
            e.related.iter().all(|&r| (r as usize) < ds.len()),
            "{}: related index out of range",
            e.id
        );
        assert!(
            (0.0..=1.0).contains(&e.prior),
            "{}: prior {}",
            e.id,
            e.prior
        );
    }
    let [per, loc, org] = counts;
    assert!(loc >= 30_000, "{loc} places");
    assert!(per >= 5_000, "{per} people");
    assert!(org >= 2_000, "{org} organizations");
    assert!(
        ds.file_size() <= 15 * 1024 * 1024,
        "{} bytes",
        ds.file_size()
    );
    for source in &ds.meta().sources {
        assert!(
            !source.license.is_empty() && source.entities > 0,
            "{source:?}"
        );
    }
}

#[test]
fn loading_parses_only_the_header() {
    let Some(ds) = built() else { return };
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("build/dataset.bin"))
        .unwrap_or_default();
    if bytes.is_empty() {
        return;
    }
    let started = Instant::now();
    let again = Dataset::from_bytes(bytes).unwrap();
    let took = started.elapsed();
    eprintln!("loaded {} bytes in {took:?}", again.file_size());
    assert_eq!(again.len(), ds.len());
    // Natively, in an optimized build, loading is a checksum and a few bounds checks.
    if !cfg!(debug_assertions) {
        assert!(took.as_millis() < 50, "loading took {took:?}");
    }
}

#[test]
fn wikidata_dump_rows_are_kept_by_class_and_sitelinks() {
    use gloss::sources::wikidata::{import, ImportOptions};
    let dir = std::env::temp_dir().join(format!("gloss-wikidata-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wikidata-sample.json");
    // The same dump, gzipped, as the real dump is distributed.
    let gz = dir.join("sample.json.gz");
    {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(
            std::fs::File::create(&gz).unwrap(),
            flate2::Compression::fast(),
        );
        enc.write_all(&std::fs::read(&fixture).unwrap()).unwrap();
        enc.finish().unwrap();
    }
    for (dump, min) in [(fixture.clone(), 2), (gz.clone(), 2)] {
        let out = dir.join("rows/wikidata.jsonl");
        let n = import(&ImportOptions {
            dump,
            min_sitelinks: min,
            out: out.clone(),
        })
        .unwrap();
        assert_eq!(n, 4, "Paris, France, Macron and the FBI; not the cat, the one-sitelink person or the property");
        let rows: Vec<serde_json::Value> = std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let paris = rows.iter().find(|r| r["qid"] == "Q90").unwrap();
        assert_eq!(
            (
                paris["type"].as_str(),
                paris["country"].as_str(),
                paris["subtype"].as_str()
            ),
            (Some("LOC"), Some("FR"), Some("city"))
        );
        assert_eq!(paris["population"], 2145906);
        let macron = rows.iter().find(|r| r["qid"] == "Q3052772").unwrap();
        assert_eq!(
            (
                macron["type"].as_str(),
                macron["country"].as_str(),
                macron["born"].as_i64()
            ),
            (Some("PER"), Some("FR"), Some(1977))
        );
        let fbi = rows.iter().find(|r| r["qid"] == "Q8333").unwrap();
        assert_eq!(
            (fbi["type"].as_str(), fbi["aliases"][0].as_str()),
            (Some("ORG"), Some("FBI"))
        );

        // The rows build into a dataset through the curated reader.
        let mut builder = gloss::DatasetBuilder::new("test");
        gloss::sources::curated::add_files(&dir.join("rows"), &mut builder, "Wikidata").unwrap();
        let ds = Dataset::from_bytes(builder.build().unwrap()).unwrap();
        assert_eq!(ds.len(), 4);
        assert_eq!(
            ds.entity(ds.candidates("FBI")[0].index).unwrap().id,
            "Q8333"
        );
    }
    let n = import(&ImportOptions {
        dump: fixture,
        min_sitelinks: 4,
        out: dir.join("none.jsonl"),
    })
    .unwrap();
    assert_eq!(n, 0, "a threshold above every sitelink count keeps nothing");
    std::fs::remove_dir_all(&dir).ok();
}
