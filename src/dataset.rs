//! The reference dataset: the people, places and organizations cards are made from.
//!
//! # File layout (format version 3)
//!
//! All integers are little-endian.
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `GLOSSDS\0` |
//! | 8 | 4 | format version (`4`) |
//! | 12 | 4 | checksum of every byte after the 44-byte header: the low 32 bits of its XXH3-64 hash |
//! | 16 | 4 | entity count `n` |
//! | 20 | 4 | length of the meta section |
//! | 24 | 4 | length of the alias map |
//! | 28 | 4 | length of the id map |
//! | 32 | 4 | length of the reversed alias keys |
//! | 36 | 4 | length of the candidate lists |
//! | 40 | 4 | length of the records section |
//!
//! The sections follow in that order, then `(n + 1)` u32 record offsets into the records section:
//! - **meta**: a postcard [`DatasetMeta`] (version, build date, sources and licenses), then the
//!   table of shared strings (a postcard `Vec<String>`);
//! - **alias map**: an [`fst::Map`] from [alias key](crate::normalize::alias_key) to the offset of
//!   its candidate list;
//! - **id map**: an [`fst::Map`] from entity id to entity index (also from the ids an entity had
//!   before a merge gave it a Wikidata QID, so earlier ids keep resolving);
//! - **reversed alias keys**: an [`fst::Set`] of the alias keys made only of ASCII lower-case
//!   letters, digits and spaces, written backwards: the one-edit search edits the first half of
//!   a key through it, so that both halves are edited deep in an automaton, where few keys
//!   branch (see [`Dataset::keys_one_edit`]). A key found there takes its candidates from the
//!   alias map; a set without the offsets is a third smaller than a map with them;
//! - **candidate lists**: at each offset a `u8` count, then per candidate 8 bytes: entity index
//!   `u32`, popularity prior `u16` (0–65535), entity type `u8` (0 PER, 1 LOC, 2 ORG), flags `u8`
//!   (bit 0: the key is the entity's own name, not an alias; bit 1: the entity is a country),
//!   best candidates first;
//! - **records**: one postcard record per entity, decoded only when asked for, so loading
//!   parses nothing but the header. A record holds an [`Entity`]'s fields in order, except that
//!   the strings many entities repeat (the subtype, fact labels and source names) are numbers into
//!   the table of shared strings: 33,000 cities share "city", "Country" and "GeoNames".
//!
//! # Packed form
//!
//! The extension ships the file packed (see [`packed`]); [`Dataset::from_bytes`] reads either
//! form.
//!
//! The checksum is XXH3 rather than CRC-32 because the worker verifies the file on every start,
//! and in WASM XXH3 reads the 10 MB file about six times as fast (1.5 against 9.7 ms in Node).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::normalize::alias_key;
use crate::{Error, Result};

pub mod packed;
#[cfg(feature = "cli")]
pub use packed::pack;
use packed::{unpack, PACKED_MAGIC};

const MAGIC: &[u8; 8] = b"GLOSSDS\0";
/// The dataset format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 4;
const HEADER_LEN: usize = 44;
/// Sections whose lengths the header gives (the record offsets follow them).
const SECTIONS: usize = 6;
/// Most candidates kept for one alias key.
const MAX_CANDIDATES: usize = 24;

/// The three kinds of names Gloss marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// A place.
    #[serde(rename = "LOC")]
    Loc,
    /// An organization.
    #[serde(rename = "ORG")]
    Org,
}

impl EntityType {
    /// All types, in code order.
    pub const ALL: [EntityType; 3] = [EntityType::Per, EntityType::Loc, EntityType::Org];

    /// "PER", "LOC" or "ORG".
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
        }
    }

    /// Parses "PER"/"LOC"/"ORG" (any case).
    pub fn parse(s: &str) -> Option<EntityType> {
        match s.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => Some(EntityType::Per),
            "LOC" | "LOCATION" | "GPE" | "PLACE" => Some(EntityType::Loc),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityType::Org),
            _ => None,
        }
    }

    fn code(self) -> u8 {
        self as u8
    }

    fn from_code(code: u8) -> Option<EntityType> {
        EntityType::ALL.get(code as usize).copied()
    }
}

/// One fact on a card: "Population" → "3.0 million".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// What the fact is ("Capital", "Born", "Since").
    pub label: String,
    /// Its value, ready to show.
    pub value: String,
}

/// A stored entity, as decoded from the records section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id: a Wikidata QID where known, else a namespaced id such as `gloss:per/…`.
    pub id: String,
    /// PER, LOC or ORG.
    pub kind: EntityType,
    /// Finer type: "city", "country", "airport", "politician", "company", "agency", …
    pub subtype: String,
    /// Display name.
    pub name: String,
    /// One line made from the facts: "Foreign Minister of Russia (since 2004)".
    pub description: String,
    /// Other names shown on the card ("also: …").
    pub aliases: Vec<String>,
    /// Typed key facts, in display order.
    pub facts: Vec<Fact>,
    /// Latitude and longitude for places.
    pub coords: Option<(f32, f32)>,
    /// ISO 3166-1 alpha-2 country code, where one applies.
    pub country: Option<String>,
    /// English Wikipedia title, for the "read more" link.
    pub wikipedia: Option<String>,
    /// Popularity prior in 0..=1, used by linking.
    pub prior: f32,
    /// Indexes of related entities (its country, capital, organization) used as page context.
    pub related: Vec<u32>,
    /// Names of the sources this entity came from.
    pub sources: Vec<String>,
}

/// An entity read in place from the file, without copying a string: what linking needs, and
/// [`Dataset::entity`] copies.
#[derive(Debug)]
pub(crate) struct EntityView<'a> {
    pub id: &'a str,
    pub kind: EntityType,
    pub subtype: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub aliases: Vec<&'a str>,
    pub facts: Vec<FactView<'a>>,
    pub coords: Option<(f32, f32)>,
    pub country: Option<&'a str>,
    pub wikipedia: Option<&'a str>,
    pub prior: f32,
    pub related: Vec<u32>,
}

/// A [`Fact`] read in place.
#[derive(Debug)]
pub(crate) struct FactView<'a> {
    pub label: &'a str,
    pub value: &'a str,
}

/// One entity as the records section stores it: an [`Entity`]'s fields in order, with the
/// subtype, fact labels and source names as numbers into the table of shared strings. Written
/// from borrowed strings and read in place.
#[derive(Serialize, Deserialize)]
struct Record<'a> {
    id: &'a str,
    kind: EntityType,
    subtype: u32,
    name: &'a str,
    description: &'a str,
    #[serde(borrow)]
    aliases: Vec<&'a str>,
    #[serde(borrow)]
    facts: Vec<(u32, &'a str)>,
    coords: Option<(f32, f32)>,
    country: Option<&'a str>,
    wikipedia: Option<&'a str>,
    prior: f32,
    related: Vec<u32>,
    sources: Vec<u32>,
}

