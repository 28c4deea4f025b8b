//! S&P 500 companies (`$GLOSS_SHARED/data/sp500/constituents.csv`, ODC-PDDL): name, sector,
//! industry, headquarters and founding year. The name without its legal suffix ("Apple Inc." →
//! "Apple") is an alias, since that is how news names companies; tickers are a fact, not an
//! alias ("ALL", "NOW" and "ON" are words).

use std::path::Path;

use crate::dataset::{EntityInput, EntityType, Fact};
use crate::normalize::alias_key;
use crate::sources::{merge, Context};
use crate::{Error, Result};

/// Name of this source on the credits page.
pub const SOURCE: &str = "S&P 500 constituents";

/// Legal suffixes dropped for the short-name alias.
const SUFFIXES: &[&str] = &[
    " Inc.",
    " Inc",
    ", Inc.",
    " Corporation",
    " Corp.",
    " Company",
    " Co.",
    " & Co.",
    " plc",
    " PLC",
    " Ltd.",
    " N.V.",
    " Incorporated",
    " Holdings Inc.",
];

/// Splits CSV text into rows of fields (RFC 4180 quoting).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                if row.iter().any(|f| !f.is_empty()) {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
            }
            ('\r', false) => {}
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// "Apple Inc." → "Apple"; "Alphabet Inc. (Class A)" → "Alphabet".
fn short_name(name: &str) -> String {
    let mut s = name.split(" (").next().unwrap_or(name).trim().to_string();
    for suffix in SUFFIXES {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end_matches(',').trim().to_string();
            break;
        }
    }
    s
}

