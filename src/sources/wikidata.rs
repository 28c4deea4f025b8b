//! The Wikidata importer: `gloss dataset import-wikidata DUMP.json[.gz] [--min-sitelinks N]
//! [--out FILE]`.
//!
//! It streams the standard Wikidata JSON dump (a JSON array with one entity per line, each line
//! ending in a comma) and keeps humans (P31 = Q5), places and organizations (P31 in the class
//! lists below) with at least N sitelinks and an English Wikipedia article. It writes them as
//! JSONL in the curated format (`data/curated/README.md`) plus `type`, `qid`, `sitelinks` and
//! `population` fields, by default to `data/wikidata/wikidata.jsonl`; `gloss dataset build`
//! reads every `*.jsonl` in `data/wikidata/` when that folder exists ([`add_rows`]), crediting
//! Wikidata (CC0). Entities meet the other sources through their QID and Wikipedia title.
//!
//! Writing rows rather than merging into the build keeps the multi-gigabyte dump out of every
//! build: import once, review or commit the rows, rebuild as often as needed.
//!
//! Countries are written as ISO alpha-2 codes: the importer remembers each item's P297 (ISO
//! 3166-1 alpha-2) while streaming and resolves P17/P27 at the end.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::sources::{curated, Context};
use crate::{Error, Result};

/// Name of this source on the credits page.
pub const SOURCE: &str = "Wikidata";

/// Place classes (P31 values) and the subtype each gives.
const PLACE_CLASSES: &[(&str, &str)] = &[
    ("Q515", "city"),
    ("Q1549591", "city"),
    ("Q1637706", "city"),
    ("Q5119", "city"),
    ("Q200250", "city"),
    ("Q486972", "city"),
    ("Q3957", "city"),
    ("Q532", "city"),
    ("Q6256", "country"),
    ("Q3624078", "country"),
    ("Q35657", "state"),
    ("Q10864048", "region"),
    ("Q34876", "region"),
    ("Q82794", "region"),
    ("Q1248784", "airport"),
    ("Q644371", "airport"),
    ("Q23442", "island"),
    ("Q8502", "mountain"),
    ("Q4022", "river"),
    ("Q165", "sea"),
    ("Q23397", "lake"),
    ("Q37901", "strait"),
    ("Q1322134", "gulf"),
    ("Q245016", "military_base"),
    ("Q15284", "district"),
    ("Q570116", "landmark"),
    ("Q44782", "port"),
    ("Q15642541", "disputed_territory"),
];

/// Organization classes (P31 values) and the subtype each gives.
const ORG_CLASSES: &[(&str, &str)] = &[
    ("Q43229", "other"),
    ("Q4830453", "company"),
    ("Q783794", "company"),
    ("Q891723", "company"),
    ("Q6881511", "company"),
    ("Q7278", "party"),
    ("Q327333", "agency"),
    ("Q2659904", "government"),
    ("Q484652", "international"),
    ("Q245065", "international"),
    ("Q3918", "university"),
    ("Q11032", "news"),
    ("Q192283", "news"),
    ("Q1002697", "news"),
    ("Q476028", "club"),
    ("Q847017", "club"),
    ("Q15991290", "sports_body"),
    ("Q176799", "military"),
    ("Q8473", "military"),
    ("Q17149090", "armed_group"),
    ("Q163740", "ngo"),
    ("Q79913", "ngo"),
    ("Q11422536", "legislature"),
    ("Q35749", "legislature"),
    ("Q190752", "court"),
    ("Q1668024", "agency"),
    ("Q192350", "ministry"),
];

/// Options of one import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The dump (`.json` or `.json.gz`).
    pub dump: PathBuf,
    /// Fewest sitelinks an entity needs to be kept.
    pub min_sitelinks: usize,
    /// Where the rows go.
    pub out: PathBuf,
}

fn claim_ids<'a>(entity: &'a Value, property: &str) -> impl Iterator<Item = &'a str> {
    entity
        .get("claims")
        .and_then(|c| c.get(property))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| {
            c.pointer("/mainsnak/datavalue/value/id")
                .and_then(Value::as_str)
        })
}

fn claim_value<'a>(entity: &'a Value, property: &str) -> Option<&'a Value> {
    entity
        .get("claims")?
        .get(property)?
        .as_array()?
        .iter()
        .find_map(|c| c.pointer("/mainsnak/datavalue/value"))
}

/// What one dump line is: a row to keep (with its country QID to resolve), and the item's ISO
/// code if it has one (countries).
#[derive(Debug, Default)]
struct Parsed {
    row: Option<(Value, Option<String>)>,
    iso: Option<(String, String)>,
}