/// The meta section as stored: the public meta, then the table of shared strings.
#[derive(Serialize, Deserialize)]
struct MetaSection {
    meta: DatasetMeta,
    shared: Vec<String>,
}

/// The checksum of a dataset file's body (every byte after the header).
fn checksum(body: &[u8]) -> u32 {
    xxhash_rust::xxh3::xxh3_64(body) as u32
}

/// The checks both headers (the file's and the packed form's) begin with, worded alike.
fn check_header_len(bytes: &[u8], header_len: usize) -> Result<()> {
    if bytes.len() < header_len {
        return Err(format_err(format!(
            "file is {} bytes, shorter than the {header_len}-byte header",
            bytes.len()
        )));
    }
    Ok(())
}

/// The format version stored at byte 8 of either header.
fn check_version(bytes: &[u8]) -> Result<()> {
    let version = read_u32(bytes, 8);
    if version != FORMAT_VERSION {
        return Err(format_err(format!(
            "format version {version}, this build reads {FORMAT_VERSION}"
        )));
    }
    Ok(())
}

/// Checks `body` against its stored checksum; `place` says where in the file it is (empty for
/// the file's body, " in packed block 3" for a block of the packed form).
fn check_checksum(stored: u32, body: &[u8], place: std::fmt::Arguments) -> Result<()> {
    let actual = checksum(body);
    if stored != actual {
        return Err(format_err(format!("checksum mismatch{place} (stored {stored:08x}, computed {actual:08x}): file is corrupt or truncated")));
    }
    Ok(())
}

/// A source and its license, for the credits page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// Short name ("CIA World Factbook").
    pub name: String,
    /// License ("Public domain").
    pub license: String,
    /// Attribution or provenance line (upstream commit, package version).
    pub attribution: String,
    /// How many entities it contributed to.
    pub entities: u32,
}

/// Facts about the dataset file itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DatasetMeta {
    /// Dataset version label.
    pub version: String,
    /// Sources with licenses.
    pub sources: Vec<SourceInfo>,
}

/// One candidate for an alias key, without decoding its record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Entity index, for [`Dataset::entity`].
    pub index: u32,
    /// Popularity prior in 0..=1.
    pub prior: f32,
    /// Entity type.
    pub kind: EntityType,
    /// True when the key is the entity's own name rather than an alias.
    pub is_name: bool,
    /// True when the entity is a country (subtype "country").
    pub is_country: bool,
}

/// A view of one section of the shared file bytes: lets the `fst` maps read the file in place
/// instead of copying megabytes at load.
#[derive(Clone)]
struct Section {
    bytes: Arc<Vec<u8>>,
    range: std::ops::Range<usize>,
}

impl AsRef<[u8]> for Section {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[self.range.clone()]
    }
}

/// A loaded dataset. Loading checks the header, checksum and section bounds; records are decoded
/// on demand. The file layout is described in the [module docs](self).
pub struct Dataset {
    bytes: Arc<Vec<u8>>,
    meta: DatasetMeta,
    shared: Vec<String>,
    aliases: fst::Map<Section>,
    ids: fst::Map<Section>,
    reversed: fst::Set<Section>,
    candidates: std::ops::Range<usize>,
    records: std::ops::Range<usize>,
    offsets: std::ops::Range<usize>,
    count: u32,
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

fn format_err(msg: impl Into<String>) -> Error {
    Error::DatasetFormat(msg.into())
}

impl Dataset {
    /// Reads a dataset file, packed or not. Fails with [`Error::DatasetFormat`] on a wrong magic
    /// or version, a checksum mismatch, or a truncated or inconsistent file.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Dataset> {
        let bytes = if bytes.starts_with(PACKED_MAGIC) {
            unpack(&bytes)?
        } else {
            bytes
        };
        check_header_len(&bytes, HEADER_LEN)?;
        if &bytes[..8] != MAGIC {
            return Err(format_err("not a Gloss dataset (bad magic)"));
        }
        check_version(&bytes)?;
        check_checksum(read_u32(&bytes, 12), &bytes[HEADER_LEN..], format_args!(""))?;
        let count = read_u32(&bytes, 16);
        let lens: Vec<usize> = (0..SECTIONS)
            .map(|i| read_u32(&bytes, 20 + 4 * i) as usize)
            .collect();
        let offsets_len = (count as usize)
            .checked_add(1)
            .and_then(|n| n.checked_mul(4))
            .ok_or_else(|| format_err("entity count too large"))?;
        let mut at = HEADER_LEN;
        let mut sections = Vec::new();
        for len in lens.iter().copied().chain([offsets_len]) {
            let end = at
                .checked_add(len)
                .filter(|&e| e <= bytes.len())
                .ok_or_else(|| format_err("section runs past the end of the file"))?;
            sections.push(at..end);
            at = end;
        }
        if at != bytes.len() {
            return Err(format_err(format!(
                "{} trailing bytes after the last section",
                bytes.len() - at
            )));
        }
        let MetaSection { meta, shared } = postcard::from_bytes(&bytes[sections[0].clone()])
            .map_err(|e| format_err(format!("meta section: {e}")))?;
        let bytes = Arc::new(bytes);
        let section = |i: usize| Section {
            bytes: Arc::clone(&bytes),
            range: sections[i].clone(),
        };
        let aliases =
            fst::Map::new(section(1)).map_err(|e| format_err(format!("alias map: {e}")))?;
        let ids = fst::Map::new(section(2)).map_err(|e| format_err(format!("id map: {e}")))?;
        let reversed = fst::Set::new(section(3))
            .map_err(|e| format_err(format!("reversed alias keys: {e}")))?;
        let dataset = Dataset {
            meta,
            shared,
            aliases,
            ids,
            reversed,
            candidates: sections[4].clone(),
            records: sections[5].clone(),
            offsets: sections[6].clone(),
            count,
            bytes,
        };
        if dataset.record_range(count).map(|r| r.end) != Some(dataset.records.len()) {
            return Err(format_err(
                "record offsets do not match the records section",
            ));
        }
        Ok(dataset)
    }

    /// Dataset version, sources and licenses.
    pub fn meta(&self) -> &DatasetMeta {
        &self.meta
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// True when the dataset has no entities.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Size of the file in bytes (unpacked).
    pub fn file_size(&self) -> usize {
        self.bytes.len()
    }

    /// The file's bytes (unpacked): what the worker keeps a copy of.
    pub fn file_bytes(&self) -> &[u8] {
        &self.bytes
    }

    fn record_range(&self, index: u32) -> Option<std::ops::Range<usize>> {
        if index > self.count {
            return None;
        }
        let at = self.offsets.start + index as usize * 4;
        Some(0..read_u32(&self.bytes, at) as usize)
    }

    /// Decodes entity `index`. Returns `None` for an index out of range or a record that does not
    /// decode (which the checksum makes a bug, not a user's problem).
    pub fn entity(&self, index: u32) -> Option<Entity> {
        let (v, sources) = self.decode(index)?;
        Some(Entity {
            id: v.id.into(),
            kind: v.kind,
            subtype: v.subtype.into(),
            name: v.name.into(),
            description: v.description.into(),
            aliases: v.aliases.into_iter().map(String::from).collect(),
            facts: v
                .facts
                .into_iter()
                .map(|f| Fact {
                    label: f.label.into(),
                    value: f.value.into(),
                })
                .collect(),
            coords: v.coords,
            country: v.country.map(String::from),
            wikipedia: v.wikipedia.map(String::from),
            prior: v.prior,
            related: v.related,
            sources: sources
                .into_iter()
                .map(|i| self.shared(i).map(String::from))
                .collect::<Option<_>>()?,
        })
    }

    /// Reads entity `index` in place (see [`EntityView`]); `None` as for [`Dataset::entity`].
    pub(crate) fn entity_view(&self, index: u32) -> Option<EntityView<'_>> {
        self.decode(index).map(|(view, _)| view)
    }

