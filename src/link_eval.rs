//! `gloss eval links`: linking accuracy on the GUM news documents, and the cost of linking.
//! Only in the CLI build.
//!
//! # Gold data
//!
//! GUM (Zeldes 2017, <https://gucorpling.org/gum/>) annotates every entity mention in its
//! `.conllu` files, in the MISC column: `Entity=(ID-etype-infstat-salience-centering-minspan-link-identity`
//! opens a mention at a token (a `)` right after the body closes it at the same token) and
//! `ID)` closes it; mentions nest. `identity` is the English Wikipedia title of the entity
//! (URL-encoded, `%2C` for a comma), present when the entity has an article. Each document's
//! text is rebuilt from its tokens (`SpaceAfter=No` joins tokens, `# newpar` starts a line).
//!
//! # Method
//!
//! - **Gold mentions** are GUM mentions of persons, places and organizations that contain a
//!   proper noun (`PROPN`): names, not pronouns or descriptions ("the country"). Gloss's tagger
//!   marks names without titles or determiners, so gold spans are matched by containment: each
//!   predicted mention is assigned to the innermost gold mention (of any type) that contains it,
//!   and a gold mention is *found* when its first assigned prediction is one of these names.
//!   That prediction's entity is the system's answer ("Donald Trump" inside "U.S. President
//!   Donald Trump's", "Irving" inside "Irving, Texas").
//! - **In the dataset** means the gold title resolves to a dataset entity: an entity whose
//!   `wikipedia` field is the title; else, because many sources carry no Wikipedia titles, by
//!   name: an undisambiguated title ("Texas") names Wikipedia's primary topic, taken to be the
//!   highest-prior entity of the gold type whose own name has the title's key (or the only
//!   entity of that type with it as an alias, as for a redirect: "Genova"); a qualified title
//!   ("Irving,_Texas", "Victoria_(Australia)") resolves to an entity named by the first part that
//!   is related to, or of the country of, an entity named by the qualifier. Other gold mentions,
//!   with no title or an unresolved one, are **NIL**.
//! - **Accuracy** = found in-dataset gold mentions whose prediction links to the gold entity /
//!   found in-dataset gold mentions (the linker's accuracy given the tagger's spans; mentions
//!   the tagger misses are reported separately, with an end-to-end figure that counts them as
//!   wrong). **NIL linked** = found NIL gold mentions whose prediction links to any entity /
//!   found NIL gold mentions.
//!
//! # Benchmark
//!
//! `gloss eval links --bench [FILE ...]` annotates the texts (default: the GUM documents) with
//! and without linking ([`Annotator::annotate_unlinked`]: tokenize and tag only), alternating,
//! for `--repeat N` rounds (default 20), and prints the best round of each as tokens per second
//! and linking's share of annotation time. Describing names counts as linking's cost.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::dataset::{Dataset, EntityType};
use crate::normalize::alias_key;
use crate::tag::Tagger;
use crate::tokenize::tokenize;
use crate::{Annotator, Error, Mention, Result};

const USAGE: &str = "\
usage: gloss eval links [DIR] [--dataset FILE] [--model FILE] [--verbose]
       gloss eval links --bench [FILE ...] [--repeat N] [--dataset FILE] [--model FILE]
DIR defaults to $GLOSS_SHARED/corpora/gum-news, else ../shared/corpora/gum-news.";

/// One document of a `.conllu` file.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    /// The `# newdoc id`.
    pub name: String,
    /// The text rebuilt from the tokens.
    pub text: String,
    /// Every entity mention, nested ones included.
    pub mentions: Vec<GoldMention>,
}

/// One GUM entity mention.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldMention {
    /// Byte offset of the first token in [`GoldDoc::text`].
    pub start: usize,
    /// Byte offset just past the last token.
    pub end: usize,
    /// GUM entity type: person, place, organization, event, abstract, …
    pub etype: String,
    /// Decoded Wikipedia title with underscores ("Irving,_Texas"), when the entity has one.
    pub title: Option<String>,
    /// True when a token of the mention is a proper noun.
    pub named: bool,
}

