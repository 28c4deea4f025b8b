//! How a page describes the people and organizations it names: the "On this page: …" line of a
//! card, and for names the dataset does not know, the card's main content.
//!
//! Four patterns are read, in this order of preference (the first of a page entity's mentions
//! that has the best pattern wins):
//!
//! 1. **Apposition** after the name: "Sergey Lavrov, the country's foreign minister, said",
//!    "John Smith, 45, a teacher from Ohio" (→ "a teacher from Ohio, 45"), "Acme, a
//!    Virginia-based contractor,", also "X, who is the …". The phrase starts with a determiner, a
//!    possessive ("Russia's"), a number (an age) or a role word, and ends at a comma, bracket,
//!    dash, semicolon or clause word ("who", "said"). A phrase ended by the sentence's end counts
//!    only after a speech verb ("…, said John Smith, a local teacher."), where it cannot be the
//!    subject of a new clause.
//! 2. **A noun phrase before the name**, set off by commas: "the UN envoy for Yemen, Martin
//!    Griffiths, said", "Britain's foreign secretary, David Lammy,".
//! 3. **Copula** at the start of a sentence: "Rathbun is a former Scientology executive".
//! 4. **Title** right before the name: "Foreign Minister Sergey Lavrov", "US President Donald
//!    Trump", "Afghan Ambassador to the United States Hamdullah Mohib", "the Virginia-based
//!    company Acme". Honorifics alone ("Mr.", "Dr.") say nothing and are not descriptors.
//!
//! Patterns 2–4 need a role word as the phrase's head ("minister", "envoy", "company"); every
//! pattern refuses phrases with an auxiliary verb ("was", "has"), which marks a clause rather than
//! a description. Places get no descriptors ("Paris, France" is not one).

use std::borrow::Cow;
use std::ops::Range;

use crate::dataset::EntityType;
use crate::tag::TagSpan;
use crate::tokenize::{Token, TokenKind};
use crate::words::WordSet;

/// Where a descriptor came from; earlier variants are preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DescriptorKind {
    /// "X, the country's finance minister,".
    Apposition,
    /// "the UN envoy for Yemen, X,".
    Before,
    /// "X is a former executive".
    Copula,
    /// "Foreign Minister X".
    Title,
}

/// How the page describes one mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Descriptor {
    /// The description as the page words it ("the country's finance minister").
    pub text: String,
    /// The pattern it came from.
    pub kind: DescriptorKind,
}

/// Most tokens in a descriptor.
const MAX_TOKENS: usize = 14;

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "another", "its", "his", "her", "their", "one",
];

/// Words that make a phrase a clause, not a description.
const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "did", "does", "do", "said", "says",
];

/// Words that end an apposition.
const CLAUSE_WORDS: &[&str] = &[
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "said",
    "says",
    "told",
    "tells",
    "added",
    "according",
    "but",
    "when",
    "while",
    "because",
    "although",
    "though",
    "where",
    "if",
    "as",
    "and",
];

/// Verbs of speech: an apposition closed by the sentence's end counts after one of them.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "explained",
    "asked",
    "wrote",
    "noted",
    "stated",
    "according",
    "warned",
    "recalled",
    "replied",
    "insisted",
    "argued",
];

/// Honorifics, which describe nobody.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mx", "madam", "mister", "prof",
];