    /// Entity `index` read in place, and the numbers of its source names.
    fn decode(&self, index: u32) -> Option<(EntityView<'_>, Vec<u32>)> {
        let r: Record = postcard::from_bytes(self.record(index)?).ok()?;
        let view = EntityView {
            id: r.id,
            kind: r.kind,
            subtype: self.shared(r.subtype)?,
            name: r.name,
            description: r.description,
            aliases: r.aliases,
            facts: r
                .facts
                .into_iter()
                .map(|(label, value)| {
                    Some(FactView {
                        label: self.shared(label)?,
                        value,
                    })
                })
                .collect::<Option<_>>()?,
            coords: r.coords,
            country: r.country,
            wikipedia: r.wikipedia,
            prior: r.prior,
            related: r.related,
        };
        Some((view, r.sources))
    }

    /// String `i` of the table of shared strings.
    fn shared(&self, i: u32) -> Option<&str> {
        self.shared.get(i as usize).map(String::as_str)
    }

    /// The stored bytes of entity `index`, or `None` for an index out of range.
    fn record(&self, index: u32) -> Option<&[u8]> {
        if index >= self.count {
            return None;
        }
        let start = self.record_range(index)?.end;
        let end = self.record_range(index + 1)?.end;
        self.bytes
            .get(self.records.start + start..self.records.start + end)
    }

    /// The index of the entity with this id.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.ids.get(id).map(|v| v as u32)
    }

    /// Candidates for an already-normalized alias key, best prior first.
    pub fn candidates_for_key(&self, key: &str) -> Vec<Candidate> {
        match self.aliases.get(key) {
            Some(offset) => self.candidates_at(offset),
            None => Vec::new(),
        }
    }

    /// Alias keys one edit away from `key` (deleting, substituting or inserting one ASCII
    /// letter, or swapping two neighbouring letters), with their candidates. An edit happens
    /// only at a byte position `i` with `editable[i]` (`editable` has `key.len() + 1` entries:
    /// insertion is allowed at the end); stops after `limit` distinct keys.
    ///
    /// An automaton branches most near its root, so trying every letter at the first positions
    /// of a key costs the most. Edits in the second half of the key are searched in the alias
    /// map, edits in the first half in the reversed keys with the key written backwards: either
    /// way the search follows the key exactly down to half its length before it branches.
    pub fn keys_one_edit(
        &self,
        key: &str,
        editable: &[bool],
        limit: usize,
    ) -> Vec<(String, Vec<Candidate>)> {
        let b = key.as_bytes();
        let len = b.len();
        let half = len / 2;
        let can = |i: usize| i < editable.len() && editable[i];
        let mut found: Vec<(Vec<u8>, u64)> = Vec::new();
        // Forward: edits at positions from `half` on.
        one_edit_walk(self.aliases.as_fst(), b, &mut found, limit, |edit, i| {
            i >= half
                && can(i)
                && match edit {
                    Edit::Insert => i > 0,
                    Edit::Change | Edit::Swap => true,
                }
        });
        // Backwards: position `j` of the reversed key is byte `len - 1 - j` of the key; an
        // insertion before reversed byte `j` is one before key byte `len - j`; a swap of
        // reversed `j, j + 1` swaps key bytes `len - 2 - j, len - 1 - j`.
        if found.len() < limit && len > 0 {
            let r: Vec<u8> = b.iter().rev().copied().collect();
            let mut back: Vec<(Vec<u8>, u64)> = found
                .iter()
                .map(|(k, v)| (k.iter().rev().copied().collect(), *v))
                .collect();
            let known = back.len();
            one_edit_walk(self.reversed.as_fst(), &r, &mut back, limit, |edit, j| {
                let i = match edit {
                    Edit::Change => len - 1 - j,
                    Edit::Insert if j > 0 && j < len => len - j,
                    Edit::Insert => return false,
                    Edit::Swap if j + 2 <= len => len - 2 - j,
                    Edit::Swap => return false,
                };
                i < half && can(i)
            });
            // The reversed keys carry no offsets: each key found there has its own in the alias
            // map (in a damaged file it may not, and is dropped).
            found.extend(back.drain(known..).filter_map(|(k, _)| {
                let k: Vec<u8> = k.into_iter().rev().collect();
                let offset = self.aliases.get(&k)?;
                Some((k, offset))
            }));
        }
        found.truncate(limit);
        found
            .into_iter()
            .filter_map(|(k, v)| Some((String::from_utf8(k).ok()?, self.candidates_at(v))))
            .collect()
    }

    /// The 8-byte candidate entries at `offset` (after their count byte): entity index `u32`,
    /// prior `u16`, entity type code, flags.
    fn candidate_entries(&self, offset: u64) -> impl Iterator<Item = &[u8]> {
        let blob = &self.bytes[self.candidates.clone()];
        let at = offset as usize;
        let count = blob.get(at).copied().unwrap_or(0) as usize;
        blob.get(at + 1..)
            .unwrap_or_default()
            .chunks_exact(8)
            .take(count)
    }

    /// The candidate list stored at `offset` of the candidates section.
    fn candidates_at(&self, offset: u64) -> Vec<Candidate> {
        self.candidate_entries(offset)
            .filter_map(|entry| {
                Some(Candidate {
                    index: u32::from_le_bytes(entry[0..4].try_into().ok()?),
                    prior: u16::from_le_bytes(entry[4..6].try_into().ok()?) as f32 / 65535.0,
                    kind: EntityType::from_code(entry[6])?,
                    is_name: entry[7] & 1 == 1,
                    is_country: entry[7] & 2 == 2,
                })
            })
            .collect()
    }

    /// Candidates for a name as written ("Lavrov’s" finds Sergey Lavrov).
    pub fn candidates(&self, name: &str) -> Vec<Candidate> {
        self.candidates_for_key(&alias_key(name))
    }

    /// True when some alias key starts with `prefix` followed by a space: lets the tagger and
    /// linker stop extending a token sequence early.
    pub fn has_key_with_prefix(&self, prefix: &str) -> bool {
        // Every state of a minimal automaton leads to a key.
        let mut cursor = self.alias_cursor();
        cursor.follow(prefix.as_bytes()) && cursor.can_follow(b' ')
    }

    /// A cursor at the start of the alias map, to spell a key a piece at a time.
    pub(crate) fn alias_cursor(&self) -> AliasCursor<'_> {
        let fst = self.aliases.as_fst();
        AliasCursor {
            fst,
            node: fst.root(),
            out: fst::raw::Output::zero(),
        }
    }

    /// The entity types among the candidates at `offset`, one bit per [`EntityType`] code.
    fn kinds_at(&self, offset: u64) -> u8 {
        self.candidate_entries(offset)
            .filter_map(|entry| EntityType::from_code(entry[6]))
            .fold(0, |kinds, kind| kinds | 1 << kind as u8)
    }

    /// Iterates over all alias keys with their candidates (used by stats and the tagger's
    /// gazetteer features when training).
    pub fn alias_keys(&self) -> Vec<String> {
        use fst::Streamer;
        let mut out = Vec::new();
        let mut stream = self.aliases.stream();
        while let Some((k, _)) = stream.next() {
            out.push(String::from_utf8_lossy(k).into_owned());
        }
        out
    }
}