/// A mention still open: start byte, entity type, title, named so far.
type Open = (usize, String, Option<String>, bool);

/// Reads the documents of one `.conllu` file.
pub fn read_conllu(src: &str) -> Vec<GoldDoc> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut doc: Option<GoldDoc> = None;
    // Open mentions by GUM entity id.
    let mut open: HashMap<String, Vec<Open>> = HashMap::new();
    let mut new_par = false;
    let mut space = false;
    for line in src.lines() {
        if let Some(rest) = line.strip_prefix("# newdoc id") {
            if let Some(d) = doc.take() {
                docs.push(d);
            }
            open.clear();
            let name = rest.trim_start_matches([' ', '=']).trim().to_string();
            doc = Some(GoldDoc {
                name,
                text: String::new(),
                mentions: Vec::new(),
            });
            continue;
        }
        if line.starts_with("# newpar") && !line.starts_with("# newpar_block") {
            new_par = true;
            continue;
        }
        if line.starts_with("# sent_id") {
            space = true;
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains(['-', '.']) {
            continue;
        }
        let d = doc.get_or_insert_with(|| GoldDoc {
            name: String::new(),
            text: String::new(),
            mentions: Vec::new(),
        });
        if !d.text.is_empty() {
            if new_par {
                d.text.push('\n');
            } else if space {
                d.text.push(' ');
            }
        }
        new_par = false;
        let start = d.text.len();
        d.text.push_str(cols[1]);
        let end = d.text.len();
        let proper = cols[3] == "PROPN";
        let misc = cols[9];
        space = !misc.split('|').any(|f| f == "SpaceAfter=No");
        // Open mentions containing this token become named if it is a proper noun.
        if proper {
            for stack in open.values_mut() {
                for m in stack.iter_mut() {
                    m.3 = true;
                }
            }
        }
        let Some(entity) = misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else {
            continue;
        };
        let b = entity.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'(' {
                let from = i + 1;
                let mut j = from;
                while j < b.len() && b[j] != b'(' && b[j] != b')' {
                    j += 1;
                }
                let body = &entity[from..j];
                let fields: Vec<&str> = body.split('-').collect();
                let id = fields.first().copied().unwrap_or("").to_string();
                let etype = fields.get(1).copied().unwrap_or("").to_string();
                let title = (fields.len() >= 8).then(|| url_decode(&fields[7..].join("-")));
                if j < b.len() && b[j] == b')' {
                    d.mentions.push(GoldMention {
                        start,
                        end,
                        etype,
                        title,
                        named: proper,
                    });
                    i = j + 1;
                } else {
                    open.entry(id)
                        .or_default()
                        .push((start, etype, title, proper));
                    i = j;
                }
            } else if b[i].is_ascii_digit() {
                let from = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                let id = &entity[from..i];
                if i < b.len() && b[i] == b')' {
                    i += 1;
                    if let Some((s, etype, title, named)) = open.get_mut(id).and_then(Vec::pop) {
                        d.mentions.push(GoldMention {
                            start: s,
                            end,
                            etype,
                            title,
                            named,
                        });
                    }
                }
            } else {
                i += 1;
            }
        }
    }
    if let Some(d) = doc.take() {
        docs.push(d);
    }
    for d in &mut docs {
        d.mentions
            .sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    }
    docs
}

/// Decodes `%XX` escapes (UTF-8).
fn url_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One spelling of a Wikipedia title: underscores, first letter upper case.
fn title_key(title: &str) -> String {
    let t = title.trim().replace(' ', "_");
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => t,
    }
}

fn gold_type(etype: &str) -> Option<EntityType> {
    match etype {
        "person" => Some(EntityType::Per),
        "place" => Some(EntityType::Loc),
        "organization" => Some(EntityType::Org),
        _ => None,
    }
}

