//! Links tagged spans to dataset entities and groups the mentions of one entity on a page.
//!
//! Linking one page runs in five steps:
//!
//! 1. **Candidates.** Each span's [alias key](crate::normalize::alias_key) is looked up as is
//!    (case, diacritics, curly quotes, possessives and abbreviation periods are already folded by
//!    the key). When that finds nothing, a person's leading titles are dropped ("Foreign Minister
//!    Sergey Lavrov" → "sergey lavrov"), then transliteration and spelling variants are tried
//!    ("Sergei" ↔ "Sergey", "Mohammed" ↔ "Muhammad", "Zelenskiy" ↔ "Zelensky", "organisation" ↔
//!    "organization"), and last, for names of six letters or more, every key one edit away (a
//!    deleted, inserted, substituted or swapped letter: "Jonh Smith" finds "John Smith").
//!    Variants are tried only when the exact key finds nothing, so they never outvote a real
//!    name, and a key one edit away is used only when it is the only one.
//! 2. **Ranking.** Each candidate scores its popularity prior, agreement with the tagger's type,
//!    and whether the key is its own name rather than an alias. A first pass picks the clear
//!    winner of each name; their entities and countries become the page's context. The second
//!    pass adds context: a candidate gains when an entity it is related to (its state, its
//!    organization) is on the page, when a page entity lists it as related, and when its country
//!    is the country of other names on the page (a person's counting half: people travel). A
//!    name never votes for itself: evidence from spans with the same key is left out. So "Paris"
//!    near "Texas" is Paris, Texas, and "Moscow" in an article about Russia is the Russian
//!    capital.
//! 3. **Abstaining.** Linking returns no entity when the best candidate is not convincing: its
//!    score is below a threshold, two candidates are tied, a person is tagged but the candidate
//!    is a place (or the reverse), a lone surname is shared by several known people, a person
//!    under a full name is barely known (a low prior) and nothing on the page supports them, or
//!    the page describes the person in private terms the entity does not fit ("John Smith, a
//!    local teacher"). An unknown private person must never receive a famous namesake's card.
//! 4. **Coreference.** A lone surname or first name takes the entity of the full name it
//!    shortens: the nearest earlier one, else the only later one (headlines name people by
//!    surname before the text gives the full name), even when that full name is not in the
//!    dataset. An acronym takes the entity of the name it abbreviates: defined in parentheses
//!    ("Central Intelligence Agency (CIA)", or the other way round), or the initials of an
//!    earlier organization or place.
//! 5. **Page entities.** Mentions of one dataset entity share a page entity; so do the mentions
//!    coreference groups, and unlinked mentions with the same key.

use std::rc::Rc;

use crate::dataset::{Candidate, Dataset, EntityType, EntityView};
use crate::normalize::alias_key;
use crate::words::PageMap;

/// A span to link: where it is on the page, its tagged type, and how the page describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpanToLink<'a> {
    /// Byte offset of the span's first character in the page text.
    pub start: usize,
    /// Byte offset just past the span.
    pub end: usize,
    /// Tagged type.
    pub kind: EntityType,
    /// How the page describes this mention ("the country's finance minister"), from
    /// [`crate::describe`]: a description that does not fit keeps a private person from
    /// receiving a famous namesake's card.
    pub descriptor: Option<&'a str>,
}

impl<'a> SpanToLink<'a> {
    /// A span without a descriptor.
    pub fn new(start: usize, end: usize, kind: EntityType) -> SpanToLink<'a> {
        SpanToLink {
            start,
            end,
            kind,
            descriptor: None,
        }
    }
}

/// The linking decision for one span.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkResult {
    /// Entity index in the dataset, or `None` when linking abstains.
    pub entity: Option<u32>,
    /// Page entity number, shared by all mentions of one entity on the page (0-based, in order of
    /// first mention).
    pub page_entity: u32,
}

/// Lowest final score that links.
const MIN_SCORE: f32 = 0.6;
/// A first-pass winner must lead the runner-up by this much to become page context.
const CONFIDENT_MARGIN: f32 = 0.25;
/// Candidates closer than this are a tie, and linking abstains.
const TIE: f32 = 0.04;
/// Most candidates of one key that are scored (they come best prior first).
const MAX_CANDIDATES: usize = 12;
/// Shortest key (letters only) that gets one-edit spelling tolerance.
const MIN_FUZZY_LETTERS: usize = 6;
/// Longest key that gets one-edit spelling tolerance (each letter costs about 55 lookups).
const MAX_FUZZY_LETTERS: usize = 30;
/// Most transliteration variants of one key that are looked up.
const MAX_VARIANTS: usize = 24;
/// A person known only this weakly needs support from the page to be linked by a full name.
const WEAK_PERSON_PRIOR: f32 = 0.45;
/// A lone surname needs at least this prior.
const SURNAME_PRIOR: f32 = 0.5;
/// A lone name that also starts other names in the dataset needs at least this prior.
const COMMON_NAME_PRIOR: f32 = 0.9;
/// A single-word place below this prior needs support from the page.
const SMALL_PLACE_PRIOR: f32 = 0.25;
/// A single-word place found by an alias below this prior needs support from the page.
const ALIAS_PLACE_PRIOR: f32 = 0.4;

/// Words dropped from the front of a person's name when the name as written is not found
/// ("Foreign Minister Sergey Lavrov", "Professor Eastman").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "finance",
    "defence",
    "defense",
    "interior",
    "secretary",
    "state",
    "chancellor",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "emir",
    "sultan",
    "ayatollah",
    "gen",
    "general",
    "lt",
    "lieutenant",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "adm",
    "admiral",
    "sgt",
    "sergeant",
    "cmdr",
    "commander",
    "sen",
    "senator",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "gov",
    "governor",
    "mayor",
    "judge",
    "justice",
    "ambassador",
    "envoy",
    "chairman",
    "chairwoman",
    "ceo",
    "coach",
    "director",
    "commissioner",
    "rev",
    "reverend",
    "father",
    "bishop",
    "cardinal",
    "rabbi",
    "imam",
    "us",
    "uk",
    "former",
    "deputy",
    "acting",
    "chief",
    "executive",
    "spokesman",
    "spokeswoman",
    "home",
    "shadow",
    "health",
    "attorney",
    "prosecutor",
    "officer",
    "detective",
    "actor",
    "actress",
    "singer",
    "author",
    "writer",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
];

/// Name suffixes that are not surnames ("Martin Luther King Jr.").
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Words an organization's initials may leave out ("Bank of England" → "BE" or "BOE").
const MINOR_WORDS: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "at", "to", "de", "du", "la", "le", "des", "&",
];