/// A place in the alias map after the first bytes of a key. The tagger's gazetteer grows a key
/// a token at a time ("bank", "bank of", "bank of england"), and a cursor follows each token's
/// bytes once instead of looking every longer key up from the start.
pub(crate) struct AliasCursor<'a> {
    fst: &'a fst::raw::Fst<Section>,
    node: fst::raw::Node<'a>,
    out: fst::raw::Output,
}

impl AliasCursor<'_> {
    /// Follows `bytes`, with ASCII letters lower-cased (alias keys hold none in upper case),
    /// so that a word can be followed as written. False when no key goes on that way; the
    /// cursor is then of no further use.
    pub(crate) fn follow(&mut self, bytes: &[u8]) -> bool {
        for &byte in bytes {
            let Some(i) = self.node.find_input(byte.to_ascii_lowercase()) else {
                return false;
            };
            let t = self.node.transition(i);
            self.out = self.out.cat(t.out);
            self.node = self.fst.node(t.addr);
        }
        true
    }

    /// Whether some key goes on from here with `byte`.
    pub(crate) fn can_follow(&self, byte: u8) -> bool {
        self.node.find_input(byte).is_some()
    }

    /// The entity types of the key spelled so far (one bit per [`EntityType`] code; 0 when
    /// it is not a whole key).
    pub(crate) fn kinds(&self, ds: &Dataset) -> u8 {
        if self.node.is_final() {
            ds.kinds_at(self.out.cat(self.node.final_output()).value())
        } else {
            0
        }
    }
}

/// An entity as given to [`DatasetBuilder`], before aliases are turned into keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntityInput {
    /// Stable id (QID or namespaced).
    pub id: String,
    /// Entity type.
    pub kind: Option<EntityType>,
    /// Subtype.
    pub subtype: String,
    /// Display name.
    pub name: String,
    /// Aliases that find it (also shown on the card).
    pub aliases: Vec<String>,
    /// Aliases that find it but are not shown (spellings without diacritics and the like).
    pub hidden_aliases: Vec<String>,
    /// One-line description.
    pub description: String,
    /// Key facts.
    pub facts: Vec<Fact>,
    /// Coordinates.
    pub coords: Option<(f32, f32)>,
    /// ISO alpha-2 country.
    pub country: Option<String>,
    /// Wikipedia title.
    pub wikipedia: Option<String>,
    /// Popularity prior, 0..=1.
    pub prior: f32,
    /// Ids of related entities.
    pub related: Vec<String>,
    /// Source names.
    pub sources: Vec<String>,
    /// Population of a place, when a source gives it: used for the prior and the description,
    /// not stored (the facts carry it for the card).
    pub population: Option<u64>,
}

impl EntityInput {
    /// Starts an entity with its id, type, subtype and display name.
    pub fn new(
        id: impl Into<String>,
        kind: EntityType,
        subtype: impl Into<String>,
        name: impl Into<String>,
    ) -> EntityInput {
        EntityInput {
            id: id.into(),
            kind: Some(kind),
            subtype: subtype.into(),
            name: name.into(),
            prior: 0.1,
            ..Default::default()
        }
    }

    /// Adds an alias.
    pub fn alias(mut self, alias: impl Into<String>) -> EntityInput {
        self.aliases.push(alias.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> EntityInput {
        self.description = description.into();
        self
    }

    /// Adds a fact.
    pub fn fact(mut self, label: impl Into<String>, value: impl Into<String>) -> EntityInput {
        self.facts.push(Fact {
            label: label.into(),
            value: value.into(),
        });
        self
    }

    /// Sets the popularity prior.
    pub fn prior(mut self, prior: f32) -> EntityInput {
        self.prior = prior;
        self
    }

    /// Merges another input for the same entity: keeps this one's name and description when set,
    /// takes the union of aliases, facts (by label), related ids and sources, and the higher prior.
    pub fn merge(&mut self, other: EntityInput) {
        if self.name.is_empty() {
            self.name = other.name.clone();
        } else if other.name != self.name
            && !other.name.is_empty()
            && !self.aliases.contains(&other.name)
        {
            self.aliases.push(other.name.clone());
        }
        if self.description.is_empty() {
            self.description = other.description;
        }
        if self.subtype.is_empty() {
            self.subtype = other.subtype;
        }
        self.kind = self.kind.or(other.kind);
        for a in other.aliases {
            if !self.aliases.contains(&a) && a != self.name {
                self.aliases.push(a);
            }
        }
        for a in other.hidden_aliases {
            if !self.hidden_aliases.contains(&a) {
                self.hidden_aliases.push(a);
            }
        }
        self.population = self.population.or(other.population);
        for f in other.facts {
            if !self.facts.iter().any(|g| g.label == f.label) {
                self.facts.push(f);
            }
        }
        self.coords = self.coords.or(other.coords);
        self.country = self.country.take().or(other.country);
        self.wikipedia = self.wikipedia.take().or(other.wikipedia);
        self.prior = self.prior.max(other.prior);
        for r in other.related {
            if !self.related.contains(&r) {
                self.related.push(r);
            }
        }
        for s in other.sources {
            if !self.sources.contains(&s) {
                self.sources.push(s);
            }
        }
    }
}

/// Collects entities and writes a dataset file.
///
/// Entities are merged when they are the same thing: [`add`](Self::add) merges an entity into an
/// earlier one with the same id or the same English Wikipedia title (when one of the two ids is a
/// Wikidata QID and the other is not, the merged entity takes the QID and the old id keeps
/// resolving to it). Sources that know less (no id or title in common) look for their match with
/// [`lookup`](Self::lookup) and merge with [`add_into`](Self::add_into).
pub struct DatasetBuilder {
    meta: DatasetMeta,
    entities: Vec<EntityInput>,
    by_id: HashMap<String, usize>,
    by_wikipedia: HashMap<String, usize>,
    by_key: HashMap<String, Vec<u32>>,
    /// Ids entities had before a merge gave them another.
    redirects: std::collections::HashSet<String>,
}

/// True for a Wikidata item id such as `Q90`.
pub fn is_qid(id: &str) -> bool {
    id.len() > 1 && id.starts_with('Q') && id[1..].bytes().all(|b| b.is_ascii_digit())
}

/// One spelling of a Wikipedia title, so "Sergei Lavrov" and "Sergei_Lavrov" meet.
fn wikipedia_key(title: &str) -> String {
    let t = title.trim().replace(' ', "_");
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => t,
    }
}

impl DatasetBuilder {
    /// Starts an empty dataset with a version label.
    pub fn new(version: impl Into<String>) -> DatasetBuilder {
        DatasetBuilder {
            meta: DatasetMeta {
                version: version.into(),
                sources: Vec::new(),
            },
            entities: Vec::new(),
            by_id: HashMap::new(),
            by_wikipedia: HashMap::new(),
            by_key: HashMap::new(),
            redirects: Default::default(),
        }
    }