/// Heads of descriptions of people.
const PERSON_ROLES: &[&str] = &[
    "minister",
    "president",
    "premier",
    "chancellor",
    "secretary",
    "ambassador",
    "envoy",
    "diplomat",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "representative",
    "official",
    "officer",
    "chief",
    "head",
    "leader",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "founder",
    "co-founder",
    "cofounder",
    "creator",
    "owner",
    "executive",
    "manager",
    "coach",
    "captain",
    "player",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "forward",
    "quarterback",
    "pitcher",
    "champion",
    "athlete",
    "actor",
    "actress",
    "singer",
    "songwriter",
    "rapper",
    "musician",
    "artist",
    "painter",
    "writer",
    "author",
    "novelist",
    "poet",
    "journalist",
    "reporter",
    "correspondent",
    "editor",
    "columnist",
    "commentator",
    "anchor",
    "host",
    "presenter",
    "comedian",
    "filmmaker",
    "producer",
    "designer",
    "architect",
    "photographer",
    "economist",
    "analyst",
    "strategist",
    "scientist",
    "researcher",
    "professor",
    "lecturer",
    "teacher",
    "student",
    "doctor",
    "physician",
    "surgeon",
    "nurse",
    "lawyer",
    "attorney",
    "prosecutor",
    "judge",
    "justice",
    "senator",
    "congressman",
    "congresswoman",
    "lawmaker",
    "legislator",
    "politician",
    "candidate",
    "nominee",
    "governor",
    "mayor",
    "councillor",
    "councilman",
    "councilwoman",
    "commissioner",
    "inspector",
    "sheriff",
    "detective",
    "general",
    "colonel",
    "commander",
    "admiral",
    "lieutenant",
    "sergeant",
    "soldier",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "monarch",
    "pope",
    "cardinal",
    "bishop",
    "priest",
    "pastor",
    "rabbi",
    "imam",
    "cleric",
    "activist",
    "campaigner",
    "advocate",
    "critic",
    "dissident",
    "opponent",
    "rival",
    "ally",
    "adviser",
    "advisor",
    "aide",
    "consultant",
    "lobbyist",
    "entrepreneur",
    "businessman",
    "businesswoman",
    "billionaire",
    "investor",
    "banker",
    "engineer",
    "programmer",
    "hacker",
    "expert",
    "specialist",
    "historian",
    "philosopher",
    "resident",
    "neighbor",
    "neighbour",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "widow",
    "victim",
    "witness",
    "survivor",
    "suspect",
    "defendant",
    "prisoner",
    "inmate",
    "refugee",
    "migrant",
    "farmer",
    "worker",
    "employee",
    "volunteer",
    "member",
    "veteran",
    "star",
    "winner",
    "heir",
    "deputy",
    "vice-president",
    "secretary-general",
    "president-elect",
    "speaker",
    "mp",
    "mep",
    "partner",
    "colleague",
    "friend",
    "scientologist",
    "graduate",
    "psychologist",
    "psychiatrist",
    "chef",
    "pilot",
    "astronaut",
    "dancer",
    "model",
    "director-general",
    "boss",
    "superintendent",
    "principal",
    "dean",
    "provost",
    "chancellor",
    "treasurer",
    "auditor",
    "negotiator",
    "mediator",
    "monk",
    "nun",
    "physicist",
    "chemist",
    "biologist",
    "mathematician",
    "epidemiologist",
    "virologist",
    "attaché",
    "consul",
    "governor-general",
    "chieftain",
    "warlord",
    "commentator",
    "blogger",
    "influencer",
    "youtuber",
    "streamer",
    "gamer",
];

/// Heads of descriptions of organizations.
const ORG_ROLES: &[&str] = &[
    "company",
    "firm",
    "group",
    "giant",
    "maker",
    "manufacturer",
    "retailer",
    "carrier",
    "airline",
    "bank",
    "lender",
    "insurer",
    "startup",
    "start-up",
    "agency",
    "organization",
    "organisation",
    "charity",
    "nonprofit",
    "non-profit",
    "newspaper",
    "paper",
    "broadcaster",
    "network",
    "publisher",
    "club",
    "team",
    "side",
    "party",
    "union",
    "band",
    "studio",
    "developer",
    "contractor",
    "supplier",
    "operator",
    "chain",
    "brand",
    "conglomerate",
    "automaker",
    "carmaker",
    "university",
    "school",
    "college",
    "hospital",
    "outlet",
    "magazine",
    "website",
    "platform",
    "service",
    "provider",
    "producer",
    "exchange",
    "fund",
    "regulator",
    "watchdog",
    "body",
    "committee",
    "council",
    "court",
    "ministry",
    "department",
    "institute",
    "foundation",
    "coalition",
    "alliance",
    "movement",
    "militia",
    "faction",
    "consortium",
    "subsidiary",
    "unit",
    "division",
    "owner",
    "church",
    "sect",
    "association",
    "federation",
    "league",
    "tabloid",
    "daily",
    "weekly",
    "channel",
    "station",
    "label",
    "business",
    "corporation",
    "multinational",
    "utility",
    "government",
    "administration",
    "authority",
    "organiser",
    "organizer",
    "think-tank",
    "campaign",
    "collective",
    "cooperative",
    "co-op",
    "society",
    "hub",
    "outfit",
    "rebels",
];