/// Spellings of one name or word: transliterations and British/American forms.
const SPELLING_GROUPS: &[&[&str]] = &[
    &["sergei", "sergey", "sergej", "serhiy", "serhii"],
    &[
        "mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad", "muhamad", "mohammod",
    ],
    &[
        "alexander",
        "aleksandr",
        "aleksander",
        "alexandr",
        "oleksandr",
        "olexander",
    ],
    &[
        "alexei", "alexey", "aleksei", "aleksey", "oleksiy", "oleksii",
    ],
    &["andrei", "andrey", "andriy", "andrii"],
    &["dmitry", "dmitri", "dmitriy", "dmytro"],
    &["yuri", "yury", "yuriy", "iouri", "yurii"],
    &["nikolai", "nikolay", "mykola"],
    &[
        "yevgeny", "evgeny", "yevgeni", "evgeni", "yevgeniy", "evgenii", "yevhen",
    ],
    &["mikhail", "michail", "mykhailo"],
    &["vladimir", "volodymyr", "wladimir"],
    &["maksim", "maxim", "maksym"],
    &["pyotr", "petr", "petro"],
    &["fyodor", "fedor"],
    &["ilya", "ilia"],
    &["yulia", "yuliya", "julia", "iulia"],
    &["tatiana", "tatyana", "tetiana"],
    &["natalia", "natalya", "nataliya"],
    &["osama", "usama"],
    &["hussein", "husain", "hussain", "husayn", "hossein"],
    &["abdullah", "abdallah", "abdulla"],
    &["ahmed", "ahmad"],
    &["mahmoud", "mahmud"],
    &["omar", "umar"],
    &["yusuf", "youssef", "yousef", "yousuf", "yusef"],
    &["khalid", "khaled"],
    &[
        "gaddafi", "qaddafi", "kadhafi", "gadhafi", "qadhafi", "kaddafi",
    ],
    &["kyiv", "kiev"],
    &["kharkiv", "kharkov"],
    &["odesa", "odessa"],
    &["organisation", "organization"],
    &["organisations", "organizations"],
    &["defence", "defense"],
    &["centre", "center"],
    &["labour", "labor"],
    &["programme", "program"],
    &["theatre", "theater"],
    &["saint", "st"],
    &["mount", "mt"],
    &["fort", "ft"],
    &["and", "&"],
];

/// Words from which countries name their institutions ("Supreme Court", "Home Office").
const GENERIC_WORDS: &[&str] = &[
    "supreme",
    "court",
    "high",
    "federal",
    "national",
    "central",
    "state",
    "parliament",
    "senate",
    "congress",
    "assembly",
    "house",
    "commons",
    "lords",
    "ministry",
    "department",
    "office",
    "home",
    "foreign",
    "interior",
    "justice",
    "defence",
    "defense",
    "health",
    "education",
    "finance",
    "treasury",
    "police",
    "army",
    "navy",
    "air",
    "force",
    "forces",
    "guard",
    "border",
    "coast",
    "bank",
    "reserve",
    "party",
    "labour",
    "labor",
    "conservative",
    "conservatives",
    "liberal",
    "liberals",
    "democratic",
    "democrats",
    "republican",
    "republicans",
    "green",
    "greens",
    "socialist",
    "socialists",
    "communist",
    "cabinet",
    "government",
    "council",
    "commission",
    "committee",
    "agency",
    "service",
    "services",
    "secret",
    "intelligence",
    "security",
    "constitutional",
    "electoral",
    "election",
    "authority",
    "tribunal",
    "general",
    "attorney",
    "royal",
    "mail",
    "post",
    "of",
    "and",
    "for",
    "the",
    "union",
    "workers",
    "trade",
    "people",
    "peoples",
    "revenue",
    "customs",
    "immigration",
    "environment",
    "agriculture",
    "transport",
    "energy",
    "statistics",
    "office",
    "broadcasting",
    "corporation",
    "railways",
    "airways",
];

/// Head nouns by which a page refers back to an organization it named in full.
const INSTITUTION_HEADS: &[&str] = &[
    "church",
    "university",
    "college",
    "council",
    "court",
    "party",
    "bank",
    "company",
    "corporation",
    "agency",
    "department",
    "ministry",
    "commission",
    "committee",
    "foundation",
    "institute",
    "museum",
    "hospital",
    "school",
    "union",
    "league",
    "association",
    "society",
    "federation",
    "army",
    "navy",
    "government",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "board",
    "authority",
    "office",
    "bureau",
    "service",
    "group",
    "club",
    "fund",
    "trust",
    "center",
    "centre",
    "academy",
    "orchestra",
    "organization",
    "organisation",
    "movement",
    "alliance",
    "coalition",
    "network",
    "tribunal",
    "administration",
    "force",
];

/// Words in how a page describes a person that mark a private individual, not a public figure.
const PRIVATE_CUES: &[&str] = &[
    "local",
    "resident",
    "residents",
    "neighbor",
    "neighbour",
    "teacher",
    "student",
    "pupil",
    "nurse",
    "mother",
    "father",
    "grandmother",
    "grandfather",
    "son",
    "daughter",
    "wife",
    "husband",
    "widow",
    "victim",
    "witness",
    "shopkeeper",
    "worker",
    "employee",
    "retiree",
    "volunteer",
    "parent",
    "homeowner",
    "driver",
    "passenger",
    "customer",
    "bystander",
    "villager",
    "farmer",
    "mechanic",
    "plumber",
    "waitress",
    "waiter",
    "cashier",
    "janitor",
    "classmate",
    "friend",
    "relative",
    "cousin",
    "brother",
    "sister",
    "uncle",
    "aunt",
    "year-old",
    "teen",
    "teenager",
];

/// Words too common in descriptions to show agreement between the page and an entity.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "from", "with", "that", "this", "their", "country", "countrys", "former",
    "also", "into", "over", "about", "since", "until", "which", "who", "whose", "new", "first",
];

/// What linking needs of one entity, decoded once per page.
struct Info {
    country: Option<[u8; 2]>,
    is_country: bool,
    related: Vec<u32>,
    /// Aliases in capitals ("SEA" for an airport): a key the entity has only through them does
    /// not find it from a word in lower case ("the Sea Org").
    caps_aliases: Vec<String>,
    /// The name and the other aliases, read only when a key matches a capitals alias.
    other_names: Vec<String>,
}

impl Info {
    /// True when `key` names this entity only through an alias in capitals. Keys are computed
    /// here, not when the entity is read: few entities have such aliases.
    fn only_in_capitals(&self, key: &str) -> bool {
        self.caps_aliases.iter().any(|a| alias_key(a) == key)
            && !self.other_names.iter().any(|a| alias_key(a) == key)
    }
}

/// How a span's candidates were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// The key itself.
    Exact,
    /// The key without a person's leading titles.
    Untitled,
    /// A transliteration or spelling variant of its words.
    Variant,
    /// One edit away.
    Fuzzy,
}

/// One span, prepared.
struct Span<'a> {
    kind: EntityType,
    /// Words of the key (for a person, without leading titles).
    words: Vec<&'a str>,
    text: &'a str,
    start: usize,
    end: usize,
    descriptor: Option<&'a str>,
}

/// One name on the page: all spans with the same key and type are linked alike.
struct Name<'a> {
    /// Index into the page's distinct keys, for leaving a name's own evidence out.
    key_id: usize,
    kind: EntityType,
    words: Vec<&'a str>,
    text: &'a str,
    found: Found,
    /// Candidates with their decoded info and first-pass score, best first.
    candidates: Vec<(Candidate, Rc<Info>, f32)>,
    descriptor: Option<&'a str>,
    /// Read as a sports team: a place's name in match reports ("Sweden beat South Korea 1–0").
    team: bool,
}