fn parse_entity(entity: &Value, min_sitelinks: usize) -> Parsed {
    let mut out = Parsed::default();
    let Some(qid) = entity.get("id").and_then(Value::as_str) else {
        return out;
    };
    if let Some(code) = claim_value(entity, "P297").and_then(Value::as_str) {
        out.iso = Some((qid.to_string(), code.to_string()));
    }
    let sitelinks = entity
        .get("sitelinks")
        .and_then(Value::as_object)
        .map(|s| s.len())
        .unwrap_or(0);
    if sitelinks < min_sitelinks {
        return out;
    }
    let classes: Vec<&str> = claim_ids(entity, "P31").collect();
    let (kind, subtype) = if classes.contains(&"Q5") {
        ("PER", "other")
    } else if let Some((_, s)) = PLACE_CLASSES.iter().find(|(q, _)| classes.contains(q)) {
        ("LOC", *s)
    } else if let Some((_, s)) = ORG_CLASSES.iter().find(|(q, _)| classes.contains(q)) {
        ("ORG", *s)
    } else {
        return out;
    };
    let Some(name) = entity.pointer("/labels/en/value").and_then(Value::as_str) else {
        return out;
    };
    let Some(title) = entity
        .pointer("/sitelinks/enwiki/title")
        .and_then(Value::as_str)
    else {
        return out;
    };
    let aliases: Vec<&str> = entity
        .pointer("/aliases/en")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("value").and_then(Value::as_str))
        .collect();
    let description = entity
        .pointer("/descriptions/en/value")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut row = json!({
        "type": kind,
        "name": name,
        "aliases": aliases,
        "subtype": subtype,
        "wikipedia": title.replace(' ', "_"),
        "qid": qid,
        "sitelinks": sitelinks,
    });
    let describe_key = if kind == "PER" { "role" } else { "kind" };
    if !description.is_empty() {
        row[describe_key] = json!(description);
    }
    if let Some(coords) = claim_value(entity, "P625") {
        if let (Some(lat), Some(lon)) = (
            coords.get("latitude").and_then(Value::as_f64),
            coords.get("longitude").and_then(Value::as_f64),
        ) {
            row["lat"] = json!(lat);
            row["lon"] = json!(lon);
        }
    }
    if let Some(time) = claim_value(entity, "P569")
        .and_then(|v| v.get("time"))
        .and_then(Value::as_str)
    {
        if let Ok(year) = time
            .trim_start_matches('+')
            .split('-')
            .next()
            .unwrap_or("")
            .parse::<i64>()
        {
            row["born"] = json!(year);
        }
    }
    if let Some(pop) = claim_value(entity, "P1082")
        .and_then(|v| v.get("amount"))
        .and_then(Value::as_str)
        .and_then(|a| a.trim_start_matches('+').parse::<u64>().ok())
    {
        row["population"] = json!(pop);
    }
    let country = if kind == "PER" {
        claim_ids(entity, "P27").next()
    } else {
        claim_ids(entity, "P17").next()
    };
    out.row = Some((row, country.map(str::to_string)));
    out
}

fn open_dump(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path)
        .map_err(|e| Error::io(format!("opening {}", path.display()), e))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|x| x == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

/// Streams the dump and writes the kept rows; returns how many were written.
pub fn import(opts: &ImportOptions) -> Result<usize> {
    let reader = open_dump(&opts.dump)?;
    let mut rows = Vec::new();
    let mut iso: HashMap<String, String> = HashMap::new();
    let bar = indicatif::ProgressBar::new_spinner();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(format!("reading {}", opts.dump.display()), e))?;
        let line = line.trim().trim_end_matches(',');
        if line.is_empty() || line == "[" || line == "]" {
            continue;
        }
        let entity: Value = serde_json::from_str(line).map_err(|e| {
            Error::InvalidInput(format!("{} line {}: {e}", opts.dump.display(), n + 1))
        })?;
        let parsed = parse_entity(&entity, opts.min_sitelinks);
        if let Some((q, code)) = parsed.iso {
            iso.insert(q, code);
        }
        rows.extend(parsed.row);
        if n % 10_000 == 0 {
            bar.set_message(format!("{n} entities read, {} kept", rows.len()));
            bar.tick();
        }
    }
    bar.finish_and_clear();
    if let Some(dir) = opts.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    }
    let file = std::fs::File::create(&opts.out)
        .map_err(|e| Error::io(format!("creating {}", opts.out.display()), e))?;
    let mut out = BufWriter::new(file);
    let count = rows.len();
    for (mut row, country) in rows {
        if let Some(code) = country.and_then(|q| iso.get(&q)) {
            row["country"] = json!(code);
        }
        writeln!(out, "{row}")
            .map_err(|e| Error::io(format!("writing {}", opts.out.display()), e))?;
    }
    out.flush()
        .map_err(|e| Error::io(format!("writing {}", opts.out.display()), e))?;
    Ok(count)
}

/// Adds the rows in `dir/*.jsonl` written by [`import`].
pub fn add_rows(dir: &Path, ctx: &mut Context) -> Result<()> {
    let any = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .any(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
        })
        .unwrap_or(false);
    if !any {
        return Ok(());
    }
    ctx.builder.source(
        SOURCE,
        "CC0",
        "Wikidata items imported with gloss dataset import-wikidata",
    );
    curated::add_files(dir, &mut ctx.builder, SOURCE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_entities_need_a_class_sitelinks_and_an_english_article() {
        let human = json!({"id": "Q1", "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q5"}}}}]}, "labels": {"en": {"value": "A B"}}, "sitelinks": {"enwiki": {"title": "A B"}, "dewiki": {"title": "A B"}}});
        let cat = json!({"id": "Q2", "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q146"}}}}]}, "labels": {"en": {"value": "Cat"}}, "sitelinks": {"enwiki": {"title": "Cat"}, "dewiki": {"title": "Katze"}}});
        assert!(parse_entity(&human, 2).row.is_some());
        assert!(parse_entity(&human, 3).row.is_none(), "below the threshold");
        assert!(
            parse_entity(&cat, 1).row.is_none(),
            "not a person, place or organization"
        );
    }
}