/// Lower-case words that may sit inside a title before its role word ("former deputy foreign
/// minister").
const MODIFIERS: &[&str] = &[
    "former",
    "then",
    "acting",
    "interim",
    "deputy",
    "vice",
    "senior",
    "junior",
    "chief",
    "top",
    "foreign",
    "finance",
    "defence",
    "defense",
    "interior",
    "health",
    "education",
    "justice",
    "home",
    "shadow",
    "prime",
    "executive",
    "general",
    "managing",
    "founding",
    "longtime",
    "veteran",
    "fellow",
    "local",
    "state",
    "federal",
    "national",
    "regional",
    "city",
    "county",
    "retired",
    "assistant",
    "associate",
    "lead",
    "special",
    "political",
    "military",
    "economic",
    "opposition",
    "party",
    "union",
    "team",
    "club",
    "company",
    "government",
    "police",
    "army",
    "navy",
    "air",
    "force",
    "news",
    "private",
    "public",
    "independent",
    "conservative",
    "liberal",
    "democratic",
    "republican",
    "socialist",
    "labour",
    "communist",
    "green",
    "right-wing",
    "left-wing",
    "far-right",
    "far-left",
    "tech",
    "technology",
    "media",
    "oil",
    "energy",
    "software",
    "chip",
    "search",
    "social",
    "defense",
    "security",
    "intelligence",
    "trade",
    "labor",
    "human",
    "rights",
    "civil",
    "environmental",
    "climate",
    "football",
    "soccer",
    "basketball",
    "tennis",
    "golf",
    "cricket",
    "rugby",
    "hockey",
    "film",
    "pop",
    "rock",
    "country",
    "jazz",
    "hip-hop",
    "world",
    "olympic",
    "star",
    "legendary",
    "famed",
    "renowned",
    "prominent",
    "leading",
    "outspoken",
    "influential",
    "controversial",
    "embattled",
    "disgraced",
    "jailed",
    "exiled",
    "ousted",
    "late",
    "new",
    "incoming",
    "outgoing",
    "current",
    "sitting",
    "newly",
    "elected",
    "appointed",
    "self-described",
    "so-called",
    "british",
    "american",
    "english",
    "swedish",
];

// The longer lists above, hashed for one look-up a word.
static PERSON_ROLES_SET: WordSet = WordSet::new(PERSON_ROLES);
static ORG_ROLES_SET: WordSet = WordSet::new(ORG_ROLES);
static MODIFIERS_SET: WordSet = WordSet::new(MODIFIERS);
static CLAUSE_WORDS_SET: WordSet = WordSet::new(CLAUSE_WORDS);
static SPEECH_VERBS_SET: WordSet = WordSet::new(SPEECH_VERBS);
static AUXILIARIES_SET: WordSet = WordSet::new(AUXILIARIES);

/// Connectors inside a role phrase ("envoy for Yemen", "Ambassador to the United States").
const CONNECTORS: &[&str] = &["of", "for", "to", "at", "in", "on", "the", "and"];

/// Descriptors of each span (persons and organizations only), in span order.
pub fn describe(
    text: &str,
    tokens: &[Token],
    sentences: &[Range<usize>],
    spans: &[TagSpan],
) -> Vec<Option<Descriptor>> {
    let doc = Doc {
        text,
        tokens,
        sentences,
    };
    spans
        .iter()
        .map(|s| {
            if s.kind == EntityType::Loc || s.start >= s.end || s.end > tokens.len() {
                return None;
            }
            let sentence = doc.sentence_of(s.start)?;
            doc.apposition(s, &sentence)
                .or_else(|| doc.before(s, &sentence))
                .or_else(|| doc.copula(s, &sentence))
                .or_else(|| doc.title(s, &sentence))
        })
        .collect()
}

struct Doc<'a> {
    text: &'a str,
    tokens: &'a [Token],
    sentences: &'a [Range<usize>],
}