/// How a gold title was found in the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolved {
    Wikipedia,
    Name,
}

/// Resolves Wikipedia titles to dataset entities (see the module docs).
struct Resolver<'d> {
    dataset: &'d Dataset,
    by_title: HashMap<String, u32>,
}

impl<'d> Resolver<'d> {
    fn new(dataset: &'d Dataset) -> Resolver<'d> {
        let mut by_title = HashMap::new();
        for i in 0..dataset.len() as u32 {
            if let Some(w) = dataset.entity(i).and_then(|e| e.wikipedia) {
                by_title.entry(title_key(&w)).or_insert(i);
            }
        }
        Resolver { dataset, by_title }
    }

    fn resolve(&self, title: &str, kind: EntityType) -> Option<(u32, Resolved)> {
        if let Some(&i) = self.by_title.get(&title_key(title)) {
            return Some((i, Resolved::Wikipedia));
        }
        let plain = title.replace('_', " ");
        let (base, qualifier) = match (plain.find(" ("), plain.ends_with(')')) {
            (Some(p), true) => (
                plain[..p].to_string(),
                Some(plain[p + 2..plain.len() - 1].to_string()),
            ),
            _ => match plain.split_once(", ") {
                Some((a, b)) => (a.to_string(), Some(b.to_string())),
                None => (plain.clone(), None),
            },
        };
        let key = alias_key(&base);
        let of_type: Vec<_> = self
            .dataset
            .candidates_for_key(&key)
            .into_iter()
            .filter(|c| c.kind == kind)
            .collect();
        // Entities with the title as their own name; else the only one with it as an alias
        // (a redirect such as "Genova" → Genoa).
        let mut own: Vec<_> = of_type.iter().filter(|c| c.is_name).copied().collect();
        if own.is_empty() && of_type.len() == 1 {
            own = of_type;
        }
        match qualifier {
            None => own
                .iter()
                .max_by(|a, b| a.prior.total_cmp(&b.prior))
                .map(|c| (c.index, Resolved::Name)),
            Some(q) => {
                let anchors: Vec<u32> = self
                    .dataset
                    .candidates(&q)
                    .iter()
                    .map(|c| c.index)
                    .collect();
                let countries: Vec<String> = anchors
                    .iter()
                    .filter_map(|&a| self.dataset.entity(a)?.country)
                    .collect();
                own.iter()
                    .filter(|c| {
                        self.dataset.entity(c.index).is_some_and(|e| {
                            e.related.iter().any(|r| anchors.contains(r))
                                || (anchors.iter().any(|&a| {
                                    self.dataset
                                        .entity(a)
                                        .is_some_and(|x| x.subtype == "country")
                                }) && e.country.as_ref().is_some_and(|c| countries.contains(c)))
                        })
                    })
                    .max_by(|a, b| a.prior.total_cmp(&b.prior))
                    .map(|c| (c.index, Resolved::Name))
            }
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    gold_in: usize,
    found_in: usize,
    correct: usize,
    gold_nil: usize,
    found_nil: usize,
    linked_nil: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.gold_in += o.gold_in;
        self.found_in += o.found_in;
        self.correct += o.correct;
        self.gold_nil += o.gold_nil;
        self.found_nil += o.found_nil;
        self.linked_nil += o.linked_nil;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

struct Options {
    dir: Option<PathBuf>,
    dataset: Option<PathBuf>,
    model: Option<PathBuf>,
    verbose: bool,
    bench: bool,
    files: Vec<PathBuf>,
    repeat: usize,
}

fn parse_args(args: &[String]) -> Result<Options> {
    let mut o = Options {
        dir: None,
        dataset: None,
        model: None,
        verbose: false,
        bench: false,
        files: Vec::new(),
        repeat: 20,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| Error::InvalidInput(format!("{a} needs a value\n{USAGE}")))
        };
        match a.as_str() {
            "--dataset" => o.dataset = Some(PathBuf::from(value()?)),
            "--model" => o.model = Some(PathBuf::from(value()?)),
            "--verbose" | "-v" => o.verbose = true,
            "--bench" => o.bench = true,
            "--repeat" => {
                let v = value()?;
                o.repeat = v.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                    Error::InvalidInput(format!("--repeat {v:?} is not a positive number"))
                })?;
            }
            other if other.starts_with("--") => {
                return Err(Error::InvalidInput(format!(
                    "unexpected argument {other:?}\n{USAGE}"
                )))
            }
            other if o.bench => o.files.push(PathBuf::from(other)),
            other if o.dir.is_none() => o.dir = Some(PathBuf::from(other)),
            other => {
                return Err(Error::InvalidInput(format!(
                    "unexpected argument {other:?}\n{USAGE}"
                )))
            }
        }
    }
    Ok(o)
}