    /// Records a source for the credits page; its entity count is filled in by [`build`](Self::build).
    /// Recording the same source twice keeps the first.
    pub fn source(&mut self, name: &str, license: &str, attribution: &str) {
        if self.meta.sources.iter().any(|s| s.name == name) {
            return;
        }
        self.meta.sources.push(SourceInfo {
            name: name.into(),
            license: license.into(),
            attribution: attribution.into(),
            entities: 0,
        });
    }

    /// The sources recorded so far.
    pub fn sources(&self) -> &[SourceInfo] {
        &self.meta.sources
    }

    /// Adds an entity, merging it into an earlier one with the same id or Wikipedia title.
    /// Returns the id the entity is stored under.
    pub fn add(&mut self, entity: EntityInput) -> String {
        let found = self.position(&entity.id).or_else(|| {
            entity
                .wikipedia
                .as_deref()
                .and_then(|w| self.by_wikipedia.get(&wikipedia_key(w)).copied())
        });
        match found {
            Some(i) => self.merge_at(i, entity),
            None => {
                let i = self.entities.len();
                self.by_id.insert(entity.id.clone(), i);
                self.index(i, &entity);
                self.entities.push(entity);
                self.entities[i].id.clone()
            }
        }
    }

    /// Merges `entity` into the earlier entity `target` (an id, followed through merges) even
    /// though their ids differ: for matches a source found by name. Adds it as new when `target`
    /// is unknown. Returns the id the entity is stored under.
    pub fn add_into(&mut self, target: &str, entity: EntityInput) -> String {
        match self.position(target) {
            Some(i) => self.merge_at(i, entity),
            None => self.add(entity),
        }
    }

    fn merge_at(&mut self, i: usize, entity: EntityInput) -> String {
        let incoming_id = entity.id.clone();
        self.index(i, &entity);
        self.entities[i].merge(entity);
        let current = self.entities[i].id.clone();
        if incoming_id != current {
            if is_qid(&incoming_id) && !is_qid(&current) {
                // The QID is the better id: take it, and let the old one resolve to it.
                self.entities[i].id = incoming_id.clone();
                self.by_id.insert(incoming_id.clone(), i);
                self.redirects.insert(current);
            } else {
                self.redirects.insert(incoming_id.clone());
                self.by_id.insert(incoming_id, i);
            }
        }
        self.entities[i].id.clone()
    }

    fn index(&mut self, i: usize, e: &EntityInput) {
        if let Some(w) = &e.wikipedia {
            self.by_wikipedia.entry(wikipedia_key(w)).or_insert(i);
        }
        for name in std::iter::once(&e.name)
            .chain(&e.aliases)
            .chain(&e.hidden_aliases)
        {
            let key = alias_key(name);
            if key.is_empty() {
                continue;
            }
            let list = self.by_key.entry(key).or_default();
            if !list.contains(&(i as u32)) {
                list.push(i as u32);
            }
        }
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The current id of an entity added under `id` (ids change when a QID arrives).
    pub fn resolve(&self, id: &str) -> Option<&str> {
        self.position(id).map(|i| self.entities[i].id.as_str())
    }

    /// The entity with this id, if added.
    pub fn get(&self, id: &str) -> Option<&EntityInput> {
        self.position(id).map(|i| &self.entities[i])
    }

    /// The entity with this id, if added.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut EntityInput> {
        self.position(id).map(|i| &mut self.entities[i])
    }

    /// The entity with this English Wikipedia title, if added.
    pub fn get_by_wikipedia(&self, title: &str) -> Option<&EntityInput> {
        self.by_wikipedia
            .get(&wikipedia_key(title))
            .map(|&i| &self.entities[i])
    }

    /// Entities whose name or an alias has this [alias key](crate::normalize::alias_key), in the
    /// order they were added. Aliases added through `get_mut` are not indexed.
    pub fn lookup(&self, key: &str) -> impl Iterator<Item = &EntityInput> {
        self.by_key
            .get(key)
            .into_iter()
            .flatten()
            .map(|&i| &self.entities[i as usize])
    }

    /// Number of entities so far.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// All entities added so far.
    pub fn entities(&self) -> &[EntityInput] {
        &self.entities
    }

    /// All entities added so far, to adjust in place (descriptions, priors). Changing an id, name
    /// or alias here does not update the lookup indexes.
    pub fn entities_mut(&mut self) -> &mut [EntityInput] {
        &mut self.entities
    }

    /// Writes the dataset file.
    pub fn build(mut self) -> Result<Vec<u8>> {
        for source in &mut self.meta.sources {
            source.entities = self
                .entities
                .iter()
                .filter(|e| e.sources.contains(&source.name))
                .count() as u32;
        }
        let index_of: HashMap<&str, u32> = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i as u32))
            .collect();
        // Every id an entity was ever added under finds it (ids change when merges bring a QID).
        let resolve = |id: &str| self.by_id.get(id).map(|&i| i as u32);

