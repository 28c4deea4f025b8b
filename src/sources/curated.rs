//! The team's curated JSONL files (`data/curated/*.jsonl`, format in its README).

use std::path::Path;

use serde_json::Value;

use crate::dataset::{DatasetBuilder, EntityInput, EntityType, Fact};
use crate::normalize::alias_key;
use crate::{Error, Result};

/// Name of this source on the credits page.
pub const SOURCE: &str = "Gloss curated data";

/// Adds every entity from the `*.jsonl` files in `dir`.
pub fn add(dir: &Path, builder: &mut DatasetBuilder) -> Result<()> {
    builder.source(SOURCE, "CC0", "facts compiled by the Gloss team");
    add_files(dir, builder, SOURCE)
}

/// Adds every row of the `*.jsonl` files in `dir` in the curated format, crediting `source`.
/// A row's type is its `type` field, else the file name (`people*`, `organizations*`, else
/// places).
pub fn add_files(dir: &Path, builder: &mut DatasetBuilder, source: &str) -> Result<()> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("reading {}", dir.display()), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    // (entity id, parent organization's name), resolved once every row is in.
    let mut parents: Vec<(String, String)> = Vec::new();
    for path in files {
        let contents = std::fs::read_to_string(&path)
            .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
        for (n, line) in contents.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            let row: Value = serde_json::from_str(line)
                .map_err(|e| Error::InvalidInput(format!("{}:{}: {e}", path.display(), n + 1)))?;
            let kind = match (
                text(&row, "type"),
                path.file_name().and_then(|f| f.to_str()).unwrap_or(""),
            ) {
                (Some(t), _) => EntityType::parse(&t).ok_or_else(|| {
                    Error::InvalidInput(format!("{}:{}: unknown type {t:?}", path.display(), n + 1))
                })?,
                (None, f) if f.starts_with("people") => EntityType::Per,
                (None, f) if f.starts_with("organizations") => EntityType::Org,
                (None, _) => EntityType::Loc,
            };
            let mut e = entity(&row, kind).ok_or_else(|| {
                Error::InvalidInput(format!("{}:{}: no \"name\"", path.display(), n + 1))
            })?;
            e.sources = vec![source.to_string()];
            let id = builder.add(e);
            if let Some(parent) = text(&row, "parent") {
                parents.push((id, parent));
            }
        }
    }
    for (id, parent) in parents {
        let key = alias_key(&parent);
        let found = builder
            .lookup(&key)
            .filter(|p| p.kind == Some(EntityType::Org) && p.id != id)
            .max_by_key(|p| alias_key(&p.name) == key)
            .map(|p| p.id.clone());
        if let (Some(parent_id), Some(e)) = (found, builder.get_mut(&id)) {
            if !e.related.contains(&parent_id) {
                e.related.push(parent_id);
            }
        }
    }
    Ok(())
}

fn text(row: &Value, key: &str) -> Option<String> {
    match row.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Turns one curated row into an entity with a generated description.
fn entity(row: &Value, kind: EntityType) -> Option<EntityInput> {
    let name = text(row, "name")?;
    // Rows without a Wikipedia article are keyed by their name.
    let wikipedia = text(row, "wikipedia");
    let key = wikipedia.clone().unwrap_or_else(|| name.replace(' ', "_"));
    let id = text(row, "qid")
        .unwrap_or_else(|| format!("gloss:{}/{}", kind.as_str().to_lowercase(), key));
    let mut e = EntityInput::new(id, kind, text(row, "subtype").unwrap_or_default(), name);
    e.wikipedia = wikipedia;
    e.country = text(row, "country").filter(|c| c != "INT");
    e.sources.push(SOURCE.into());
    // Curated rows are the people and organizations in the news: a high prior, highest for
    // heads of state and government. Imported rows carry their Wikidata sitelink count.
    e.prior = match row.get("sitelinks").and_then(Value::as_u64) {
        Some(n) => sitelinks_prior(n),
        None => match e.subtype.as_str() {
            "head_of_state" | "head_of_government" => 0.85,
            "minister" | "international" | "country" => 0.78,
            _ => 0.72,
        },
    };
    if row.get("former").and_then(Value::as_bool).unwrap_or(false) {
        e.prior = e.prior.min(0.6);
    }
    // An explicit prior settles a name two entities share ("New York": the city before the
    // state); rows rarely need one.
    if let Some(prior) = row.get("prior").and_then(Value::as_f64) {
        e.prior = (prior as f32).clamp(0.0, 1.0);
    }
    if let Some(pop) = row.get("population").and_then(Value::as_u64) {
        e.population = Some(pop);
    }
    if let Some(aliases) = row.get("aliases").and_then(Value::as_array) {
        e.aliases = aliases
            .iter()
            .filter_map(|a| a.as_str().map(str::to_string))
            .collect();
    }
    let fact = |e: &mut EntityInput, label: &str, value: Option<String>| {
        if let Some(value) = value {
            e.facts.push(Fact {
                label: label.into(),
                value,
            });
        }
    };
    let former = row.get("former").and_then(Value::as_bool).unwrap_or(false);
    match kind {
        EntityType::Per => {
            let role = text(row, "role").unwrap_or_default();
            e.description = match (former, text(row, "since"), text(row, "until")) {
                (true, _, Some(until)) => format!("Former {} (until {until})", lower_first(&role)),
                (true, _, None) => format!("Former {}", lower_first(&role)),

                (false, Some(since), _) => {
                    format!("{role} (since {})", &since[..since.len().min(4)])
                }
                (false, None, _) => role,
            };
            fact(&mut e, "Born", text(row, "born"));
            fact(&mut e, "Party", text(row, "party"));
            fact(&mut e, "Organization", text(row, "org"));
            fact(&mut e, "As of", text(row, "as_of"));
        }
        EntityType::Org => {
            e.description = text(row, "kind").unwrap_or_default();
            fact(&mut e, "Headquarters", text(row, "hq"));
            fact(&mut e, "Founded", text(row, "founded"));
            fact(&mut e, "Parent", text(row, "parent"));
            if let Some(leader) = text(row, "leader") {
                let title = text(row, "leader_title").unwrap_or_else(|| "Leader".into());
                fact(&mut e, &title, Some(leader));
            }
        }
        EntityType::Loc => {
            e.description = text(row, "kind").unwrap_or_default();
            let lat = row.get("lat").and_then(Value::as_f64);
            let lon = row.get("lon").and_then(Value::as_f64);
            if let (Some(lat), Some(lon)) = (lat, lon) {
                e.coords = Some((lat as f32, lon as f32));
            }
        }
    }
    Some(e)
}

/// A prior from a Wikidata sitelink count: 0.2 at 1, about 0.5 at 100, capped at 0.75.
pub fn sitelinks_prior(n: u64) -> f32 {
    (0.2 + 0.15 * (n.max(1) as f32).log10()).min(0.75)
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if c.clone().next().is_some_and(char::is_lowercase) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_string(),
    }
}