/// One CSV row (with its header) as a company.
fn company(header: &[String], row: &[String], ctx: &Context) -> Option<EntityInput> {
    let get = |col: &str| {
        header
            .iter()
            .position(|h| h == col)
            .and_then(|i| row.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    };
    let full = get("Security")?;
    let display = full
        .split(" (Class")
        .next()
        .unwrap_or(full)
        .trim()
        .to_string();
    let id = match get("CIK") {
        Some(cik) => format!("cik:{}", cik.trim_start_matches('0')),
        None => format!("sp500:{}", get("Symbol")?),
    };
    let mut e = EntityInput::new(id, EntityType::Org, "company", display.clone());
    e.sources.push(SOURCE.into());
    let short = short_name(&display);
    // Adjectives make poor aliases: "Progressive", "Southern" and "Coherent" start sentences.
    const ADJECTIVES: &[&str] = &[
        "Progressive",
        "Southern",
        "Coherent",
        "Universal",
        "General",
        "American",
        "United",
        "International",
        "National",
    ];
    if alias_key(&short) != alias_key(&display)
        && !short.is_empty()
        && !ADJECTIVES.contains(&short.as_str())
    {
        e.aliases.push(short);
    }
    let sector = get("GICS Sector");
    let hq = get("Headquarters Location");
    if let Some(s) = sector {
        e.facts.push(Fact {
            label: "Sector".into(),
            value: s.to_string(),
        });
    }
    if let Some(i) = get("GICS Sub-Industry") {
        e.facts.push(Fact {
            label: "Industry".into(),
            value: i.to_string(),
        });
    }
    if let Some(h) = hq {
        e.facts.push(Fact {
            label: "Headquarters".into(),
            value: h.to_string(),
        });
    }
    if let Some(f) = get("Founded") {
        e.facts.push(Fact {
            label: "Founded".into(),
            value: f.to_string(),
        });
    }
    if let Some(t) = get("Symbol") {
        e.facts.push(Fact {
            label: "Ticker".into(),
            value: t.to_string(),
        });
    }
    // The headquarters' country: a US state, or a country named after the last comma.
    let place = hq.and_then(|h| h.rsplit(',').next()).map(str::trim);
    let iso = match place {
        Some(p) if ctx.countries.values().any(|c| c.name == p) => ctx
            .countries
            .values()
            .find(|c| c.name == p)
            .map(|c| c.iso.clone()),
        Some(_) => Some("US".to_string()),
        None => None,
    };
    if let Some(iso) = &iso {
        e.related.push(Context::country_id(iso));
        // And the headquarters city, when the dataset has it.
        if let Some(city) = hq.and_then(|h| h.split(',').next()).map(str::trim) {
            let state = place.unwrap_or("");
            let found = ctx.builder.lookup(&alias_key(city)).find(|c| {
                c.kind == Some(EntityType::Loc)
                    && c.subtype == "city"
                    && c.country.as_deref() == Some(iso)
                    && (iso != "US"
                        || c.facts
                            .iter()
                            .any(|f| f.label == "State" && f.value == state))
            });
            if let Some(city) = found {
                e.related.push(city.id.clone());
            }
        }
    }
    e.country = iso;
    e.description = match (sector, hq) {
        (Some(s), Some(h)) => format!("{s} company in the S&P 500, based in {h}"),
        (Some(s), None) => format!("{s} company in the S&P 500"),
        _ => "Company in the S&P 500".into(),
    };
    e.prior = 0.55;
    Some(e)
}

/// Adds every company in `constituents.csv`.
pub fn add(dir: &Path, ctx: &mut Context) -> Result<()> {
    let commit = std::fs::read_to_string(dir.join("SOURCE_COMMIT")).unwrap_or_default();
    let sha = commit.split_whitespace().next().unwrap_or("unknown");
    ctx.builder.source(
        SOURCE,
        "ODC-PDDL",
        &format!("datasets/s-and-p-500-companies (commit {sha})"),
    );
    let path = dir.join("constituents.csv");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Error::io(format!("reading {} (set GLOSS_SHARED)", path.display()), e))?;
    let rows = parse_csv(&text);
    let Some((header, rows)) = rows.split_first() else {
        return Ok(());
    };
    for row in rows {
        let Some(e) = company(header, row, ctx) else {
            continue;
        };
        match merge::find_same(&ctx.builder, &e) {
            Some(target) if ctx.builder.get(&e.id).is_none() => ctx.builder.add_into(&target, e),
            _ => ctx.builder.add(e),
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Symbol,Security,GICS Sector,GICS Sub-Industry,Headquarters Location,Date added,CIK,Founded\n\
AAPL,Apple Inc.,Information Technology,\"Technology Hardware, Storage & Peripherals\",\"Cupertino, California\",1982-11-30,320193,1977\n\
GOOGL,Alphabet Inc. (Class A),Communication Services,Interactive Media & Services,\"Mountain View, California\",2014-04-03,1652044,1998\n\
GOOG,Alphabet Inc. (Class C),Communication Services,Interactive Media & Services,\"Mountain View, California\",2006-04-03,1652044,1998\n\
ACN,Accenture,Information Technology,IT Consulting & Other Services,\"Dublin, Ireland\",2011-07-06,1467373,1989\n";

    #[test]
    fn csv_fields_keep_quoted_commas() {
        let rows = parse_csv(SAMPLE);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[1][3], "Technology Hardware, Storage & Peripherals");
        assert_eq!(rows[1][4], "Cupertino, California");
    }

    #[test]
    fn companies_get_short_names_country_and_description() {
        let mut ctx = Context::new("t");
        ctx.countries.insert(
            "IE".into(),
            crate::sources::Country {
                iso: "IE".into(),
                name: "Ireland".into(),
                ..Default::default()
            },
        );
        let rows = parse_csv(SAMPLE);
        let got: Vec<EntityInput> = rows[1..]
            .iter()
            .filter_map(|r| company(&rows[0], r, &ctx))
            .collect();
        assert_eq!(got[0].name, "Apple Inc.");
        assert_eq!(got[0].aliases, ["Apple"]);
        assert_eq!(
            got[0].description,
            "Information Technology company in the S&P 500, based in Cupertino, California"
        );
        assert_eq!(got[0].country.as_deref(), Some("US"));
        assert_eq!(got[1].name, "Alphabet Inc.");
        assert_eq!(got[1].id, got[2].id, "both share classes share one entity");
        assert_eq!(got[3].country.as_deref(), Some("IE"));
        for e in got {
            ctx.builder.add(e);
        }
        assert_eq!(ctx.builder.len(), 3);
    }
}
