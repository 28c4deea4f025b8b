//! US Congress members, presidents and vice presidents from `congress-legislators`
//! (`legislators-current.yaml`, `executive.yaml`; CC0), with their Wikidata ids and Wikipedia
//! titles, which is how they meet the curated people.
//!
//! "Current" is judged at the date of the data snapshot (`SOURCE_COMMIT`), not the build date,
//! so a rebuild of the same data gives the same file.

use std::path::Path;

use serde::Deserialize;

use crate::dataset::{EntityInput, EntityType, Fact};
use crate::normalize::alias_key;
use crate::sources::{merge, Context};
use crate::{Error, Result};

/// Name of this source on the credits page.
pub const SOURCE: &str = "congress-legislators";

#[derive(Debug, Deserialize)]
struct Person {
    id: Ids,
    name: Name,
    #[serde(default)]
    bio: Bio,
    terms: Vec<Term>,
}

#[derive(Debug, Deserialize)]
struct Ids {
    bioguide: Option<String>,
    wikidata: Option<String>,
    wikipedia: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Name {
    first: String,
    last: String,
    middle: Option<String>,
    nickname: Option<String>,
    official_full: Option<String>,
    suffix: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
struct Bio {
    birthday: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
struct Term {
    #[serde(rename = "type")]
    kind: String,
    start: String,
    end: String,
    state: Option<String>,
    district: Option<i64>,
    party: Option<String>,
}

/// US state names by postal code, for "U.S. Senator from Ohio".
const STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("DC", "the District of Columbia"),
    ("PR", "Puerto Rico"),
    ("GU", "Guam"),
    ("VI", "the U.S. Virgin Islands"),
    ("AS", "American Samoa"),
    ("MP", "the Northern Mariana Islands"),
];

fn state_name(code: &str) -> &str {
    STATES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
        .unwrap_or(code)
}

fn party_letter(party: &str) -> String {
    match party {
        "Democrat" | "Democratic" => "D".into(),
        "Republican" => "R".into(),
        "Independent" => "I".into(),
        other => other.chars().next().map(String::from).unwrap_or_default(),
    }
}

/// "22nd", "1st", "13th".
fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The snapshot date as "YYYY-MM-DD" from a `SOURCE_COMMIT` line ("<sha> Mon Jun 15 15:26:56 2026 -0400").
fn snapshot_date(source_commit: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let w: Vec<&str> = source_commit.split_whitespace().collect();
    let m = w.iter().position(|x| MONTHS.contains(x))?;
    let month = MONTHS.iter().position(|x| *x == w[m])? + 1;
    let day: u32 = w.get(m + 1)?.parse().ok()?;
    let year = w
        .iter()
        .skip(m + 2)
        .find(|x| x.len() == 4 && x.chars().all(|c| c.is_ascii_digit()))?;
    Some(format!("{year}-{month:02}-{day:02}"))
}

/// Display name: the Wikipedia title without its disambiguation ("John Kennedy (Louisiana
/// politician)" → "John Kennedy"), else nickname or first name plus last name.
fn display_name(p: &Person) -> String {
    if let Some(w) = &p.id.wikipedia {
        let base = w.split(" (").next().unwrap_or(w).trim();
        if !base.is_empty() {
            return base.to_string();
        }
    }
    let first = p.name.nickname.as_deref().unwrap_or(&p.name.first);
    let mut name = format!("{first} {}", p.name.last);
    if let Some(s) = &p.name.suffix {
        name = format!("{name} {s}");
    }
    name
}

/// Start of the unbroken run of terms of the same kind and state that ends with the last term.
fn serving_since(terms: &[Term]) -> String {
    let last = terms.last().expect("checked non-empty");
    let mut since = last.start.clone();
    for t in terms.iter().rev().skip(1) {
        if t.kind == last.kind && t.state == last.state && t.end.get(..4) == since.get(..4) {
            since = t.start.clone();
        } else {
            break;
        }
    }
    since
}

/// One legislator or executive as an entity; `today` decides what is current.
fn person_entity(p: &Person, today: &str) -> Option<EntityInput> {
    let mut terms = p.terms.clone();
    terms.sort_by(|a, b| a.start.cmp(&b.start));
    let last = terms.last()?.clone();
    let current = last.end.as_str() >= today;
    let id =
        p.id.wikidata
            .clone()
            .or_else(|| p.id.bioguide.as_ref().map(|b| format!("bioguide:{b}")))?;
    let name = display_name(p);
    let mut e = EntityInput::new(id, EntityType::Per, "politician", name.clone());
    e.country = Some("US".into());
    e.wikipedia = p.id.wikipedia.clone();
    e.sources.push(SOURCE.into());
    let push_alias = |e: &mut EntityInput, a: String| {
        if alias_key(&a) != alias_key(&e.name) && !e.aliases.contains(&a) {
            e.aliases.push(a);
        }
    };
    if let Some(full) = &p.name.official_full {
        push_alias(&mut e, full.clone());
    }
    push_alias(&mut e, format!("{} {}", p.name.first, p.name.last));
    if let Some(m) = &p.name.middle {
        push_alias(&mut e, format!("{} {} {}", p.name.first, m, p.name.last));
    }
    let party = last.party.clone().unwrap_or_default();
    let party_short = party_letter(&party);
    let since = serving_since(&terms);
    let since_year = &since[..4.min(since.len())];
    let last_prez = terms.iter().rev().find(|t| t.kind == "prez");
    let last_vp = terms.iter().rev().find(|t| t.kind == "viceprez");
    let first_year = |kind: &str| {
        terms
            .iter()
            .find(|t| t.kind == kind)
            .map(|t| t.start[..4].to_string())
            .unwrap_or_default()
    };
    let (office, description, prior, subtype) = match last.kind.as_str() {
        "sen" | "rep" => {
            let state = state_name(last.state.as_deref().unwrap_or(""));
            let (office, prior) = if last.kind == "sen" {
                (format!("U.S. Senator from {state}"), 0.55)
            } else {
                (format!("U.S. Representative from {state}"), 0.45)
            };
            let desc = if current {
                format!("{office} ({party_short}, since {since_year})")
            } else {
                format!("Former {office}")
            };
            if let (Some(d), "rep") = (last.district, last.kind.as_str()) {
                let district = if d == 0 {
                    "at-large".to_string()
                } else {
                    ordinal(d)
                };
                e.facts.push(Fact {
                    label: "District".into(),
                    value: format!("{state} {district}"),
                });
            }
            (
                office,
                desc,
                if current { prior } else { 0.35 },
                "politician",
            )
        }
        _ => {
            // Presidents and vice presidents: the highest office held.
            let (t, office) = match (last_prez, last_vp) {
                (Some(t), _) => (t, "President of the United States"),
                (None, Some(t)) => (t, "Vice President of the United States"),
                _ => return None,
            };
            let is_current = t.end.as_str() >= today;
            let start = first_year(&t.kind);
            let end_year = &t.end[..4];
            let desc = if is_current {
                format!("{office} (since {})", &serving_since(&terms)[..4])
            } else if start == end_year {
                format!("{office} ({start})")
            } else {
                format!("{office} ({start}–{end_year})")
            };
            let prior = match (t.kind.as_str(), is_current) {
                ("prez", true) => 0.95,
                ("viceprez", true) => 0.85,
                ("prez", false) => 0.65,
                _ => 0.5,
            };
            let subtype = if t.kind == "prez" && is_current {
                "head_of_state"
            } else {
                "politician"
            };
            (office.to_string(), desc, prior, subtype)
        }
    };
    e.subtype = subtype.into();
    e.description = description;
    e.prior = prior;
    e.facts.insert(
        0,
        Fact {
            label: "Office".into(),
            value: if current {
                office
            } else {
                format!("Former {office}")
            },
        },
    );
    if current {
        e.facts.push(Fact {
            label: "Since".into(),
            value: since.clone(),
        });
    }
    if !party.is_empty() && party != "no party" {
        e.facts.push(Fact {
            label: "Party".into(),
            value: party,
        });
    }
    if let Some(b) = &p.bio.birthday {
        e.facts.push(Fact {
            label: "Born".into(),
            value: b[..4.min(b.len())].to_string(),
        });
    }
    e.related.push(Context::country_id("US"));
    Some(e)
}

fn read_people(path: &Path) -> Result<Vec<Person>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::io(format!("reading {} (set GLOSS_SHARED)", path.display()), e))?;
    serde_yaml::from_str(&text).map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))
}