        // Alias key → candidates.
        let mut keys: BTreeMap<String, Vec<(u32, u16, u8, u8)>> = BTreeMap::new();
        for (i, e) in self.entities.iter().enumerate() {
            let kind = e
                .kind
                .ok_or_else(|| Error::InvalidInput(format!("entity {} has no type", e.id)))?;
            let prior = (e.prior.clamp(0.0, 1.0) * 65535.0).round() as u16;
            let name_key = alias_key(&e.name);
            let mut seen = Vec::new();
            for alias in std::iter::once(&e.name)
                .chain(&e.aliases)
                .chain(&e.hidden_aliases)
            {
                let key = alias_key(alias);
                if key.is_empty() || seen.contains(&key) {
                    continue;
                }
                let flags = u8::from(key == name_key) | (u8::from(e.subtype == "country") << 1);
                seen.push(key.clone());
                keys.entry(key)
                    .or_default()
                    .push((i as u32, prior, kind.code(), flags));
            }
        }
        let mut candidates = Vec::new();
        let mut alias_map = fst::MapBuilder::memory();
        let mut reversed: Vec<Vec<u8>> = Vec::new();
        for (key, mut list) in keys {
            if key
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b' ')
            {
                reversed.push(key.bytes().rev().collect());
            }
            // Highest prior first; on a tie own names before aliases, then by index for determinism.
            list.sort_by(|a, b| b.1.cmp(&a.1).then(b.3.cmp(&a.3)).then(a.0.cmp(&b.0)));
            list.truncate(MAX_CANDIDATES);
            alias_map
                .insert(&key, candidates.len() as u64)
                .map_err(|e| Error::InvalidInput(format!("alias {key:?}: {e}")))?;
            candidates.push(list.len() as u8);
            for (index, prior, kind, flags) in list {
                candidates.extend_from_slice(&index.to_le_bytes());
                candidates.extend_from_slice(&prior.to_le_bytes());
                candidates.push(kind);
                candidates.push(flags);
            }
        }
        let alias_fst = alias_map
            .into_inner()
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
        reversed.sort();
        let reversed_fst = fst::Set::from_iter(reversed)
            .map_err(|e| Error::InvalidInput(format!("reversed aliases: {e}")))?
            .into_fst()
            .into_inner();

        let mut ids: Vec<(&str, u64)> = index_of.iter().map(|(&k, &v)| (k, v as u64)).collect();
        // Ids an entity had before a merge keep finding it.
        ids.extend(
            self.redirects
                .iter()
                .filter(|k| !index_of.contains_key(k.as_str()))
                .filter_map(|k| Some((k.as_str(), resolve(k)? as u64))),
        );
        ids.sort();
        let id_fst = fst::Map::from_iter(ids)
            .map_err(|e| Error::InvalidInput(format!("entity ids: {e}")))?
            .into_fst()
            .into_inner();

        // Subtypes, fact labels and source names are stored once, in the meta section.
        let mut shared: Vec<String> = Vec::new();
        let mut shared_index: HashMap<String, u32> = HashMap::new();
        let mut share = |s: &str| -> u32 {
            if let Some(&i) = shared_index.get(s) {
                return i;
            }
            shared.push(s.to_string());
            shared_index.insert(s.to_string(), shared.len() as u32 - 1);
            shared.len() as u32 - 1
        };
        let mut records = Vec::new();
        let mut offsets = vec![0u32];
        for (i, e) in self.entities.iter().enumerate() {
            let mut related: Vec<u32> = Vec::new();
            for r in e.related.iter().filter_map(|id| resolve(id)) {
                if r != i as u32 && !related.contains(&r) {
                    related.push(r);
                }
            }
            let record = Record {
                id: &e.id,
                kind: e.kind.expect("checked above"),
                subtype: share(&e.subtype),
                name: &e.name,
                description: &e.description,
                aliases: e.aliases.iter().map(String::as_str).collect(),
                facts: e
                    .facts
                    .iter()
                    .map(|f| (share(&f.label), f.value.as_str()))
                    .collect(),
                coords: e.coords,
                country: e.country.as_deref(),
                wikipedia: e.wikipedia.as_deref(),
                prior: e.prior,
                related,
                sources: e.sources.iter().map(|s| share(s)).collect(),
            };
            records.extend(
                postcard::to_allocvec(&record)
                    .map_err(|err| Error::InvalidInput(format!("entity {}: {err}", e.id)))?,
            );
            offsets.push(records.len() as u32);
        }
        let meta = postcard::to_allocvec(&MetaSection {
            meta: self.meta.clone(),
            shared,
        })
        .map_err(|e| Error::InvalidInput(e.to_string()))?;

        let mut body = Vec::new();
        let mut lens = Vec::new();
        for section in [
            &meta,
            &alias_fst,
            &id_fst,
            &reversed_fst,
            &candidates,
            &records,
        ] {
            lens.push(
                u32::try_from(section.len())
                    .map_err(|_| Error::InvalidInput("section over 4 GiB".into()))?,
            );
            body.extend_from_slice(section);
        }
        for o in offsets {
            body.extend_from_slice(&o.to_le_bytes());
        }
        let mut out = Vec::with_capacity(HEADER_LEN + body.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&checksum(&body).to_le_bytes());
        out.extend_from_slice(&(self.entities.len() as u32).to_le_bytes());
        for len in lens {
            out.extend_from_slice(&len.to_le_bytes());
        }
        out.extend_from_slice(&body);
        Ok(out)
    }
}

/// The kinds of edit [`Dataset::keys_one_edit`] makes, for its position checks.
#[derive(Clone, Copy)]
enum Edit {
    /// Deleting or substituting the byte at the position.
    Change,
    /// Swapping the byte at the position with the next one.
    Swap,
    /// Inserting a letter before the position (or at the end).
    Insert,
}