fn default_dir() -> PathBuf {
    match std::env::var_os("GLOSS_SHARED") {
        Some(s) => PathBuf::from(s).join("corpora/gum-news"),
        None => PathBuf::from("../shared/corpora/gum-news"),
    }
}

fn load(o: &Options) -> Result<Annotator> {
    let path = o
        .dataset
        .clone()
        .or_else(|| std::env::var_os("GLOSS_DATASET").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("build/dataset.bin"));
    let bytes = std::fs::read(&path).map_err(|e| {
        Error::io(
            format!(
                "reading dataset {} (build it with ./build.sh)",
                path.display()
            ),
            e,
        )
    })?;
    let dataset = Dataset::from_bytes(bytes)?;
    let model_path = o.model.clone().or_else(|| {
        let p = std::env::var_os("GLOSS_MODEL")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("models/tagger.bin"));
        p.exists().then_some(p)
    });
    let tagger = match &model_path {
        Some(p) => {
            Some(Tagger::from_bytes(&std::fs::read(p).map_err(|e| {
                Error::io(format!("reading model {}", p.display()), e)
            })?)?)
        }
        None => None,
    };
    eprintln!(
        "dataset {} ({} entities), tagger {}",
        path.display(),
        dataset.len(),
        model_path.map_or("rules".to_string(), |p| p.display().to_string())
    );
    Ok(Annotator::new(dataset, tagger))
}

fn read_docs(dir: &Path) -> Result<Vec<GoldDoc>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("reading {}", dir.display()), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::InvalidInput(format!(
            "no .conllu files in {}",
            dir.display()
        )));
    }
    let mut docs = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f)
            .map_err(|e| Error::io(format!("reading {}", f.display()), e))?;
        docs.extend(read_conllu(&src));
    }
    Ok(docs)
}