/// Adds the current legislators and every president and vice president.
pub fn add(dir: &Path, ctx: &mut Context) -> Result<()> {
    let commit = std::fs::read_to_string(dir.join("SOURCE_COMMIT")).unwrap_or_default();
    let today = snapshot_date(&commit).unwrap_or_else(|| "2026-01-01".into());
    let sha = commit.split_whitespace().next().unwrap_or("unknown");
    ctx.builder.source(
        SOURCE,
        "CC0",
        &format!("unitedstates/congress-legislators (commit {sha}, as of {today})"),
    );
    for file in ["executive.yaml", "legislators-current.yaml"] {
        for p in read_people(&dir.join(file))? {
            let Some(mut e) = person_entity(&p, &today) else {
                continue;
            };
            // The state the member represents is page context too.
            if let Some(state) = p
                .terms
                .last()
                .and_then(|t| t.state.as_deref())
                .map(state_name)
            {
                if let Some(s) = ctx.builder.lookup(&alias_key(state)).find(|s| {
                    s.kind == Some(EntityType::Loc)
                        && s.country.as_deref() == Some("US")
                        && s.subtype != "city"
                }) {
                    e.related.push(s.id.clone());
                }
            }
            let known = ctx.builder.get(&e.id).is_some()
                || e.wikipedia
                    .as_deref()
                    .is_some_and(|w| ctx.builder.get_by_wikipedia(w).is_some());
            match (known, merge::find_person(&ctx.builder, &e)) {
                (false, Some(target)) => ctx.builder.add_into(&target, e),
                _ => ctx.builder.add(e),
            };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
- id:
    bioguide: M001242
    wikidata: Q123
    wikipedia: Bernie Moreno
  name:
    first: Bernardo
    last: Moreno
    nickname: Bernie
    official_full: Bernie Moreno
  bio:
    birthday: '1967-02-14'
  terms:
  - type: sen
    start: '2025-01-03'
    end: '2031-01-03'
    state: OH
    party: Republican
- id:
    bioguide: X000001
    wikipedia: John Kennedy (Louisiana politician)
  name:
    first: John
    middle: Neely
    last: Kennedy
  terms:
  - type: rep
    start: '2017-01-03'
    end: '2019-01-03'
    state: TX
    district: 2
    party: Republican
  - type: rep
    start: '2019-01-03'
    end: '2027-01-03'
    state: TX
    district: 2
    party: Republican
- id:
    bioguide: W000178
  name:
    first: George
    last: Washington
  terms:
  - type: prez
    start: '1789-04-30'
    end: '1793-03-04'
    party: no party
  - type: prez
    start: '1793-03-04'
    end: '1797-03-04'
    party: no party
"#;

    #[test]
    fn members_and_presidents_get_generated_descriptions() {
        let people: Vec<Person> = serde_yaml::from_str(SAMPLE).unwrap();
        let got: Vec<EntityInput> = people
            .iter()
            .filter_map(|p| person_entity(p, "2026-06-15"))
            .collect();
        let cases = [
            (
                "Q123",
                "Bernie Moreno",
                "U.S. Senator from Ohio (R, since 2025)",
            ),
            (
                "bioguide:X000001",
                "John Kennedy",
                "U.S. Representative from Texas (R, since 2017)",
            ),
            (
                "bioguide:W000178",
                "George Washington",
                "President of the United States (1789–1797)",
            ),
        ];
        for ((id, name, description), e) in cases.iter().zip(&got) {
            assert_eq!(
                (e.id.as_str(), e.name.as_str(), e.description.as_str()),
                (*id, *name, *description)
            );
        }
        assert!(got[0].aliases.contains(&"Bernardo Moreno".to_string()));
        assert_eq!(
            got[1]
                .facts
                .iter()
                .find(|f| f.label == "District")
                .unwrap()
                .value,
            "Texas 2nd"
        );
        assert!(got[0].prior > got[1].prior && got[2].prior > got[0].prior);
    }

    #[test]
    fn snapshot_dates_and_ordinals() {
        assert_eq!(
            snapshot_date("dfa96222 Mon Jun 15 15:26:56 2026 -0400").as_deref(),
            Some("2026-06-15")
        );
        assert_eq!(snapshot_date("nothing"), None);
        assert_eq!(
            [1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal),
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]
        );
    }
}