/// Walks `fst` once along `b`, branching where `allowed(edit, position)`, and adds to `found`
/// each key one edit away (with its output) that is not `b` and not found yet, up to `limit`.
fn one_edit_walk<D: AsRef<[u8]>>(
    fst: &fst::raw::Fst<D>,
    b: &[u8],
    found: &mut Vec<(Vec<u8>, u64)>,
    limit: usize,
    allowed: impl Fn(Edit, usize) -> bool,
) {
    use fst::raw::{Node, Output};
    // Follows `rest` from `node`; the key's output when it ends on a key.
    fn follow<'f, D: AsRef<[u8]>>(
        fst: &'f fst::raw::Fst<D>,
        mut node: Node<'f>,
        mut out: Output,
        rest: &[&[u8]],
    ) -> Option<u64> {
        for part in rest {
            for &byte in *part {
                let t = node.transition(node.find_input(byte)?);
                out = out.cat(t.out);
                node = fst.node(t.addr);
            }
        }
        node.is_final()
            .then(|| out.cat(node.final_output()).value())
    }
    let add = |found: &mut Vec<(Vec<u8>, u64)>, k: Vec<u8>, v: u64| {
        if k != b && !found.iter().any(|(f, _)| *f == k) {
            found.push((k, v));
        }
    };
    let mut node = fst.root();
    let mut out = Output::zero();
    for i in 0..=b.len() {
        if found.len() >= limit {
            break;
        }
        let here = b.get(i).copied();
        let letter = here.is_some_and(|c| c != b' ');
        let change = letter && allowed(Edit::Change, i);
        let insert = allowed(Edit::Insert, i);
        if change {
            // Deletion of b[i].
            if let Some(v) = follow(fst, node, out, &[&b[i + 1..]]) {
                add(found, [&b[..i], &b[i + 1..]].concat(), v);
            }
        }
        // Transposition of b[i] and b[i + 1].
        if let Some(&next) = b.get(i + 1) {
            if letter && next != b' ' && Some(next) != here && allowed(Edit::Swap, i) {
                if let Some(v) = follow(fst, node, out, &[&[next, b[i]], &b[i + 2..]]) {
                    add(found, [&b[..i], &[next, b[i]], &b[i + 2..]].concat(), v);
                }
            }
        }
        if change || insert {
            for t in node.transitions() {
                if !t.inp.is_ascii_lowercase() {
                    continue;
                }
                let after = fst.node(t.addr);
                let out = out.cat(t.out);
                // Substitution of b[i] by t.inp.
                if change && Some(t.inp) != here {
                    if let Some(v) = follow(fst, after, out, &[&b[i + 1..]]) {
                        add(found, [&b[..i], &[t.inp], &b[i + 1..]].concat(), v);
                    }
                }
                // Insertion of t.inp before b[i].
                if insert {
                    if let Some(v) = follow(fst, after, out, &[&b[i..]]) {
                        add(found, [&b[..i], &[t.inp], &b[i..]].concat(), v);
                    }
                }
            }
        }
        let Some(&byte) = b.get(i) else { break };
        let Some(at) = node.find_input(byte) else {
            break;
        };
        let t = node.transition(at);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut b = DatasetBuilder::new("test");
        b.source("Test", "CC0", "written for the test");
        let mut paris = EntityInput::new("Q90", EntityType::Loc, "city", "Paris")
            .description("Capital of France")
            .prior(0.9);
        paris.sources.push("Test".into());
        b.add(paris);
        b.add(
            EntityInput::new("Q830149", EntityType::Loc, "city", "Paris")
                .alias("Paris, Texas")
                .prior(0.2),
        );
        b.add(
            EntityInput::new("Q8445", EntityType::Per, "politician", "Sergey Lavrov")
                .alias("Sergei Lavrov")
                .alias("Lavrov")
                .prior(0.6),
        );
        b.build().unwrap()
    }

    #[test]
    fn round_trips_entities_and_ranks_candidates_by_prior() {
        let ds = Dataset::from_bytes(sample()).unwrap();
        assert_eq!(ds.len(), 3);
        let paris = ds.candidates("Paris");
        assert_eq!(paris.len(), 2);
        assert_eq!(ds.entity(paris[0].index).unwrap().id, "Q90");
        assert!(paris[0].prior > paris[1].prior);
        let lavrov = ds.candidates("Lavrov’s");
        assert_eq!(ds.entity(lavrov[0].index).unwrap().name, "Sergey Lavrov");
        assert!(!lavrov[0].is_name);
        assert!(ds.candidates("Sergey Lavrov")[0].is_name);
        assert_eq!(ds.index_of("Q8445"), Some(lavrov[0].index));
        assert!(ds.has_key_with_prefix("sergey"));
        assert!(!ds.has_key_with_prefix("sergeyx"));
        assert_eq!(ds.meta().sources[0].entities, 1);
    }

    #[cfg(feature = "cli")]
    #[test]
    fn a_packed_file_loads_as_the_file_itself() {
        let file = sample();
        let packed = pack(&file).unwrap();
        assert_eq!(&packed[..8], PACKED_MAGIC);
        let ds = Dataset::from_bytes(packed).unwrap();
        assert_eq!(ds.file_bytes(), file.as_slice());
        assert_eq!(ds.file_size(), file.len());
        assert_eq!(
            ds.entity(ds.candidates("Lavrov")[0].index).unwrap().id,
            "Q8445"
        );
        assert!(pack(b"not a dataset file at all, just some text").is_err());
    }

    #[cfg(feature = "cli")]
    #[test]
    fn a_damaged_packed_file_is_a_typed_error() {
        let packed = pack(&sample()).unwrap();
        let error = |bytes: Vec<u8>| match Dataset::from_bytes(bytes) {
            Err(Error::DatasetFormat(m)) => m,
            Err(e) => panic!("not a format error: {e}"),
            Ok(_) => panic!("a damaged file loaded"),
        };
        // One block: the header, an 8-byte table, then the block.
        let block_at = 32;
        let mut flipped = packed.clone();
        *flipped.last_mut().unwrap() ^= 0x55;
        assert!(error(flipped).starts_with("checksum mismatch in packed block 0"));
        assert!(error(packed[..packed.len() - 3].to_vec()).contains("ends early: 0 of 1 blocks"));
        assert!(error(packed[..20].to_vec()).contains("shorter than the 24-byte header"));
        assert!(error(packed[..28].to_vec()).contains("shorter than the 32-byte header"));
        let mut longer = packed.clone();
        longer.push(0);
        assert!(error(longer).contains("1 trailing bytes"));
        let mut version = packed.clone();
        version[8] += 1;
        assert!(error(version).contains(&format!("this build reads {FORMAT_VERSION}")));
        let mut huge = packed.clone();
        huge[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(error(huge).contains("over the"));
        let mut count = packed.clone();
        count[16..20].copy_from_slice(&2u32.to_le_bytes());
        assert!(error(count).contains("2 packed blocks cannot hold"));
        let mut table = packed.clone();
        table[26] ^= 1;
        assert!(error(table).starts_with("checksum mismatch in the packed block table"));
        let mut short = packed.clone();
        short[12..16].copy_from_slice(&10u32.to_le_bytes());
        assert!(error(short).starts_with("packed block 0"));
        // A block that passes its checksum but is not valid LZ4.
        let junk = [0xffu8; 40];
        let mut garbage = packed[..block_at].to_vec();
        garbage[24..28].copy_from_slice(&(junk.len() as u32).to_le_bytes());
        garbage[28..32].copy_from_slice(&checksum(&junk).to_le_bytes());
        let table_sum = checksum(&garbage[24..32]);
        garbage[20..24].copy_from_slice(&table_sum.to_le_bytes());
        garbage.extend_from_slice(&junk);
        assert!(error(garbage).starts_with("packed block 0: "));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_after_the_packed_magic_load_or_fail_cleanly(
            tail in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
        ) {
            let mut bytes = PACKED_MAGIC.to_vec();
            bytes.extend_from_slice(&tail);
            let _ = Dataset::from_bytes(bytes);
        }
    }

    #[test]
    fn alias_cursor_spells_keys_a_piece_at_a_time() {
        let ds = Dataset::from_bytes(sample()).unwrap();
        let per = 1 << EntityType::Per as u8;
        let mut c = ds.alias_cursor();
        assert!(c.follow(b"sergey"));
        assert_eq!(c.kinds(&ds), 0, "not a whole key");
        assert!(c.can_follow(b' '));
        assert!(!c.can_follow(b'x'));
        assert!(c.follow(b" lavrov"));
        assert_eq!(c.kinds(&ds), per);
        assert!(!c.can_follow(b' '));
        let mut c = ds.alias_cursor();
        assert!(c.follow(b"paris"));
        let kinds: u8 = ds
            .candidates("Paris")
            .iter()
            .fold(0, |k, c| k | 1 << c.kind as u8);
        assert_eq!(c.kinds(&ds), kinds);
        assert!(!ds.alias_cursor().follow(b"sergeyx"));
    }

    #[test]
    fn merges_entities_with_the_same_id() {
        let mut b = DatasetBuilder::new("test");
        b.add(
            EntityInput::new(
                "Q1",
                EntityType::Org,
                "agency",
                "Federal Bureau of Investigation",
            )
            .alias("FBI"),
        );
        b.add(
            EntityInput::new("Q1", EntityType::Org, "agency", "FBI")
                .alias("Bureau")
                .fact("Founded", "1908"),
        );
        let ds = Dataset::from_bytes(b.build().unwrap()).unwrap();
        assert_eq!(ds.len(), 1);
        let e = ds.entity(0).unwrap();
        assert_eq!(e.aliases, ["FBI", "Bureau"]);
        assert_eq!(e.facts.len(), 1);
    }

    #[test]
    fn corrupt_files_give_typed_errors() {
        let good = sample();
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0xff;
        let mut wrong_version = good.clone();
        wrong_version[8] = 99;
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("empty", vec![], "shorter than"),
            ("bad magic", b"NOTGLOSS".repeat(10), "bad magic"),
            ("truncated", good[..good.len() - 10].to_vec(), "checksum"),
            ("flipped byte", flipped, "checksum"),
            ("wrong version", wrong_version, "version 99"),
        ];
        for (name, bytes, needle) in cases {
            match Dataset::from_bytes(bytes) {
                Err(Error::DatasetFormat(msg)) => assert!(msg.contains(needle), "{name}: {msg}"),
                Err(other) => panic!("{name}: wrong error {other}"),
                Ok(_) => panic!("{name}: loaded"),
            }
        }
    }

    /// Every key one allowed edit from `key`, by trying every edit: the reference the automaton
    /// walks are checked against.
    fn one_edit_by_brute_force(ds: &Dataset, key: &str, editable: &[bool]) -> Vec<String> {
        let b = key.as_bytes();
        let mut out: Vec<String> = Vec::new();
        let mut try_key = |k: Vec<u8>| {
            let k = String::from_utf8(k).unwrap();
            if k != key && !out.contains(&k) && !ds.candidates_for_key(&k).is_empty() {
                out.push(k);
            }
        };
        for i in 0..=b.len() {
            if !editable[i] {
                continue;
            }
            let letter = b.get(i).is_some_and(|&c| c != b' ');
            if letter {
                try_key([&b[..i], &b[i + 1..]].concat());
                if let Some(&next) = b.get(i + 1) {
                    if next != b' ' && next != b[i] {
                        try_key([&b[..i], &[next, b[i]], &b[i + 2..]].concat());
                    }
                }
            }
            for c in b'a'..=b'z' {
                if letter && Some(c) != b.get(i).copied() {
                    try_key([&b[..i], &[c], &b[i + 1..]].concat());
                }
                if i > 0 {
                    try_key([&b[..i], &[c], &b[i..]].concat());
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn one_edit_search_finds_what_trying_every_edit_finds() {
        let names = [
            "Sergey Lavrov",
            "Sergei Lavrov",
            "Lavrova",
            "Slavrov",
            "Marco Rubio",
            "Marco Rubion",
            "Macro Rubio",
            "Geneva",
            "Genevo",
            "Genova",
            "Gneva",
            "Geneeva",
            "Heathrow Airport",
            "Heathrow Airports",
            "Haethrow Airport",
            "Kyiv",
            "Kiev",
            "Moscow",
            "Moscov",
        ];
        let mut b = DatasetBuilder::new("test");
        for (i, n) in names.iter().enumerate() {
            b.add(EntityInput::new(
                format!("gloss:loc/{i}"),
                EntityType::Loc,
                "city",
                *n,
            ));
        }
        let ds = Dataset::from_bytes(b.build().unwrap()).unwrap();
        let queries = [
            "sergey lavrov",
            "sregey lavrov",
            "sergey lavorv",
            "lavrov",
            "avrov",
            "lavrovaa",
            "marco rubio",
            "mraco rubio",
            "geneva",
            "gnevaa",
            "heathrow airport",
            "heathrow airpotr",
            "hethrow airport",
            "moscow",
            "mosco",
            "kyiv",
            "xgeneva",
            "",
        ];
        let mut found = 0;
        for q in queries {
            for mask in 0..3 {
                // Every position; none of a word's first letter; only the last three.
                let editable: Vec<bool> = (0..=q.len())
                    .map(|i| match mask {
                        0 => true,
                        1 => i > 0 && q.as_bytes().get(i - 1).is_some_and(|&c| c != b' '),
                        _ => i + 3 >= q.len(),
                    })
                    .collect();
                let pairs = ds.keys_one_edit(q, &editable, usize::MAX);
                // Keys found through the reversed keys, too, come with their own candidates.
                for (key, list) in &pairs {
                    assert!(!list.is_empty(), "{key:?}");
                    assert_eq!(*list, ds.candidates_for_key(key), "{key:?}");
                }
                let mut got: Vec<String> = pairs.into_iter().map(|(k, _)| k).collect();
                got.sort();
                assert_eq!(
                    got,
                    one_edit_by_brute_force(&ds, q, &editable),
                    "{q:?}, mask {mask}"
                );
                found += got.len();
            }
        }
        // Edits near the start (through the reversed keys) and near the end both find keys.
        let all = |q: &str| ds.keys_one_edit(q, &vec![true; q.len() + 1], 9).len();
        assert!(all("sregey lavrov") >= 1 && all("heathrow airpotr") >= 1 && all("gnevaa") >= 1);
        assert!(found > 40, "only {found} keys found in all");
    }

    #[test]
    fn views_read_the_same_fields_as_full_records() {
        let ds = Dataset::from_bytes(sample()).unwrap();
        assert!(!ds.is_empty());
        for i in 0..ds.len() as u32 {
            let (e, v) = (ds.entity(i).unwrap(), ds.entity_view(i).unwrap());
            assert_eq!(
                (v.id, v.kind, v.subtype, v.name),
                (&*e.id, e.kind, &*e.subtype, &*e.name)
            );
            assert_eq!(
                (v.description, v.country, &v.related),
                (&*e.description, e.country.as_deref(), &e.related)
            );
            assert_eq!(
                v.aliases,
                e.aliases.iter().map(String::as_str).collect::<Vec<_>>()
            );
            let facts: Vec<(&str, &str)> = v.facts.iter().map(|f| (f.label, f.value)).collect();
            assert_eq!(
                facts,
                e.facts
                    .iter()
                    .map(|f| (&*f.label, &*f.value))
                    .collect::<Vec<_>>()
            );
            let country = ds
                .candidates(&e.name)
                .iter()
                .any(|c| c.index == i && c.is_country);
            assert_eq!(country, e.subtype == "country");
        }
        let mut b = DatasetBuilder::new("test");
        b.add(EntityInput::new(
            "Q142",
            EntityType::Loc,
            "country",
            "France",
        ));
        b.add(EntityInput::new(
            "gloss:loc/france-tx",
            EntityType::Loc,
            "city",
            "France",
        ));
        let ds = Dataset::from_bytes(b.build().unwrap()).unwrap();
        let flags: Vec<(u32, bool)> = ds
            .candidates("France")
            .iter()
            .map(|c| (c.index, c.is_country))
            .collect();
        assert!(
            flags.contains(&(0, true)) && flags.contains(&(1, false)),
            "{flags:?}"
        );
    }
}