/// Links the spans of one page, given in text order. `page` is the text the spans' offsets
/// point into; a span whose offsets are out of range or not on character boundaries is read as
/// empty (never a panic).
pub fn link(page: &str, spans: &[SpanToLink<'_>], dataset: &Dataset) -> Vec<LinkResult> {
    let keys: Vec<String> = spans
        .iter()
        .map(|s| alias_key(page.get(s.start..s.end).unwrap_or("")))
        .collect();
    let prepared: Vec<Span> = spans
        .iter()
        .zip(&keys)
        .map(|(s, key)| {
            let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
            if s.kind == EntityType::Per {
                words = strip_titles(&words).to_vec();
            }
            Span {
                kind: s.kind,
                words,
                text: page.get(s.start..s.end).unwrap_or(""),
                start: s.start,
                end: s.end,
                descriptor: s.descriptor,
            }
        })
        .collect();

    // Names: distinct (key, type, team reading) triples.
    let mut key_ids: PageMap<&str, usize> =
        PageMap::with_capacity_and_hasher(spans.len(), Default::default());
    let span_keys: Vec<usize> = keys
        .iter()
        .map(|k| {
            let next = key_ids.len();
            *key_ids.entry(k.as_str()).or_insert(next)
        })
        .collect();
    let mut lookups: PageMap<(&str, bool), (Found, Vec<Candidate>)> =
        PageMap::with_capacity_and_hasher(spans.len(), Default::default());
    for (span, key) in prepared.iter().zip(&keys) {
        let per = span.kind == EntityType::Per;
        lookups
            .entry((key.as_str(), per))
            .or_insert_with(|| find_candidates(key, &span.words, per, dataset));
    }
    // Only a name that can be a place can be read as its sports team.
    let maybe_place: Vec<bool> = prepared
        .iter()
        .zip(&keys)
        .map(|(span, key)| {
            lookups[&(key.as_str(), span.kind == EntityType::Per)]
                .1
                .iter()
                .any(|c| c.kind == EntityType::Loc)
        })
        .collect();
    let teams = teams(page, &prepared, &span_keys, &maybe_place);
    let mut infos: PageMap<u32, Rc<Info>> = PageMap::default();
    let mut name_of: PageMap<(&str, EntityType, bool), usize> =
        PageMap::with_capacity_and_hasher(spans.len(), Default::default());
    let mut names: Vec<Name> = Vec::new();
    let mut span_name = Vec::with_capacity(spans.len());
    for (i, (span, key)) in prepared.iter().zip(&keys).enumerate() {
        let next = names.len();
        let n = *name_of
            .entry((key.as_str(), span.kind, teams[i]))
            .or_insert(next);
        if n == next {
            let per = span.kind == EntityType::Per;
            let (found, list) = &lookups[&(key.as_str(), per)];
            let found = *found;
            let mut candidates = Vec::with_capacity(list.len().min(MAX_CANDIDATES));
            let has_lower = span.text.chars().any(char::is_lowercase);
            for &c in list.iter().take(MAX_CANDIDATES) {
                if let Some(info) = info(dataset, &mut infos, c.index) {
                    if found == Found::Exact && has_lower && info.only_in_capitals(key) {
                        continue;
                    }
                    let s = base_score(&c, span.kind, found, span.words.len());
                    candidates.push((c, info, s));
                }
            }
            candidates.sort_by(|a, b| b.2.total_cmp(&a.2));
            names.push(Name {
                key_id: span_keys[i],
                kind: span.kind,
                words: span.words.clone(),
                text: span.text,
                found,
                candidates,
                descriptor: span.descriptor,
                team: teams[i],
            });
        } else if names[n].descriptor.is_none() {
            names[n].descriptor = span.descriptor;
        }
        span_name.push(n);
    }

    let chosen = choose(&names, dataset);
    let mut entities: Vec<Option<u32>> = span_name.iter().map(|&n| chosen[n]).collect();
    let owners = coreference(page, &prepared, &mut entities);
    number(&prepared, &entities, &owners)
}

fn info(dataset: &Dataset, infos: &mut PageMap<u32, Rc<Info>>, index: u32) -> Option<Rc<Info>> {
    if let Some(i) = infos.get(&index) {
        return Some(Rc::clone(i));
    }
    let e = dataset.entity_view(index)?;
    let country = e.country.and_then(|c| match c.as_bytes() {
        &[a, b] => Some([a, b]),
        _ => None,
    });
    let in_capitals = |a: &str| {
        a.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !a.chars().any(char::is_lowercase)
    };
    // Few entities have aliases in capitals: only theirs are copied.
    let (caps_aliases, other_names) = if e.aliases.iter().any(|a| in_capitals(a)) {
        let (caps, mut other): (Vec<&str>, Vec<&str>) =
            e.aliases.iter().partition(|a| in_capitals(a));
        other.push(e.name);
        let owned = |v: Vec<&str>| v.into_iter().map(str::to_string).collect();
        (owned(caps), owned(other))
    } else {
        (Vec::new(), Vec::new())
    };
    let info = Rc::new(Info {
        country,
        is_country: e.subtype == "country",
        related: e.related,
        caps_aliases,
        other_names,
    });
    infos.insert(index, Rc::clone(&info));
    Some(info)
}

/// Drops a person's leading titles, keeping at least one word.
fn strip_titles<'w, 'a>(words: &'w [&'a str]) -> &'w [&'a str] {
    let mut i = 0;
    while i + 1 < words.len() && TITLES.contains(&words[i]) {
        i += 1;
    }
    &words[i..]
}

/// The candidates of a key: exact, then without titles, then spelling variants, then one edit
/// away (see the module docs).
fn find_candidates(
    key: &str,
    words: &[&str],
    per: bool,
    dataset: &Dataset,
) -> (Found, Vec<Candidate>) {
    let exact = dataset.candidates_for_key(key);
    if !exact.is_empty() || words.is_empty() {
        return (Found::Exact, exact);
    }
    let base = words.join(" ");
    if base != key {
        let untitled = dataset.candidates_for_key(&base);
        if !untitled.is_empty() {
            return (Found::Untitled, untitled);
        }
    }
    if per {
        // Words before a person's full name that are not known titles ("Scientologist Tom
        // Cruise"): only a person's own full name counts.
        for from in 1..words.len().saturating_sub(1) {
            let list: Vec<Candidate> = dataset
                .candidates_for_key(&words[from..].join(" "))
                .into_iter()
                .filter(|c| c.is_name && c.kind == EntityType::Per)
                .collect();
            if !list.is_empty() {
                return (Found::Untitled, list);
            }
        }
    } else if let Some(list) = country_qualified(words, dataset) {
        return (Found::Variant, list);
    }
    let mut merged: Vec<Candidate> = Vec::new();
    for v in variants(words, per) {
        for c in dataset.candidates_for_key(&v) {
            if !merged.iter().any(|m| m.index == c.index) {
                merged.push(c);
            }
        }
    }
    if !merged.is_empty() {
        merged.sort_by(|a, b| b.prior.total_cmp(&a.prior));
        return (Found::Variant, merged);
    }
    // A lone surname one edit from another is too often a different person.
    if per && words.len() == 1 {
        return (Found::Exact, Vec::new());
    }
    match one_edit(&base, dataset) {
        Some(list) => (Found::Fuzzy, list),
        None => (Found::Exact, Vec::new()),
    }
}

/// An organization or place named with its country first ("U.S. Department of Agriculture",
/// "United Kingdom Home Office"): the rest of the name, or the country's full name and the rest,
/// among entities of that country.
fn country_qualified(words: &[&str], dataset: &Dataset) -> Option<Vec<Candidate>> {
    for n in 1..words.len().saturating_sub(1).min(4) {
        let Some(country) = dataset
            .candidates_for_key(&words[..n].join(" "))
            .into_iter()
            .filter(|c| c.kind == EntityType::Loc)
            .find(|c| c.is_country)
            .and_then(|c| dataset.entity_view(c.index))
        else {
            continue;
        };
        let rest = words[n..].join(" ");
        let full = format!("{} {rest}", alias_key(country.name));
        for key in [full, rest] {
            let list: Vec<Candidate> = dataset
                .candidates_for_key(&key)
                .into_iter()
                .filter(|c| {
                    c.kind != EntityType::Per
                        && dataset
                            .entity_view(c.index)
                            .is_some_and(|e| e.country.is_none() || e.country == country.country)
                })
                .collect();
            if !list.is_empty() {
                return Some(list);
            }
        }
    }
    None
}