/// Runs `gloss eval links [DIR]` or `gloss eval links --bench [FILE ...]`; returns the exit code.
pub fn run(args: &[String]) -> Result<u8> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return Ok(0);
    }
    let o = parse_args(args)?;
    let annotator = load(&o)?;
    if o.bench {
        return bench(&o, &annotator);
    }
    let dir = o.dir.clone().unwrap_or_else(default_dir);
    let docs = read_docs(&dir)?;
    let ds = annotator.dataset();
    let resolver = Resolver::new(ds);
    let mut total = Tally::default();
    let mut by_type = [Tally::default(); 3];
    let mut by_wikipedia = 0;
    let mut by_name = 0;
    for doc in &docs {
        let mentions = annotator.annotate(&doc.text);
        let assigned = assign(doc, &mentions);
        for (g, gm) in doc.mentions.iter().enumerate() {
            let Some(kind) = gold_type(&gm.etype).filter(|_| gm.named) else {
                continue;
            };
            let gold = gm.title.as_deref().and_then(|t| resolver.resolve(t, kind));
            let predicted = assigned.get(&g).map(|&m| &mentions[m]);
            let mut t = Tally::default();
            let ok;
            match gold {
                Some((index, how)) => {
                    match how {
                        Resolved::Wikipedia => by_wikipedia += 1,
                        Resolved::Name => by_name += 1,
                    }
                    t.gold_in = 1;
                    let want = ds.entity(index).map(|e| e.id);
                    t.found_in = usize::from(predicted.is_some());
                    let got = predicted.and_then(|m| m.entity.as_ref().map(|e| e.id.clone()));
                    t.correct = usize::from(predicted.is_some() && got == want);
                    ok = predicted.is_none() || t.correct == 1;
                }
                None => {
                    t.gold_nil = 1;
                    t.found_nil = usize::from(predicted.is_some());
                    t.linked_nil = usize::from(predicted.is_some_and(|m| m.entity.is_some()));
                    ok = t.linked_nil == 0;
                }
            }
            if o.verbose && (!ok || predicted.is_none()) {
                let want = match gold {
                    Some((i, _)) => ds
                        .entity(i)
                        .map_or(String::new(), |e| format!("{} {}", e.id, e.name)),
                    None => format!("NIL ({})", gm.title.as_deref().unwrap_or("no title")),
                };
                let got = match predicted {
                    None => "(not found)".to_string(),
                    Some(m) => format!(
                        "{:?} {} → {}",
                        m.text,
                        m.kind.as_str(),
                        m.entity
                            .as_ref()
                            .map_or("NIL".to_string(), |e| format!("{} {}", e.id, e.name))
                    ),
                };
                println!(
                    "{}\t{:?}\tgold {}\tgot {}",
                    doc.name,
                    &doc.text[gm.start..gm.end],
                    want,
                    got
                );
            }
            total.add(&t);
            by_type[kind as usize].add(&t);
        }
    }
    println!(
        "GUM news linking: {} documents in {}",
        docs.len(),
        dir.display()
    );
    println!(
        "gold names of persons, places and organizations: {} ({} in the dataset: {} by Wikipedia title, {} by name; {} NIL)",
        total.gold_in + total.gold_nil,
        total.gold_in,
        by_wikipedia,
        by_name,
        total.gold_nil
    );
    let line = |label: &str, t: &Tally| {
        println!(
            "{label:<8} accuracy {:.3} ({}/{} found; {} gold, end-to-end {:.3})   NIL linked {:.3} ({}/{} found; {} gold)",
            ratio(t.correct, t.found_in),
            t.correct,
            t.found_in,
            t.gold_in,
            ratio(t.correct, t.gold_in),
            ratio(t.linked_nil, t.found_nil),
            t.linked_nil,
            t.found_nil,
            t.gold_nil
        );
    };
    for kind in EntityType::ALL {
        line(kind.as_str(), &by_type[kind as usize]);
    }
    line("overall", &total);
    Ok(0)
}

/// Assigns each predicted mention to the innermost gold mention containing it; returns, per gold
/// mention index, its first assigned prediction.
fn assign(doc: &GoldDoc, mentions: &[Mention]) -> HashMap<usize, usize> {
    let mut out = HashMap::new();
    for (m, pm) in mentions.iter().enumerate() {
        let innermost = doc
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, g)| g.start <= pm.start && pm.end <= g.end)
            .min_by_key(|(_, g)| g.end - g.start)
            .map(|(i, _)| i);
        if let Some(g) = innermost {
            out.entry(g).or_insert(m);
        }
    }
    out
}