impl Doc<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// The word without its trailing periods, in lower case; borrowed when it already is.
    fn lower(&self, i: usize) -> Cow<'_, str> {
        let w = self.word(i).trim_end_matches('.');
        if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.to_lowercase())
        }
    }

    fn is_word(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word)
    }

    fn is_capitalized(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn is_possessive(&self, i: usize) -> bool {
        matches!(self.word(i), "'s" | "’s" | "'S" | "’S" | "'" | "’")
    }

    fn sentence_of(&self, token: usize) -> Option<Range<usize>> {
        let i = self.sentences.partition_point(|s| s.end <= token);
        self.sentences
            .get(i)
            .filter(|s| s.contains(&token))
            .cloned()
    }

    fn slice(&self, from: usize, to: usize) -> String {
        match (self.tokens.get(from), self.tokens.get(to.wrapping_sub(1))) {
            (Some(a), Some(b)) if from < to => {
                self.text.get(a.start..b.end).unwrap_or("").to_string()
            }
            _ => String::new(),
        }
    }

    fn has_auxiliary(&self, from: usize, to: usize) -> bool {
        (from..to).any(|i| AUXILIARIES_SET.contains(&self.lower(i)))
    }

    fn is_role(&self, i: usize, kind: EntityType) -> bool {
        let w = self.lower(i);
        match kind {
            EntityType::Org => ORG_ROLES_SET.contains(&w),
            _ => PERSON_ROLES_SET.contains(&w),
        }
    }

    /// The role word heading `from..to`: the last role word, followed only by a prepositional
    /// phrase ("envoy for Yemen", "Ambassador to the United States").
    fn head_role(&self, from: usize, to: usize, kind: EntityType) -> Option<usize> {
        let r = (from..to).rev().find(|&i| self.is_role(i, kind))?;
        let tail_ok = (r + 1..to).all(|i| {
            CONNECTORS.contains(&&*self.lower(i)) || self.is_capitalized(i) || self.is_possessive(i)
        }) && (r + 1 == to || CONNECTORS.contains(&&*self.lower(r + 1)));
        tail_ok.then_some(r)
    }

    /// "X, the country's finance minister," / "X, 45, a teacher from Ohio".
    fn apposition(&self, s: &TagSpan, sentence: &Range<usize>) -> Option<Descriptor> {
        let mut j = s.end;
        if self.word(j) != "," {
            return None;
        }
        j += 1;
        let mut age = None;
        if self
            .tokens
            .get(j)
            .is_some_and(|t| t.kind == TokenKind::Number)
        {
            let n: u32 = self.word(j).parse().ok()?;
            if !(1..=120).contains(&n) {
                return None;
            }
            match self.word(j + 1) {
                "," => {
                    age = Some(n);
                    j += 2;
                }
                "." | ")" | ";" => {
                    return Some(Descriptor {
                        text: format!("age {n}"),
                        kind: DescriptorKind::Apposition,
                    })
                }
                _ => return None,
            }
        }
        if self.lower(j) == "who" && matches!(&*self.lower(j + 1), "is" | "was") {
            j += 2;
        }
        if j >= sentence.end {
            return age.map(|n| Descriptor {
                text: format!("age {n}"),
                kind: DescriptorKind::Apposition,
            });
        }
        let first = self.lower(j);
        let starts = DETERMINERS.contains(&&*first)
            || (self.is_word(j) && self.is_possessive(j + 1))
            || (self.is_word(j)
                && !self.is_capitalized(j)
                && (MODIFIERS_SET.contains(&first) || self.is_role(j, s.kind)));
        if !starts {
            return age.map(|n| Descriptor {
                text: format!("age {n}"),
                kind: DescriptorKind::Apposition,
            });
        }
        let mut k = j;
        let mut closed = false;
        while k < sentence.end && k - j <= MAX_TOKENS {
            let w = self.word(k);
            if matches!(
                w,
                "," | ";" | ")" | "(" | ":" | "—" | "–" | "\"" | "“" | "”" | "!" | "?" | "[" | "]"
            ) {
                closed = true;
                break;
            }
            if w == "." || w == "…" {
                break;
            }
            if k > j && CLAUSE_WORDS_SET.contains(&self.lower(k)) {
                closed = true;
                break;
            }
            k += 1;
        }
        if k == j || k - j > MAX_TOKENS || self.has_auxiliary(j, k) {
            return None;
        }
        if !closed {
            // Closed by the sentence's end: only after a speech verb ("…, said X, a teacher.").
            let spoken =
                (sentence.start..s.start).any(|i| SPEECH_VERBS_SET.contains(&self.lower(i)));
            if !spoken || self.head_role(j, k, s.kind).is_none() {
                return None;
            }
        }
        // A bare name is a list, not a description ("Trump, the Pope, and Macron" aside).
        if !(j..k).any(|i| {
            self.is_word(i) && !self.is_capitalized(i) && !DETERMINERS.contains(&&*self.lower(i))
        }) {
            return None;
        }
        let phrase = self.slice(j, k);
        let text = match age {
            Some(n) => format!("{phrase}, {n}"),
            None => phrase,
        };
        Some(Descriptor {
            text,
            kind: DescriptorKind::Apposition,
        })
    }

    /// The start of a noun phrase ending just before `end` (exclusive): back over modifiers,
    /// role words, capitalized words, possessives and connectors, to a determiner (included) or
    /// a word that cannot be in a title (excluded). Returns the start and whether it was a
    /// determiner or the sentence's start.
    fn phrase_start(&self, end: usize, sentence: &Range<usize>, kind: EntityType) -> (usize, bool) {
        let mut i = end;
        let mut unknown = 0;
        while i > sentence.start {
            let p = i - 1;
            let lw = self.lower(p);
            if DETERMINERS.contains(&&*lw) && !self.is_capitalized(p) || lw == "the" {
                // "the" inside a prepositional phrase ("Ambassador to the United States") does
                // not start the phrase.
                let inner = p > sentence.start + 1
                    && lw == "the"
                    && matches!(
                        &*self.lower(p - 1),
                        "to" | "of" | "for" | "at" | "in" | "on"
                    )
                    && (self.is_capitalized(p - 2)
                        || self.is_role(p - 2, kind)
                        || self.is_role(p - 2, EntityType::Per));
                if !inner {
                    return (p, true);
                }
                i = p;
                continue;
            }
            let ok = self.is_possessive(p)
                || (self.is_word(p)
                    && (self.is_capitalized(p)
                        || MODIFIERS_SET.contains(&lw)
                        || self.is_role(p, kind)
                        || self.is_role(p, EntityType::Per)
                        || (CONNECTORS.contains(&&*lw) && lw != "and")
                        || lw.contains('-')));
            if ok {
                i = p;
                unknown = 0;
                continue;
            }
            // Up to two other words, if a determiner comes before them ("the science fiction
            // writer").
            if self.is_word(p) && unknown < 2 {
                unknown += 1;
                let mut q = p;
                while q > sentence.start && unknown <= 2 {
                    let before = self.lower(q - 1);
                    if DETERMINERS.contains(&&*before) || before == "the" {
                        return (q - 1, true);
                    }
                    if !self.is_word(q - 1) || unknown == 2 {
                        break;
                    }
                    unknown += 1;
                    q -= 1;
                }
            }
            return (i, false);
        }
        (i, true)
    }

    /// "the UN envoy for Yemen, X," / "Britain's foreign secretary, X,".
    fn before(&self, s: &TagSpan, sentence: &Range<usize>) -> Option<Descriptor> {
        if s.start < sentence.start + 2 || self.word(s.start - 1) != "," {
            return None;
        }
        // An apposition is closed: a comma or a speech verb follows the name, not "and".
        let after = self.lower(s.end);
        if !(after == "," || SPEECH_VERBS_SET.contains(&after) || after == ")") {
            return None;
        }
        let end = s.start - 1;
        let (start, bounded) = self.phrase_start(end, sentence, s.kind);
        if !bounded || start >= end || end - start > MAX_TOKENS || self.has_auxiliary(start, end) {
            return None;
        }
        self.head_role(start, end, s.kind)?;
        Some(Descriptor {
            text: self.slice(start, end),
            kind: DescriptorKind::Before,
        })
    }

    /// "X is a former Scientology executive" at the start of a sentence.
    fn copula(&self, s: &TagSpan, sentence: &Range<usize>) -> Option<Descriptor> {
        let at_start = s.start == sentence.start
            || (s.start == sentence.start + 1 && self.lower(sentence.start) == "the");
        if !at_start || !matches!(&*self.lower(s.end), "is" | "was") {
            return None;
        }
        let j = s.end + 1;
        if !DETERMINERS.contains(&&*self.lower(j)) {
            return None;
        }
        let mut k = j + 1;
        while k < sentence.end && k - j <= MAX_TOKENS {
            if !self.is_word(k) && !self.is_possessive(k)
                || CLAUSE_WORDS_SET.contains(&self.lower(k))
                || matches!(&*self.lower(k), "with" | "since" | "until")
            {
                break;
            }
            k += 1;
        }
        if k - j > MAX_TOKENS || self.has_auxiliary(j, k) {
            return None;
        }
        self.head_role(j, k, s.kind)?;
        Some(Descriptor {
            text: self.slice(j, k),
            kind: DescriptorKind::Copula,
        })
    }

    /// "Foreign Minister X", "US President X", "the Virginia-based company X".
    fn title(&self, s: &TagSpan, sentence: &Range<usize>) -> Option<Descriptor> {
        if s.start <= sentence.start {
            return None;
        }
        let (mut start, _) = self.phrase_start(s.start, sentence, s.kind);
        // A phrase never starts with a preposition ("for the company X").
        while start < s.start
            && matches!(
                &*self.lower(start),
                "of" | "for" | "to" | "at" | "in" | "on" | "and"
            )
        {
            start += 1;
        }
        if start >= s.start || s.start - start > MAX_TOKENS || self.has_auxiliary(start, s.start) {
            return None;
        }
        self.head_role(start, s.start, s.kind)?;
        // Honorifics only ("Mr.", "Dr.") describe nobody.
        if (start..s.start).all(|i| {
            HONORIFICS.contains(&&*self.lower(i)) || DETERMINERS.contains(&&*self.lower(i))
        }) {
            return None;
        }
        let mut from = start;
        while from < s.start && HONORIFICS.contains(&&*self.lower(from)) {
            from += 1;
        }
        Some(Descriptor {
            text: self.slice(from, s.start),
            kind: DescriptorKind::Title,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{sentences, tokenize};

    /// The descriptor of `name` (tagged as `kind`) in `text`.
    fn descriptor(text: &str, name: &str, kind: EntityType) -> Option<String> {
        let tokens = tokenize(text);
        let sents = sentences(text, &tokens);
        let at = text.find(name).unwrap();
        let start = tokens.iter().position(|t| t.start == at).unwrap();
        let end = tokens
            .iter()
            .position(|t| t.end == at + name.len())
            .unwrap()
            + 1;
        describe(text, &tokens, &sents, &[TagSpan { start, end, kind }])
            .remove(0)
            .map(|d| d.text)
    }

    #[test]
    fn reads_appositions_titles_and_copulas() {
        use EntityType::*;
        let cases: &[(&str, &str, EntityType, Option<&str>)] = &[
            (
                "Sergey Lavrov, the country's foreign minister, said on Monday.",
                "Sergey Lavrov",
                Per,
                Some("the country's foreign minister"),
            ),
            (
                "John Smith, 45, a teacher from Ohio, was hurt.",
                "John Smith",
                Per,
                Some("a teacher from Ohio, 45"),
            ),
            (
                "\"It's over,\" said John Smith, a local teacher.",
                "John Smith",
                Per,
                Some("a local teacher"),
            ),
            (
                "Foreign Minister Sergey Lavrov arrived.",
                "Sergey Lavrov",
                Per,
                Some("Foreign Minister"),
            ),
            (
                "They met the UN envoy for Yemen, Martin Griffiths, on Monday.",
                "Martin Griffiths",
                Per,
                Some("the UN envoy for Yemen"),
            ),
            (
                "He works for the Virginia-based company Acme Systems.",
                "Acme Systems",
                Org,
                Some("the Virginia-based company"),
            ),
            (
                "Rathbun is a former Scientology executive.",
                "Rathbun",
                Per,
                Some("a former Scientology executive"),
            ),
            (
                "Afghan Ambassador to the United States Hamdullah Mohib spoke.",
                "Hamdullah Mohib",
                Per,
                Some("Afghan Ambassador to the United States"),
            ),
            ("Mr. Smith left.", "Smith", Per, None),
            ("In Paris, France, it rained.", "Paris", Loc, None),
            ("Trump, Obama and Biden met.", "Trump", Per, None),
            (
                "After meeting Smith, the president was tired.",
                "Smith",
                Per,
                None,
            ),
            (
                "Like Smith, the senator opposed the bill.",
                "Smith",
                Per,
                None,
            ),
            (
                "Acme, the world's largest widget maker, fell.",
                "Acme",
                Org,
                Some("the world's largest widget maker"),
            ),
        ];
        for (text, name, kind, want) in cases {
            assert_eq!(descriptor(text, name, *kind).as_deref(), *want, "{text}");
        }
    }
}