/// The spelling groups each word of [`SPELLING_GROUPS`] is in.
fn spelling_groups() -> &'static PageMap<&'static str, Vec<&'static [&'static str]>> {
    type Groups = PageMap<&'static str, Vec<&'static [&'static str]>>;
    static GROUPS: std::sync::OnceLock<Groups> = std::sync::OnceLock::new();
    GROUPS.get_or_init(|| {
        let mut map = Groups::default();
        for group in SPELLING_GROUPS {
            for word in *group {
                map.entry(*word).or_default().push(*group);
            }
        }
        map
    })
}

/// Other spellings of one word: its spelling group, and for a person's name (`person`) Slavic
/// endings (-y, -iy, -yy, -i; -ei, -ey).
fn word_variants(word: &str, person: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(groups) = spelling_groups().get(word) {
        for group in groups {
            out.extend(group.iter().filter(|w| **w != word).map(|w| w.to_string()));
        }
    }
    if person && word.len() >= 5 && word.is_ascii() {
        let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        for suffix in ["iy", "yy", "ii", "ij", "y", "i"] {
            if let Some(stem) = word.strip_suffix(suffix) {
                let Some(&last) = stem.as_bytes().last() else {
                    break;
                };
                let endings: &[&str] = if vowel(last) {
                    if matches!(last, b'e' | b'a' | b'o') && suffix.len() == 1 {
                        &["i", "y", "j"]
                    } else {
                        &[]
                    }
                } else {
                    &["y", "iy", "yy", "i", "ii"]
                };
                for e in endings {
                    let v = format!("{stem}{e}");
                    if v != word && !out.contains(&v) {
                        out.push(v);
                    }
                }
                break;
            }
        }
    }
    out
}

/// Keys made by replacing words with their variants (of a person's name: `person`), at most
/// [`MAX_VARIANTS`].
fn variants(words: &[&str], person: bool) -> Vec<String> {
    let options: Vec<Vec<String>> = words.iter().map(|w| word_variants(w, person)).collect();
    if options.iter().all(Vec::is_empty) {
        return Vec::new();
    }
    // Start from the key as written and change one word at a time, then pairs, breadth first.
    let mut out: Vec<Vec<String>> = vec![words.iter().map(|w| w.to_string()).collect()];
    let mut i = 0;
    while i < out.len() && out.len() < MAX_VARIANTS + 1 {
        let current = out[i].clone();
        for (w, opts) in options.iter().enumerate() {
            if current[w] != words[w] {
                continue;
            }
            for o in opts {
                let mut next = current.clone();
                next[w] = o.clone();
                if !out.contains(&next) {
                    out.push(next);
                }
                if out.len() > MAX_VARIANTS {
                    break;
                }
            }
        }
        i += 1;
    }
    out.into_iter().skip(1).map(|w| w.join(" ")).collect()
}

/// The candidates of the only key one edit away from `base` (deletion, insertion, substitution
/// or transposition of ASCII letters inside a word of four letters or more, never its first
/// letter), or `None` when there is no such key or more than one.
fn one_edit(base: &str, dataset: &Dataset) -> Option<Vec<Candidate>> {
    let b = base.as_bytes();
    if !b
        .iter()
        .all(|c| c.is_ascii_lowercase() || *c == b' ' || c.is_ascii_digit())
    {
        return None;
    }
    let letters = b.iter().filter(|c| c.is_ascii_lowercase()).count();
    if !(MIN_FUZZY_LETTERS..=MAX_FUZZY_LETTERS).contains(&letters) {
        return None;
    }
    // Typos rarely touch a word's first letter, and a changed short word is more often another
    // name ("Roe", "Doe"): edits stay inside words of four letters or more, after their first
    // letter.
    let mut editable = vec![false; b.len() + 1];
    let mut word_start = 0;
    for i in 0..=b.len() {
        if i == b.len() || b[i] == b' ' {
            if i - word_start >= 4 {
                for e in editable.iter_mut().take(i + 1).skip(word_start + 1) {
                    *e = true;
                }
            }
            word_start = i + 1;
        }
    }
    // Two keys one edit away make the spelling ambiguous: no guess.
    let mut keys = dataset.keys_one_edit(base, &editable, 2);
    match keys.len() {
        1 => keys.pop().map(|(_, list)| list).filter(|l| !l.is_empty()),
        _ => None,
    }
}

/// Score before page context.
fn base_score(c: &Candidate, tagged: EntityType, found: Found, words: usize) -> f32 {
    let mut s = c.prior;
    s += type_agreement(tagged, c.kind);
    if c.is_name {
        // An entity's own name, more so a full name of several words, is better evidence than
        // an alias.
        s += if words >= 2 { 0.2 } else { 0.1 };
    }
    s -= match found {
        Found::Exact | Found::Untitled => 0.0,
        Found::Variant => 0.05,
        Found::Fuzzy => 0.15,
    };
    s
}

fn type_agreement(tagged: EntityType, kind: EntityType) -> f32 {
    use EntityType::*;
    match (tagged, kind) {
        (a, b) if a == b => 0.5,
        // Places and organizations trade names ("Washington said", "the White House").
        (Loc, Org) | (Org, Loc) => 0.15,
        _ => 0.0,
    }
}

/// A person tagged as a place or organization, or the reverse, is never linked.
fn compatible(tagged: EntityType, kind: EntityType) -> bool {
    (tagged == EntityType::Per) == (kind == EntityType::Per)
}

/// The page context one name contributes: its first-pass winner.
struct Pick {
    key_id: usize,
    index: u32,
    info: Rc<Info>,
    /// People travel: a person's country says less about where the page's places are than a
    /// place's or an organization's does ("Rubio met Lavrov in Geneva" is not in Illinois).
    person: bool,
}

/// The page's context, indexed: the picks by entity, by the entities they list as related, and
/// by country.
struct Context<'p> {
    picks: &'p [Pick],
    by_entity: PageMap<u32, Vec<usize>>,
    by_related: PageMap<u32, Vec<usize>>,
    by_country: PageMap<[u8; 2], Vec<usize>>,
}