/// `--bench`: tokens per second with and without linking.
fn bench(o: &Options, annotator: &Annotator) -> Result<u8> {
    let texts: Vec<String> = if o.files.is_empty() {
        read_docs(&o.dir.clone().unwrap_or_else(default_dir))?
            .into_iter()
            .map(|d| d.text)
            .collect()
    } else {
        o.files
            .iter()
            .map(|f| {
                std::fs::read_to_string(f)
                    .map_err(|e| Error::io(format!("reading {}", f.display()), e))
            })
            .collect::<Result<_>>()?
    };
    let tokens: usize = texts.iter().map(|t| tokenize(t).len()).sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    // The two modes alternate text by text, so both see the same machine state: on a shared,
    // noisy machine, timing one mode for a whole round and then the other measured differences
    // of ±30% between identical runs. The second call on a text runs warmer than the first, so
    // which mode goes first alternates by round, and rounds are taken in pairs, one of each
    // order: the ratio is the median over pairs. (A median over single rounds picks one order's
    // value whenever the two orders differ: it read 23% where the pairs read 18%.)
    let mut totals = [Duration::ZERO; 2];
    let mut rounds_took: Vec<[Duration; 2]> = Vec::with_capacity(o.repeat);
    let mut sink = 0usize;
    let repeat = o.repeat.max(2) & !1; // an even number of rounds
    for round in 0..=repeat {
        let mut took = [Duration::ZERO; 2];
        for t in &texts {
            for step in 0..2 {
                let mode = (step + round) % 2;
                let started = Instant::now();
                let m = if mode == 0 {
                    annotator.annotate_unlinked(t)
                } else {
                    annotator.annotate(t)
                };
                took[mode] += started.elapsed();
                sink += m.len();
            }
        }
        // Round 0 warms caches and is not counted.
        if round > 0 {
            totals[0] += took[0];
            totals[1] += took[1];
            rounds_took.push(took);
        }
    }
    let mut ratios: Vec<f64> = rounds_took
        .chunks_exact(2)
        .map(|p| (p[0][1] + p[1][1]).as_secs_f64() / (p[0][0] + p[1][0]).as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    let rounds = repeat as f64;
    let rate = |d: Duration| tokens as f64 * rounds / d.as_secs_f64();
    println!(
        "{} texts, {} tokens, {} bytes; {} rounds (mentions seen: {sink})",
        texts.len(),
        tokens,
        bytes,
        repeat
    );
    println!(
        "tag only:          {:>9.2} ms/round  {:>10.0} tokens/s",
        totals[0].as_secs_f64() * 1e3 / rounds,
        rate(totals[0])
    );
    println!(
        "tag + link:        {:>9.2} ms/round  {:>10.0} tokens/s",
        totals[1].as_secs_f64() * 1e3 / rounds,
        rate(totals[1])
    );
    println!(
        "linking adds {:.1}% to annotation time (median of round pairs; {:.1}% over all rounds)",
        (median - 1.0) * 100.0,
        (totals[1].as_secs_f64() / totals[0].as_secs_f64() - 1.0) * 100.0
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_mentions_with_titles() {
        let src = "# newdoc id = d1\n# newpar\n# sent_id = d1-1\n\
1\tIrving\tIrving\tPROPN\tNNP\t_\t0\troot\t_\tEntity=(1-place-new-x-cf1-1-coref-Irving%2C_Texas\n\
2\t,\t,\tPUNCT\t,\t_\t1\tpunct\t_\t_\n\
3\tTexas\tTexas\tPROPN\tNNP\t_\t1\tappos\t_\tEntity=(2-place-new-x-cf2-1-coref-Texas)1)|SpaceAfter=No\n\
4\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n";
        let docs = read_conllu(src);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "Irving , Texas.");
        let m: Vec<(&str, Option<&str>)> = docs[0]
            .mentions
            .iter()
            .map(|m| (&docs[0].text[m.start..m.end], m.title.as_deref()))
            .collect();
        assert_eq!(
            m,
            [
                ("Irving , Texas", Some("Irving,_Texas")),
                ("Texas", Some("Texas"))
            ]
        );
        assert!(docs[0].mentions.iter().all(|m| m.named));
    }

    #[test]
    fn decodes_titles() {
        assert_eq!(url_decode("Chiang_Kai%2Dshek"), "Chiang_Kai-shek");
        assert_eq!(url_decode("Labour_Party_%28UK%29"), "Labour_Party_(UK)");
        assert_eq!(url_decode("100%"), "100%");
    }
}