impl<'p> Context<'p> {
    fn new(picks: &'p [Pick]) -> Context<'p> {
        let mut by_entity: PageMap<u32, Vec<usize>> = PageMap::default();
        let mut by_related: PageMap<u32, Vec<usize>> = PageMap::default();
        let mut by_country: PageMap<[u8; 2], Vec<usize>> = PageMap::default();
        for (i, p) in picks.iter().enumerate() {
            by_entity.entry(p.index).or_default().push(i);
            for &r in &p.info.related {
                by_related.entry(r).or_default().push(i);
            }
            if let Some(c) = p.info.country {
                by_country.entry(c).or_default().push(i);
            }
        }
        Context {
            picks,
            by_entity,
            by_related,
            by_country,
        }
    }

    /// Context score of candidate `index` for a name with key `key_id`, from the picks of other
    /// names (never the same entity picked for a synonym): (related entities on the page,
    /// countries on the page and relations to them).
    fn score(&self, index: u32, info: &Info, key_id: usize) -> (f32, f32) {
        let other = |i: usize| self.picks[i].key_id != key_id && self.picks[i].index != index;
        let mut related = 0.0f32;
        let mut weak = 0.0f32;
        // A country is weak evidence (the country match says it too); a state, city or
        // organization is strong.
        for r in &info.related {
            for i in self
                .by_entity
                .get(r)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&i| other(i))
            {
                if self.picks[i].info.is_country {
                    weak += 0.2;
                } else {
                    related += 0.8;
                }
            }
        }
        for _ in self
            .by_related
            .get(&index)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| other(i))
        {
            if info.is_country {
                weak += 0.2;
            } else {
                related += 0.5;
            }
        }
        // Names of that country on the page, a person counting half.
        let halves: usize = info
            .country
            .and_then(|c| self.by_country.get(&c))
            .map_or(0, |l| {
                l.iter()
                    .filter(|&&i| other(i))
                    .map(|&i| if self.picks[i].person { 1 } else { 2 })
                    .sum()
            });
        let countries = match halves {
            0 => 0.0,
            1 => 0.075,
            2 => 0.15,
            3 | 4 => 0.25,
            _ => 0.3,
        };
        (related.min(1.0), (weak.min(0.2) + countries).min(0.4))
    }
}

/// The linked entity of each name, or `None`.
fn choose(names: &[Name], dataset: &Dataset) -> Vec<Option<u32>> {
    // First pass: the clear winners are the page's context.
    let mut picks = Vec::new();
    for n in names {
        let Some((best, info, s)) = n.candidates.first() else {
            continue;
        };
        let margin = n.candidates.get(1).map_or(f32::INFINITY, |c| s - c.2);
        let single_person = n.kind == EntityType::Per && n.words.len() == 1;
        if *s >= MIN_SCORE
            && margin >= CONFIDENT_MARGIN
            && compatible(n.kind, best.kind)
            && !single_person
            && !n.team
        {
            picks.push(Pick {
                key_id: n.key_id,
                index: best.index,
                info: Rc::clone(info),
                person: best.kind == EntityType::Per,
            });
        }
    }
    let context = Context::new(&picks);
    // Second pass: add context, then decide.
    names
        .iter()
        .map(|n| {
            let mut scored: Vec<(Candidate, f32, f32, f32)> = n
                .candidates
                .iter()
                .map(|(c, info, s)| {
                    let (related, countries) = context.score(c.index, info, n.key_id);
                    (*c, s + related + countries, related + countries, related)
                })
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1));
            decide(n, &scored, &picks, dataset)
        })
        .collect()
}

/// Applies the abstention rules to a name's scored candidates (best first): see the module docs.
fn decide(
    n: &Name,
    scored: &[(Candidate, f32, f32, f32)],
    picks: &[Pick],
    dataset: &Dataset,
) -> Option<u32> {
    // A team is not the place it is named after, and teams are not in the dataset.
    let teams: Vec<(Candidate, f32, f32, f32)>;
    let scored = if n.team {
        teams = scored
            .iter()
            .filter(|c| c.0.kind != EntityType::Loc)
            .copied()
            .collect();
        &teams[..]
    } else {
        scored
    };
    let &(best, score, ctx, related) = scored.first()?;
    if score < MIN_SCORE || !compatible(n.kind, best.kind) {
        return None;
    }
    if let Some(&(second, s2, _, _)) = scored.get(1) {
        if score - s2 < TIE && second.kind == best.kind {
            return None;
        }
    }
    if n.found == Found::Fuzzy
        && (best.kind != n.kind || (n.kind == EntityType::Per && !best.is_name))
    {
        return None;
    }
    // A short acronym with several readings needs the page to choose.
    let letters = n.text.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 3 && n.words.len() == 1 && n.text.chars().all(|c| !c.is_lowercase()) {
        if let Some(&(_, s2, _, _)) = scored
            .iter()
            .skip(1)
            .find(|(c, _, _, _)| c.kind == best.kind)
        {
            if score - s2 < 0.3 && ctx < 0.2 {
                return None;
            }
        }
    }
    if best.kind == EntityType::Loc
        && n.words.len() == 1
        && best.prior < SMALL_PLACE_PRIOR
        && ctx <= 0.0
    {
        // A small place alone: more often a word the tagger took for a name, or another place
        // of that name, than the one in the dataset.
        return None;
    }
    if best.kind == EntityType::Loc
        && n.words.len() == 1
        && !best.is_name
        && best.prior < ALIAS_PLACE_PRIOR
        && related <= 0.0
    {
        // Another name of a mid-sized place ("Google" is also Topeka), with nothing on the page
        // near it.
        return None;
    }
    if best.kind != EntityType::Per
        && n.words.iter().all(|w| GENERIC_WORDS.contains(w))
        && ctx <= 0.0
    {
        // "the Supreme Court", "the Home Office": a country's institution, named generically;
        // on a page about other countries it is probably theirs.
        if best_country(picks, n, best.index) == Some(false) {
            return None;
        }
    }
    if best.kind == EntityType::Per {
        if n.words.len() == 1 && !best.is_name {
            // A word that also starts other names ("Mohamed", "Kim", "Lee") is a given name or a
            // common surname: only the most prominent bearer is linked by it alone.
            if best.prior < COMMON_NAME_PRIOR
                && ctx < 0.5
                && dataset.has_key_with_prefix(n.words[0])
            {
                return None;
            }
            // A lone surname or first name: only a well-known person whom no other known person
            // shares it with, unless the page tells them apart.
            if best.prior < SURNAME_PRIOR && ctx < 0.5 {
                return None;
            }
            let rival = scored
                .iter()
                .skip(1)
                .find(|(c, _, _, _)| c.kind == EntityType::Per && c.prior >= 0.3);
            if let Some(&(_, s2, _, _)) = rival {
                if score - s2 < 0.3 {
                    return None;
                }
            }
        } else if best.prior < WEAK_PERSON_PRIOR
            && ctx < 0.2
            && (!best.is_name || is_historical(dataset, best.index))
            && !n.descriptor.is_some_and(|d| agrees(d, dataset, best.index))
        {
            // A weakly known person found by another of their names ("John Smith" for the
            // explorer Captain John Smith), or a historical figure, when nothing on the page
            // speaks for them: more likely a namesake.
            return None;
        }
        if let Some(d) = n.descriptor {
            if is_private(d) && !agrees(d, dataset, best.index) {
                return None;
            }
        }
    }
    Some(best.index)
}

/// Whether the best candidate's country is among the countries of the page's other names:
/// `None` when the page names no country or the candidate has none.
fn best_country(picks: &[Pick], n: &Name, index: u32) -> Option<bool> {
    let country = n
        .candidates
        .iter()
        .find(|c| c.0.index == index)?
        .1
        .country?;
    let mut page = picks
        .iter()
        .filter(|p| p.key_id != n.key_id)
        .filter_map(|p| p.info.country)
        .peekable();
    page.peek()?;
    Some(page.any(|c| c == country))
}

/// Which spans read as sports teams. On a page with at least two sentences of match reporting,
/// a name at least half of whose mentions sit in such sentences is a team, except where a
/// preposition of place makes it a place ("at the stadium in Sochi"); so is a name written
/// after "Team" ("Team Estonia"). Only names with a place among their candidates
/// (`maybe_place`) are read at all.
fn teams(page: &str, spans: &[Span], keys: &[usize], maybe_place: &[bool]) -> Vec<bool> {
    if !maybe_place.contains(&true) {
        return vec![false; spans.len()];
    }
    let mut sentences: PageMap<usize, bool> = PageMap::default();
    let mut in_sports = Vec::with_capacity(spans.len());
    let mut placed = Vec::with_capacity(spans.len());
    let ends = sentence_ends(page);
    for (s, &maybe_place) in spans.iter().zip(maybe_place) {
        if !maybe_place {
            in_sports.push(false);
            placed.push(false);
            continue;
        }
        let (from, to) = sentence_around(&ends, page.len(), s.start, s.end);
        let sports = *sentences
            .entry(from)
            .or_insert_with(|| is_sports(page.get(from..to).unwrap_or("")));
        let before = page.get(from..s.start.max(from)).unwrap_or("");
        let last = before
            .split(|c: char| !c.is_alphanumeric())
            .rev()
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let last = if last.eq_ignore_ascii_case("the") {
            before
                .split(|c: char| !c.is_alphanumeric())
                .rev()
                .filter(|w| !w.is_empty())
                .nth(1)
                .unwrap_or("")
        } else {
            last
        };
        placed.push(
            PLACE_PREPOSITIONS
                .iter()
                .any(|p| p.eq_ignore_ascii_case(last)),
        );
        in_sports.push(sports && last != "Team");
    }
    let sports_page = sentences.values().filter(|&&v| v).count() >= 2;
    let mut counts: PageMap<usize, (usize, usize)> = PageMap::default();
    for (i, &k) in keys.iter().enumerate() {
        let c = counts.entry(k).or_default();
        c.0 += 1;
        c.1 += usize::from(in_sports[i] && !placed[i]);
    }
    (0..spans.len())
        .map(|i| {
            let after_team = page
                .get(..spans[i].start)
                .is_some_and(|b| b.trim_end().ends_with("Team"));
            let (all, sports) = counts[&keys[i]];
            after_team || (sports_page && !placed[i] && sports > 0 && 2 * sports >= all)
        })
        .collect()
}

/// Prepositions after which a place's name is the place, not its team.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "across",
    "throughout",
    "outside",
    "inside",
    "around",
];

/// Byte positions that end a sentence: a `.`, `!` or `?` followed by a space or the end, or a
/// line break.
fn sentence_ends(page: &str) -> Vec<usize> {
    let b = page.as_bytes();
    // The scan covers the whole page on every call: memchr finds these rare bytes many at a
    // time (SIMD).
    let mut marks: Vec<usize> = memchr::memchr3_iter(b'\n', b'.', b'!', b).collect();
    marks.extend(memchr::memchr_iter(b'?', b));
    marks.sort_unstable();
    marks.retain(|&i| b[i] == b'\n' || b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()));
    marks
}

/// Byte range of the sentence around `start..end`: from after the last sentence end (see
/// [`sentence_ends`]) before it to the next one after it.
fn sentence_around(ends: &[usize], len: usize, start: usize, end: usize) -> (usize, usize) {
    let start = start.min(len);
    let end = end.clamp(start, len);
    let before = ends.partition_point(|&i| i < start);
    let from = before.checked_sub(1).map_or(0, |k| ends[k] + 1);
    let after = ends.partition_point(|&i| i < end);
    let to = ends.get(after).copied().unwrap_or(len);
    (from, to)
}

/// Words of match reports: one strong word (or a score such as "1–0") and one more.
const SPORTS_STRONG: &[&str] = &[
    "baseball",
    "basketball",
    "cricket",
    "cup",
    "derby",
    "equalise",
    "equaliser",
    "equalize",
    "equalizer",
    "fixture",
    "football",
    "goal",
    "goalkeeper",
    "goals",
    "halftime",
    "header",
    "hockey",
    "inning",
    "innings",
    "match",
    "matches",
    "midfielder",
    "olympics",
    "penalty",
    "playoff",
    "playoffs",
    "possession",
    "qualifier",
    "qualifiers",
    "quarter-final",
    "quarterfinal",
    "referee",
    "rugby",
    "scored",
    "scores",
    "scoring",
    "semi-final",
    "semifinal",
    "soccer",
    "stadium",
    "striker",
    "substituted",
    "touchdown",
    "tournament",
    "wicket",
];
const SPORTS_WEAK: &[&str] = &[
    "beat",
    "beats",
    "captain",
    "champions",
    "championship",
    "club",
    "coach",
    "defeated",
    "draw",
    "drew",
    "faced",
    "faces",
    "fans",
    "final",
    "game",
    "games",
    "group",
    "half",
    "lead",
    "league",
    "lost",
    "minute",
    "opener",
    "play",
    "played",
    "players",
    "points",
    "season",
    "side",
    "squad",
    "team",
    "title",
    "victory",
    "win",
    "winning",
    "wins",
    "won",
    "world",
];

/// The words of [`SPORTS_STRONG`] (true) and [`SPORTS_WEAK`] (false), for one look-up a word.
fn sports_words() -> &'static PageMap<&'static [u8], bool> {
    static WORDS: std::sync::OnceLock<PageMap<&'static [u8], bool>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let strong = SPORTS_STRONG.iter().map(|w| (w.as_bytes(), true));
        let weak = SPORTS_WEAK.iter().map(|w| (w.as_bytes(), false));
        weak.chain(strong).collect()
    })
}

/// True for a sentence of match reporting (see [`SPORTS_STRONG`]).
fn is_sports(sentence: &str) -> bool {
    let mut strong = 0;
    let mut weak = 0;
    // Words are runs of alphanumeric characters and hyphens, lower-cased into a buffer as long
    // as the longest listed word (13 letters); every listed word is ASCII.
    let mut word = [0u8; 13];
    let mut len = 0;
    let mut listed = true; // false once the word is too long or not ASCII
    let words = sports_words();
    let mut check = |word: &[u8]| match words.get(word) {
        Some(true) => strong += 1,
        Some(false) => weak += 1,
        None => {}
    };
    for c in sentence.chars().chain([' ']) {
        if c.is_alphanumeric() || c == '-' {
            if c.is_ascii() && len < word.len() {
                word[len] = c.to_ascii_lowercase() as u8;
                len += 1;
            } else {
                listed = false;
            }
        } else {
            if listed && len > 0 {
                check(&word[..len]);
            }
            len = 0;
            listed = true;
        }
    }
    strong += usize::from(has_score(sentence));
    strong >= 1 && strong + weak >= 2
}

/// True when the text holds a score: digits, a dash, digits ("1–0", "3 - 0").
fn has_score(text: &str) -> bool {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // One or two digits, skipping spaces: not a date or number range. Digits and spaces are
    // ASCII, so the bytes around a dash can be read directly.
    let short = |bytes: &mut dyn Iterator<Item = u8>| {
        let n = bytes
            .skip_while(|b| *b == b' ')
            .take_while(u8::is_ascii_digit)
            .count();
        (1..=2).contains(&n)
    };
    text.char_indices().any(|(i, c)| {
        matches!(c, '-' | '–' | '—')
            && short(&mut text[..i].bytes().rev())
            && short(&mut text[i + c.len_utf8()..].bytes())
    })
}

/// Lower-cased content words of a description, with a plural `s` dropped.
fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOP_WORDS.contains(&w.as_str()))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.len() >= 4 && !stem.ends_with('s') => stem.to_string(),
            _ => w,
        })
}

/// True when the page's description of a person shares a content word with the entity's
/// description, subtype or facts ("the country's finance minister" and "Minister of Finance").
fn agrees(descriptor: &str, dataset: &Dataset, index: u32) -> bool {
    let Some(e) = dataset.entity_view(index) else {
        return false;
    };
    let known = entity_words(&e);
    content_words(descriptor).any(|w| known.contains(&w))
}

fn entity_words(e: &EntityView) -> Vec<String> {
    let mut words: Vec<String> = content_words(e.description)
        .chain(content_words(e.subtype))
        .collect();
    for f in &e.facts {
        words.extend(content_words(f.value));
    }
    words
}

/// True for a person of the past: a description with a life span or an end before 1950
/// ("English explorer (1580-1631)", "economist (until 1790)").
fn is_historical(dataset: &Dataset, index: u32) -> bool {
    let Some(e) = dataset.entity_view(index) else {
        return false;
    };
    let d = e.description;
    let years = |s: &str| -> Vec<u32> {
        s.split(|c: char| !c.is_ascii_digit())
            .filter(|w| (3..=4).contains(&w.len()))
            .filter_map(|w| w.parse().ok())
            .collect()
    };
    d.match_indices('(').any(|(at, _)| {
        let inside = d[at + 1..].split(')').next().unwrap_or("");
        let ys = years(inside);
        match ys.as_slice() {
            [_, end] => *end < 1950 || inside.contains('-') || inside.contains('–'),
            [end] => inside.starts_with("until") && *end < 1950,
            _ => false,
        }
    }) || e.facts.iter().any(|f| f.label == "Died")
}

/// True when a description marks a private individual ("a local teacher", "a mother of two").
fn is_private(descriptor: &str) -> bool {
    descriptor
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| PRIVATE_CUES.contains(&w.to_lowercase().as_str()))
}

/// Within-page coreference (see the module docs). Updates `entities` and returns each span's
/// owner: the span whose page entity it shares. Indexes by word keep it linear in the number of
/// spans.
fn coreference(page: &str, spans: &[Span], entities: &mut [Option<u32>]) -> Vec<usize> {
    let mut owner: Vec<usize> = (0..spans.len()).collect();
    // Persons' full names by first and last word; multi-word organizations and places by first
    // and last word and by initials; the first span of each person's full name.
    let mut full_by_word: PageMap<&str, Vec<usize>> = PageMap::default();
    let mut org_by_word: PageMap<&str, Vec<usize>> = PageMap::default();
    let mut org_by_initials: PageMap<String, Vec<usize>> = PageMap::default();
    let mut first_full: PageMap<&[&str], usize> = PageMap::default();
    // Acronyms the page defines in parentheses, with the span that defined them.
    let mut defined: PageMap<String, usize> = PageMap::default();
    for (j, s) in spans.iter().enumerate() {
        if s.words.len() < 2 {
            continue;
        }
        if s.kind == EntityType::Per {
            let core = without_suffixes(&s.words);
            full_by_word.entry(core[0]).or_default().push(j);
            if core.len() > 1 && core[core.len() - 1] != core[0] {
                full_by_word
                    .entry(core[core.len() - 1])
                    .or_default()
                    .push(j);
            }
            first_full.entry(&s.words[..]).or_insert(j);
        } else {
            org_by_word.entry(s.words[0]).or_default().push(j);
            org_by_word
                .entry(s.words[s.words.len() - 1])
                .or_default()
                .push(j);
            for i in initials(&s.words) {
                org_by_initials.entry(i).or_default().push(j);
            }
        }
    }
    // The last index in `list` (ascending) before `i`.
    let before = |list: Option<&Vec<usize>>, i: usize| -> Option<usize> {
        let list = list?;
        let at = list.partition_point(|&j| j < i);
        at.checked_sub(1).map(|k| list[k])
    };
    for i in 0..spans.len() {
        let s = &spans[i];
        if s.words.len() == 1
            && (s.kind == EntityType::Per || entities[i].is_none())
            && !is_acronym(s.text)
        {
            let w = s.words[0];
            let list = full_by_word.get(w);
            let target = before(list, i).or_else(|| {
                // A headline's surname: the only later full name it shortens.
                let mut later = list?.iter().copied().filter(|&j| j > i);
                let first = later.next()?;
                let distinct = later.all(|j| spans[j].words == spans[first].words);
                distinct.then_some(first)
            });
            if let Some(j) = target {
                owner[i] = owner[j];
                entities[i] = entities[j];
                continue;
            }
        }
        if s.kind != EntityType::Per
            && s.words.len() == 1
            && entities[i].is_none()
            && INSTITUTION_HEADS.contains(&s.words[0])
        {
            // "the Church" after "the Church of Scientology", "the Foundation" after "the
            // National Science Foundation".
            if let Some(j) = before(org_by_word.get(s.words[0]), i) {
                owner[i] = owner[j];
                entities[i] = entities[j];
                continue;
            }
        }
        if s.kind == EntityType::Per && s.words.len() >= 2 {
            // The same full name written with a title ("President Donald Trump").
            if let Some(&j) = first_full.get(&s.words[..]).filter(|&&j| j < i) {
                owner[i] = owner[j];
                if entities[i].is_none() {
                    entities[i] = entities[j];
                }
                continue;
            }
        }
        if is_acronym(s.text) {
            let letters: String = acronym_letters(s.text).into_iter().collect();
            // "Central Intelligence Agency (CIA)".
            if i > 0
                && between_is_open_paren(page, spans[i - 1].end, s.start)
                && closes_paren(page, s.end)
            {
                let j = i - 1;
                owner[i] = owner[j];
                entities[i] = entities[j];
                defined.insert(letters, i);
                continue;
            }
            // "CIA (Central Intelligence Agency)": the spelled-out name defines the acronym.
            if let Some(next) = spans.get(i + 1) {
                if between_is_open_paren(page, s.end, next.start)
                    && closes_paren(page, next.end)
                    && initials(&next.words).contains(&letters)
                {
                    entities[i] = entities[i + 1];
                    owner[i + 1] = owner[i];
                    defined.insert(letters, i);
                    continue;
                }
            }
            // Defined earlier on the page.
            if let Some(&j) = defined.get(&letters) {
                owner[i] = owner[j];
                entities[i] = entities[j];
                continue;
            }
            // The initials of an earlier organization or place.
            if let Some(j) = before(org_by_initials.get(&letters), i) {
                if entities[j].is_some() || entities[i].is_none() {
                    owner[i] = owner[j];
                    entities[i] = entities[j];
                }
            }
        }
    }
    // An owner's later change (the second half of a parenthetical pair) reaches its followers.
    for i in 0..owner.len() {
        let mut o = owner[i];
        let mut steps = 0;
        while owner[o] != o && steps < owner.len() {
            o = owner[o];
            steps += 1;
        }
        owner[i] = o;
    }
    owner
}

/// A full name without suffixes such as "Jr." (keeping two words at least).
fn without_suffixes<'w, 'a>(words: &'w [&'a str]) -> &'w [&'a str] {
    let mut w = words;
    while let Some((last, rest)) = w.split_last() {
        if SUFFIXES.contains(last) && rest.len() >= 2 {
            w = rest;
        } else {
            break;
        }
    }
    w
}

/// True for a name written as an acronym: 2 to 8 capital letters, with or without periods
/// ("CIA", "U.N.", "NSW").
fn is_acronym(text: &str) -> bool {
    let letters = text.chars().filter(|c| *c != '.').count();
    (2..=8).contains(&letters)
        && text
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
        && text.chars().filter(|c| c.is_uppercase()).count() >= 2
}

fn acronym_letters(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The acronyms `words` may be abbreviated to: the initials of all of them, of those that are
/// not minor words ("of", "the"), and of their last two or more words ("United States National
/// Security Council" → "nsc").
fn initials(words: &[&str]) -> Vec<String> {
    let of = |ws: &[&str], skip_minor: bool| -> String {
        ws.iter()
            .filter(|w| !(skip_minor && MINOR_WORDS.contains(w)))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    let mut out: Vec<String> = Vec::new();
    for skip in [false, true] {
        for from in 0..words.len().saturating_sub(1) {
            if from > 0 && MINOR_WORDS.contains(&words[from]) {
                continue;
            }
            let i = of(&words[from..], skip);
            if i.chars().count() >= 2 && !out.contains(&i) {
                out.push(i);
            }
        }
    }
    out
}

fn between_is_open_paren(page: &str, from: usize, to: usize) -> bool {
    from <= to && page.get(from..to).is_some_and(|s| s.trim() == "(")
}

fn closes_paren(page: &str, at: usize) -> bool {
    page.get(at..)
        .is_some_and(|s| s.trim_start().starts_with(')'))
}

/// Page entity numbers: one per linked entity, else one per owner's key.
fn number(spans: &[Span], entities: &[Option<u32>], owners: &[usize]) -> Vec<LinkResult> {
    #[derive(Hash, PartialEq, Eq)]
    enum Group {
        Entity(u32),
        Name(String),
    }
    let mut numbers: PageMap<Group, u32> = PageMap::default();
    let mut out = Vec::with_capacity(spans.len());
    for (i, entity) in entities.iter().enumerate() {
        let owner = owners[i];
        let group = match entity.or(entities[owner]) {
            Some(e) => Group::Entity(e),
            None => Group::Name(spans[owner].words.join(" ")),
        };
        let next = numbers.len() as u32;
        let page_entity = *numbers.entry(group).or_insert(next);
        out.push(LinkResult {
            entity: *entity,
            page_entity,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{DatasetBuilder, EntityInput};

    #[test]
    fn sentence_ends_are_the_line_breaks_and_the_stops_before_a_space_or_the_end() {
        // One byte at a time, as the definition reads.
        let plain = |page: &str| -> Vec<usize> {
            let b = page.as_bytes();
            (0..b.len())
                .filter(|&i| match b[i] {
                    b'\n' => true,
                    b'.' | b'!' | b'?' => b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()),
                    _ => false,
                })
                .collect()
        };
        for page in [
            "",
            "No stop at all",
            "Really? Yes! And 3.5 per cent.\nNext line?\tTab. U.S. officials said so?",
            "Who? What?! Why?? ...\n\n?",
            "Zoë fuhr nach Genève? Ja. 東京へ。Done!",
            "?!.\n",
        ] {
            assert_eq!(sentence_ends(page), plain(page), "{page:?}");
        }
    }

    fn dataset() -> Dataset {
        let mut b = DatasetBuilder::new("t");
        b.add(EntityInput::new("Q142", EntityType::Loc, "country", "France").prior(0.9));
        b.add(EntityInput::new("Q1439", EntityType::Loc, "state", "Texas").prior(0.8));
        let mut paris = EntityInput::new("Q90", EntityType::Loc, "city", "Paris").prior(0.9);
        paris.related.push("Q142".into());
        b.add(paris);
        let mut paris_tx = EntityInput::new("Q830149", EntityType::Loc, "city", "Paris").prior(0.2);
        paris_tx.related.push("Q1439".into());
        b.add(paris_tx);
        b.add(
            EntityInput::new("Q8445", EntityType::Per, "minister", "Sergey Lavrov")
                .alias("Lavrov")
                .prior(0.6),
        );
        Dataset::from_bytes(b.build().unwrap()).unwrap()
    }

    /// Links the names of `page` given as (text, type) in order of appearance.
    fn ids(page: &str, names: &[(&str, EntityType)]) -> Vec<Option<String>> {
        let ds = dataset();
        let mut from = 0;
        let spans: Vec<SpanToLink> = names
            .iter()
            .map(|&(text, kind)| {
                let start = from + page[from..].find(text).unwrap();
                from = start + text.len();
                SpanToLink::new(start, from, kind)
            })
            .collect();
        link(page, &spans, &ds)
            .into_iter()
            .map(|r| r.entity.map(|i| ds.entity(i).unwrap().id))
            .collect()
    }

    #[test]
    fn context_picks_the_right_paris() {
        use EntityType::*;
        assert_eq!(ids("Paris", &[("Paris", Loc)]), [Some("Q90".to_string())]);
        assert_eq!(
            ids("Texas: Paris", &[("Texas", Loc), ("Paris", Loc)])[1].as_deref(),
            Some("Q830149")
        );
        assert_eq!(
            ids("France: Paris", &[("France", Loc), ("Paris", Loc)])[1].as_deref(),
            Some("Q90")
        );
    }

    #[test]
    fn unknown_names_abstain() {
        assert_eq!(
            ids("John Smith", &[("John Smith", EntityType::Per)]),
            [None]
        );
    }

    #[test]
    fn surnames_follow_the_full_name() {
        use EntityType::*;
        let ds = dataset();
        let page = "Jane Roe met Roe and Lavrov.";
        let spans = [
            SpanToLink::new(0, 8, Per),
            SpanToLink::new(13, 16, Per),
            SpanToLink::new(21, 27, Per),
        ];
        let got = link(page, &spans, &ds);
        assert_eq!(got[0].entity, None);
        assert_eq!(got[0].page_entity, got[1].page_entity);
        assert_ne!(got[2].page_entity, got[0].page_entity);
        assert_eq!(ds.entity(got[2].entity.unwrap()).unwrap().id, "Q8445");
    }

    #[test]
    fn sports_word_lists_do_not_overlap() {
        for w in SPORTS_STRONG {
            assert!(!SPORTS_WEAK.contains(w), "{w} is in both lists");
        }
        assert_eq!(
            sports_words().len(),
            SPORTS_STRONG.len() + SPORTS_WEAK.len()
        );
    }

    #[test]
    fn word_variants_cover_transliterations() {
        assert!(word_variants("sergei", true).contains(&"sergey".to_string()));
        assert!(word_variants("zelenskiy", true).contains(&"zelensky".to_string()));
        assert!(word_variants("zelenskyy", true).contains(&"zelensky".to_string()));
        assert!(word_variants("zelensky", true).contains(&"zelenskyy".to_string()));
        assert!(word_variants("mohammed", true).contains(&"muhammad".to_string()));
        assert!(word_variants("alexei", true).contains(&"alexey".to_string()));
        assert!(word_variants("nikolai", true).contains(&"nikolay".to_string()));
        assert!(word_variants("paris", true).is_empty());
        // Slavic endings are for persons: "Sochi" is not also "Sochy".
        assert!(word_variants("sochi", false).is_empty());
        assert!(!word_variants("sochi", true).is_empty());
    }

    #[test]
    fn initials_of_names() {
        let m = |a: &str, w: &str| {
            initials(&w.split(' ').collect::<Vec<_>>())
                .contains(&acronym_letters(a).into_iter().collect::<String>())
        };
        assert!(m("CIA", "central intelligence agency"));
        assert!(m("BoE", "bank of england") || m("BOE", "bank of england"));
        assert!(m("BE", "bank of england"));
        assert!(m("NSC", "united states national security council"));
        assert!(m("FSANZ", "food standards australia new zealand"));
        assert!(!m("NASA", "national security agency"));
    }
}
