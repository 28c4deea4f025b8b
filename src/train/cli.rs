//! `gloss train` and `gloss eval` subcommands.
//!
//! # Reproducing `models/tagger.bin`
//!
//! From the repository root with `../shared` beside it, the Debian `wordnet-base` package
//! installed (its glosses are part of the cluster text) and the dataset built by
//! `./target/release/gloss dataset build` (the committed model used a `build/dataset.bin` of
//! 50,582 entities, 11,119,011 bytes):
//!
//! ```text
//! # 1. Tune the epochs of both passes on CoNLL-2003 valid (printed: best epochs 12 and 15).
//! ./target/release/gloss train --train ../shared/corpora/conll2003/train.txt \
//!     --dev ../shared/corpora/conll2003/valid.txt --out /tmp/tune.bin --seed 1 \
//!     --dataset build/dataset.bin
//! # 2. Train on train + valid with those epochs: the committed model.
//! ./target/release/gloss train --train ../shared/corpora/conll2003/train.txt \
//!     --train ../shared/corpora/conll2003/valid.txt --epochs 12 --epochs2 15 \
//!     --out models/tagger.bin --seed 1 --dataset build/dataset.bin
//! ```
//!
//! Each step takes about two CPU minutes on this machine, most of it learning the 256 Brown
//! clusters. Defaults: clusters over 25,000 word types, two passes, tables of 2^16 rows, 30% of
//! documents also trained with Title Case headlines, 30% without gazetteer features. Tables of
//! 2^16 rows scored best on CoNLL-2003 valid of 2^14 to 2^17 (step 1 with `--bits`: dev F1
//! 0.9262, 0.9262, 0.9289, 0.9279), and half the rows of 2^17 are also faster to read. A later
//! dataset changes the gazetteer features' inputs, not their meaning, so the model keeps
//! working with it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::conll::{self, Document};
use super::eval::evaluate;
use super::perceptron::{dev_score, progress, run_epochs, Example, Options, Perceptron, Rng};
use super::{brown, text};
use crate::dataset::Dataset;
use crate::tag::features::{cluster_key, Clusters, FREQUENT, TITLE_LOWER_WORDS};
use crate::tag::model::{Model, Stage};
use crate::tag::Tagger;
use crate::{Error, Result};

const TRAIN_USAGE: &str = "\
gloss train --train FILE [--train FILE ...] [--dev FILE] --out FILE [options]

Trains the tagger on CoNLL-format files (token first, IOB tag last) and writes the model.
Options:
    --dev FILE          tune the number of epochs on this file (the best epoch is kept)
    --seed N            random seed (default 1); the same inputs and seed give the same model
    --dataset FILE      reference dataset for gazetteer features (default: none)
    --epochs N          most epochs of the first pass (default 20); without --dev, the
                        number of epochs
    --epochs2 N         the same for the second pass (default: as --epochs)
    --bits N            weight tables of 2^N rows, one per pass (default 16)
    --gaz-dropout P     share of documents trained without gazetteer features (default 0.3)
    --one-pass          no second pass with document-level predictions
    --augment P         share of documents also trained with their capitals headlines in
                        Title Case (default 0.3)
    --folds N           folds for the second pass's first-pass predictions (default 4)
    --clusters N        Brown clusters learned from unlabeled text (default 256; 0: none)
    --cluster-words N   most word types clustered (default 25000), each seen at least
                        --min-count times (default 3)
    --shared DIR        where the unlabeled text is (default $GLOSS_SHARED or ../shared)
    --cluster-frequent N  leave out the clusters of words seen N times or more in the
                        training files (default 3; 0: keep all)
    --cluster-cache F   reuse the clusters in F if it exists, else write them there
";

/// Cluster settings.
struct ClusterOptions {
    clusters: usize,
    words: usize,
    min_count: u64,
    shared: PathBuf,
    cache: Option<PathBuf>,
    frequent: usize,
}

/// A copy of `doc` whose lines in capitals are in Title Case ("JAPAN GET LUCKY WIN" → "Japan
/// Get Lucky Win"), as web headlines are written, or `None` when it has no such line. Words in
/// capitals that the document also writes in capitals in running text (acronyms) stay so.
fn title_case_headlines(doc: &Document) -> Option<Document> {
    let sents = doc.tagged_sentences();
    let is_caps_line = |s: &[(String, String)]| {
        let words: Vec<&String> = s
            .iter()
            .map(|(w, _)| w)
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .collect();
        words.len() >= 2
            && words
                .iter()
                .filter(|w| !w.chars().any(char::is_lowercase))
                .count()
                * 10
                >= words.len() * 8
    };
    let acronyms: std::collections::HashSet<&str> = sents
        .iter()
        .filter(|s| !is_caps_line(s))
        .flat_map(|s| s.iter().map(|(w, _)| w.as_str()))
        .filter(|w| {
            w.chars().count() >= 2
                && w.chars().any(char::is_alphabetic)
                && !w.chars().any(char::is_lowercase)
        })
        .collect();
    let mut changed = false;
    let out: Vec<Vec<(String, String)>> = sents
        .iter()
        .map(|s| {
            if !is_caps_line(s) {
                return s.clone();
            }
            changed = true;
            s.iter()
                .enumerate()
                .map(|(k, (w, tag))| {
                    let lower = w.to_lowercase();
                    let word =
                        if !w.chars().any(char::is_alphabetic) || acronyms.contains(w.as_str()) {
                            w.clone()
                        } else if k > 0 && TITLE_LOWER_WORDS.contains(&lower.as_str()) {
                            lower
                        } else {
                            let mut cs = lower.chars();
                            cs.next()
                                .map(|c| c.to_uppercase().chain(cs).collect())
                                .unwrap_or_default()
                        };
                    (word, tag.clone())
                })
                .collect()
        })
        .collect();
    changed.then(|| Document::from_sentences(&out))
}

/// Marks the clusters of words seen at least `min` times in the labeled training documents
/// as [`FREQUENT`].
fn mark_frequent(pairs: &mut [(u32, u32)], docs: &[Document], min: usize) {
    if min == 0 {
        return;
    }
    let mut counts: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    for d in docs {
        for w in d.words() {
            *counts.entry(cluster_key(w)).or_default() += 1;
        }
    }
    for (k, p) in pairs.iter_mut() {
        if counts.get(k).is_some_and(|&n| n >= min) {
            *p |= FREQUENT;
        }
    }
}

/// Learns (or reads from the cache) the word clusters: `(cluster_key, path)` pairs.
fn word_clusters(co: &ClusterOptions, conll_files: &[PathBuf]) -> Result<Vec<(u32, u32)>> {
    if co.clusters == 0 {
        return Ok(Vec::new());
    }
    if let Some(cache) = co.cache.as_ref().filter(|c| c.exists()) {
        let bytes = std::fs::read(cache)
            .map_err(|e| Error::io(format!("reading {}", cache.display()), e))?;
        let v: Vec<u32> = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        eprintln!("clusters: {} words from {}", v.len() / 2, cache.display());
        return Ok(v.chunks_exact(2).map(|p| (p[0], p[1])).collect());
    }
    let t0 = Instant::now();
    let text = text::gather(conll_files, &co.shared)?;
    for (what, n) in &text.sources {
        eprintln!("  unlabeled text: {n:>9} tokens from {what}");
    }
    let (words, sentences) = text.vocabulary(co.min_count, co.words);
    eprintln!(
        "clustering {} word types of {} tokens into {} clusters",
        words.len(),
        text.tokens(),
        co.clusters
    );
    let bar = progress(words.len() as u64, "clusters");
    let paths = brown::cluster(&sentences, words.len(), co.clusters, &bar);
    bar.finish_and_clear();
    if let Some(dump) = std::env::var_os("GLOSS_CLUSTER_DUMP") {
        // For inspecting clusters locally; never commit the dump (it lists corpus words).
        let lines: String = words
            .iter()
            .zip(&paths)
            .map(|(w, p)| format!("{:b}\t{w}\n", p))
            .collect();
        std::fs::write(&dump, lines).map_err(|e| Error::io("writing the cluster dump", e))?;
    }
    let mut seen = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    for (w, p) in words.iter().zip(paths) {
        let key = cluster_key(w);
        if seen.insert(key) {
            pairs.push((key, p));
        }
    }
    eprintln!("clusters learned in {:.0} s", t0.elapsed().as_secs_f64());
    if let Some(cache) = &co.cache {
        let bytes: Vec<u8> = pairs
            .iter()
            .flat_map(|&(k, p)| [k.to_le_bytes(), p.to_le_bytes()])
            .flatten()
            .collect();
        std::fs::write(cache, bytes)
            .map_err(|e| Error::io(format!("writing {}", cache.display()), e))?;
    }
    Ok(pairs)
}

fn usage_err(msg: impl Into<String>) -> Error {
    Error::InvalidInput(msg.into())
}

fn value<'a>(it: &mut impl Iterator<Item = &'a String>, flag: &str) -> Result<&'a String> {
    it.next()
        .ok_or_else(|| usage_err(format!("{flag} needs a value")))
}

fn number<T: std::str::FromStr>(s: &str, flag: &str) -> Result<T> {
    s.parse()
        .map_err(|_| usage_err(format!("{flag}: {s:?} is not a number")))
}

fn read_dataset(path: &Path) -> Result<Dataset> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::io(format!("reading dataset {}", path.display()), e))?;
    Dataset::from_bytes(bytes)
}

fn read_corpora(paths: &[PathBuf]) -> Result<Vec<Document>> {
    let mut docs = Vec::new();
    for p in paths {
        docs.extend(conll::read(p)?);
    }
    Ok(docs)
}

/// `gloss train ARGS`.
pub fn train(args: &[String]) -> Result<u8> {
    let mut train_files = Vec::new();
    let mut dev_file = None;
    let mut out = None;
    let mut dataset_path = None;
    let mut opts = Options {
        bits: 16,
        epochs: 20,
        epochs2: 0,
        seed: 1,
        gaz_dropout: 0.3,
        two_pass: true,
        folds: 4,
    };
    let mut augment = 0.3f64;
    let mut co = ClusterOptions {
        clusters: 256,
        words: 25000,
        min_count: 3,
        shared: std::env::var_os("GLOSS_SHARED")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("../shared")),
        cache: None,
        frequent: 3,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--clusters" => co.clusters = number(value(&mut it, arg)?, arg)?,
            "--cluster-words" => co.words = number(value(&mut it, arg)?, arg)?,
            "--min-count" => co.min_count = number(value(&mut it, arg)?, arg)?,
            "--shared" => co.shared = PathBuf::from(value(&mut it, arg)?),
            "--cluster-frequent" => co.frequent = number(value(&mut it, arg)?, arg)?,
            "--cluster-cache" => co.cache = Some(PathBuf::from(value(&mut it, arg)?)),
            "--train" => train_files.push(PathBuf::from(value(&mut it, arg)?)),
            "--dev" => dev_file = Some(PathBuf::from(value(&mut it, arg)?)),
            "--out" => out = Some(PathBuf::from(value(&mut it, arg)?)),
            "--dataset" => dataset_path = Some(PathBuf::from(value(&mut it, arg)?)),
            "--seed" => opts.seed = number(value(&mut it, arg)?, arg)?,
            "--epochs" => opts.epochs = number(value(&mut it, arg)?, arg)?,
            "--epochs2" => opts.epochs2 = number(value(&mut it, arg)?, arg)?,
            "--bits" => opts.bits = number(value(&mut it, arg)?, arg)?,
            "--gaz-dropout" => opts.gaz_dropout = number(value(&mut it, arg)?, arg)?,
            "--folds" => opts.folds = number(value(&mut it, arg)?, arg)?,
            "--one-pass" => opts.two_pass = false,
            "--augment" => augment = number(value(&mut it, arg)?, arg)?,
            "-h" | "--help" => {
                print!("{TRAIN_USAGE}");
                return Ok(0);
            }
            other => {
                return Err(usage_err(format!(
                    "unexpected argument {other:?}\n\n{TRAIN_USAGE}"
                )))
            }
        }
    }
    let Some(out) = out else {
        eprint!("{TRAIN_USAGE}");
        return Ok(2);
    };
    if train_files.is_empty() {
        eprint!("{TRAIN_USAGE}");
        return Ok(2);
    }
    if !(10..=22).contains(&opts.bits) {
        return Err(usage_err(format!("--bits {} outside 10..=22", opts.bits)));
    }
    let started = Instant::now();
    let dataset = dataset_path.as_deref().map(read_dataset).transpose()?;
    let train_docs = read_corpora(&train_files)?;
    let dev_docs = match &dev_file {
        Some(p) => conll::read(p)?,
        None => Vec::new(),
    };
    let tokens: usize = train_docs.iter().map(|d| d.tokens.len()).sum();
    eprintln!(
        "training on {} documents, {tokens} tokens; dev {} documents",
        train_docs.len(),
        dev_docs.len()
    );

    // The dev file stays out of the cluster text, so that dev scores are not flattered.
    let mut cluster_pairs = word_clusters(&co, &train_files)?;
    mark_frequent(&mut cluster_pairs, &train_docs, co.frequent);
    let clusters = Clusters::new(&cluster_pairs);
    let gazetteer = dataset.is_some();
    let ds = dataset.as_ref();
    // Web headlines come in Title Case, which CoNLL-2003 lacks: train also on copies of some
    // documents with their capitals headlines in Title Case.
    let mut aug_rng = Rng::new(opts.seed ^ 0x7a11);
    let mut train_docs = train_docs;
    let augmented: Vec<Document> = train_docs
        .iter()
        .filter(|_| aug_rng.unit() < augment)
        .filter_map(title_case_headlines)
        .collect();
    if !augmented.is_empty() {
        eprintln!(
            "  plus {} copies with Title Case headlines",
            augmented.len()
        );
    }
    train_docs.extend(augmented);
    let mut examples: Vec<Example> = train_docs
        .iter()
        .map(|d| Example::new(d, &clusters, ds, opts.bits))
        .collect();
    let new_model = |stage: Stage, unit: f32, stage2: Option<Stage>| {
        Model::new(
            opts.bits,
            gazetteer,
            unit,
            cluster_pairs.clone(),
            stage,
            stage2,
        )
    };

    // First pass.
    let mut rng = Rng::new(opts.seed);
    let (stage1, unit, epochs1) = train_pass(
        &examples,
        false,
        &dev_docs,
        &opts,
        &mut rng,
        ds,
        |stage, unit| new_model(stage, unit, None),
        |m| m.into_stages().0,
    )?;
    let mut model = new_model(stage1, unit, None);

    if opts.two_pass {
        // First-pass labels for each training document from a model trained on the other folds,
        // so that the second pass learns how far to trust the first on unseen text.
        let folds = opts.folds.max(2);
        let total: usize = examples.iter().map(|e| e.len()).sum();
        let bar = progress((total * epochs1 * (folds - 1)) as u64, "first-pass folds");
        for f in 0..folds {
            let mut p = Perceptron::new(opts.bits);
            let mut order: Vec<usize> = (0..examples.len()).filter(|i| i % folds != f).collect();
            for _ in 0..epochs1 {
                rng.shuffle(&mut order);
                for &d in &order {
                    let with_gaz = rng.unit() >= opts.gaz_dropout;
                    p.train_doc(&examples[d], with_gaz, false);
                    bar.inc(examples[d].len() as u64);
                }
            }
            let (stage, unit) = p.averaged_stage();
            let fold_model = new_model(stage, unit, None);
            for ex in examples.iter_mut().skip(f).step_by(folds) {
                ex.set_first_pass(&fold_model, opts.bits);
            }
        }
        bar.finish_and_clear();
        let first = std::cell::RefCell::new(Some(model.into_stages().0));
        let (stage2, unit2, _) = train_pass(
            &examples,
            true,
            &dev_docs,
            &opts,
            &mut rng,
            ds,
            |stage, unit| {
                new_model(
                    first.borrow_mut().take().expect("first pass"),
                    unit,
                    Some(stage),
                )
            },
            |m| {
                let (stage, stage2) = m.into_stages();
                *first.borrow_mut() = Some(stage);
                stage2.expect("second pass")
            },
        )?;
        // Each pass keeps its own integer scale; the header records the second pass's unit.
        model = new_model(first.into_inner().expect("first pass"), unit2, Some(stage2));
    }

    let bytes = model.to_bytes();
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    }
    std::fs::write(&out, &bytes).map_err(|e| Error::io(format!("writing {}", out.display()), e))?;
    eprintln!(
        "wrote {} ({} bytes) in {:.0} s",
        out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    if !dev_docs.is_empty() {
        let tagger = Tagger::from_bytes(&bytes)?;
        let ev = evaluate(&tagger, &dev_docs, ds);
        eprint!("dev:\n{}", ev.counts.table());
    }
    Ok(0)
}

/// Trains one pass, keeping the epoch with the best dev F1 (or the last without dev documents).
/// `build` makes the model to score from the pass's weights; `unbuild` takes them back.
#[allow(clippy::too_many_arguments)]
fn train_pass(
    examples: &[Example],
    second: bool,
    dev: &[Document],
    opts: &Options,
    rng: &mut Rng,
    ds: Option<&Dataset>,
    build: impl Fn(Stage, f32) -> Model,
    unbuild: impl Fn(Model) -> Stage,
) -> Result<(Stage, f32, usize)> {
    let what = if second { "pass 2" } else { "pass 1" };
    let total: usize = examples.iter().map(|e| e.len()).sum();
    let epochs = if second && opts.epochs2 > 0 {
        opts.epochs2
    } else {
        opts.epochs
    };
    let bar = progress((total * epochs) as u64, what);
    let mut p = Perceptron::new(opts.bits);
    let mut best: Option<(f64, usize, Stage, f32)> = None;
    let mut since_best = 0;
    run_epochs(
        &mut p,
        examples,
        second,
        epochs,
        opts,
        rng,
        &bar,
        |epoch, p| {
            let (stage, unit) = p.averaged_stage();
            if dev.is_empty() {
                best = Some((0.0, epoch, stage, unit));
                return true;
            }
            let (counts, model) = dev_score(build(stage, unit), dev, ds);
            let f1 = counts.overall().2;
            bar.println(format!("{what} epoch {epoch:>2}: dev F1 {f1:.4}"));
            let stage = unbuild(model);
            if best.as_ref().is_none_or(|b| f1 > b.0) {
                best = Some((f1, epoch, stage, unit));
                since_best = 0;
            } else {
                since_best += 1;
            }
            since_best < PATIENCE
        },
    );
    bar.finish_and_clear();
    let (f1, epoch, stage, unit) = best.ok_or_else(|| usage_err("no epochs were run"))?;
    if dev.is_empty() {
        eprintln!("{what}: {epoch} epochs (no dev set)");
    } else {
        eprintln!("{what}: best epoch {epoch} (dev F1 {f1:.4})");
    }
    Ok((stage, unit, epoch))
}

/// Epochs without a better dev score before training stops.
const PATIENCE: usize = 4;

const EVAL_USAGE: &str = "\
gloss eval conll FILE [--model FILE] [--dataset FILE] [--rules] [--errors FILE]
gloss eval speed FILE [--model FILE] [--dataset FILE] [--rules] [--repeat N]

Tags a CoNLL-format file and prints precision, recall and F1 per type (PER, LOC, ORG) and
overall, with conlleval's exact-match definition (MISC ignored on both sides), and the speed.
The model defaults to models/tagger.bin (or $GLOSS_MODEL); --rules uses the rule-based tagger.
Without --dataset no gazetteer is used. --errors writes the wrong (FP) and missed (FN)
entities with their sentences, one a line.

`eval speed` is the benchmark: it runs the whole tagging path on the text of each document
(tokenize, split sentences, tag) N times (default 5) and prints the best run's tokens/s.
";

fn load_tagger(model_path: Option<PathBuf>, rules: bool) -> Result<Tagger> {
    if rules {
        return Ok(Tagger::rules());
    }
    let path = model_path.unwrap_or_else(|| {
        std::env::var_os("GLOSS_MODEL")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("models/tagger.bin"))
    });
    let bytes = std::fs::read(&path)
        .map_err(|e| Error::io(format!("reading model {}", path.display()), e))?;
    Tagger::from_bytes(&bytes)
}

/// `gloss eval speed FILE`: tokens per second of tokenize + sentences + tag on raw text.
fn speed(args: &[String]) -> Result<u8> {
    let mut file = None;
    let mut model_path = None;
    let mut dataset_path = None;
    let mut rules = false;
    let mut repeat = 5usize;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--model" => model_path = Some(PathBuf::from(value(&mut it, arg)?)),
            "--dataset" => dataset_path = Some(PathBuf::from(value(&mut it, arg)?)),
            "--rules" => rules = true,
            "--repeat" => repeat = number(value(&mut it, arg)?, arg)?,
            other if file.is_none() && !other.starts_with("--") => {
                file = Some(PathBuf::from(other))
            }
            other => {
                return Err(usage_err(format!(
                    "unexpected argument {other:?}\n\n{EVAL_USAGE}"
                )))
            }
        }
    }
    let Some(file) = file else {
        eprint!("{EVAL_USAGE}");
        return Ok(2);
    };
    let tagger = load_tagger(model_path, rules)?;
    let dataset = dataset_path.as_deref().map(read_dataset).transpose()?;
    let texts: Vec<String> = conll::read(&file)?.into_iter().map(|d| d.text).collect();
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    let mut tokens = 0;
    let mut spans = 0;
    for _ in 0..repeat.max(1) {
        let cpu0 = thread_cpu_seconds();
        let t0 = Instant::now();
        tokens = 0;
        spans = 0;
        for text in &texts {
            let toks = crate::tokenize::tokenize(text);
            let sents = crate::tokenize::sentences(text, &toks);
            spans += tagger.tag(text, &toks, &sents, dataset.as_ref()).len();
            tokens += toks.len();
        }
        best = best.min(t0.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu0, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    println!(
        "{} ({} documents; tokenize + sentences + tag; best of {repeat})",
        file.display(),
        texts.len()
    );
    println!(
        "tokens {tokens}  spans {spans}  seconds {best:.3}  tokens/s {:.0}",
        tokens as f64 / best.max(1e-9)
    );
    if best_cpu.is_finite() {
        // On a shared machine the wall clock also counts time spent waiting for a core.
        println!(
            "cpu seconds {best_cpu:.3}  tokens per cpu second {:.0}",
            tokens as f64 / best_cpu.max(1e-9)
        );
    }
    Ok(0)
}

/// CPU time of this thread so far (Linux `/proc/thread-self/schedstat`), if available.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// `gloss eval conll FILE`.
pub fn eval(args: &[String]) -> Result<u8> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("conll") => {}
        Some("speed") => return speed(&args[1..]),
        Some("-h" | "--help") => {
            print!("{EVAL_USAGE}");
            return Ok(0);
        }
        _ => {
            eprint!("{EVAL_USAGE}");
            return Ok(2);
        }
    }
    let mut file = None;
    let mut model_path = None;
    let mut dataset_path = None;
    let mut rules = false;
    let mut errors_path = None;
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--model" => model_path = Some(PathBuf::from(value(&mut it, arg)?)),
            "--dataset" => dataset_path = Some(PathBuf::from(value(&mut it, arg)?)),
            "--rules" => rules = true,
            "--errors" => errors_path = Some(PathBuf::from(value(&mut it, arg)?)),
            other if file.is_none() && !other.starts_with("--") => {
                file = Some(PathBuf::from(other))
            }
            other => {
                return Err(usage_err(format!(
                    "unexpected argument {other:?}\n\n{EVAL_USAGE}"
                )))
            }
        }
    }
    let Some(file) = file else {
        eprint!("{EVAL_USAGE}");
        return Ok(2);
    };
    let tagger = load_tagger(model_path, rules)?;
    let dataset = dataset_path.as_deref().map(read_dataset).transpose()?;
    let docs = conll::read(&file)?;
    let ev = evaluate(&tagger, &docs, dataset.as_ref());
    if let Some(p) = errors_path {
        let kinds = ["PER", "LOC", "ORG"];
        let lines: String = ev
            .errors
            .iter()
            .map(|(fp, k, span, sent)| {
                format!(
                    "{}\t{}\t{span}\t{sent}\n",
                    if *fp { "FP" } else { "FN" },
                    kinds[*k as usize]
                )
            })
            .collect();
        std::fs::write(&p, lines).map_err(|e| Error::io(format!("writing {}", p.display()), e))?;
    }
    println!("{}", file.display());
    print!("{}", ev.counts.table());
    println!(
        "tokens {}  seconds {:.3}  tokens/s {:.0}",
        ev.tokens,
        ev.seconds,
        ev.tokens as f64 / ev.seconds.max(1e-9)
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_headlines_become_title_case() {
        let docs = conll::parse("-DOCSTART- O\n\nSOCCER O\n- O\nJAPAN B-LOC\nGET O\nLUCKY O\nWIN O\nIN O\nUAE B-LOC\n\nJapan B-LOC\nbeat O\nthe O\nUAE B-LOC\n. O\n");
        let doc = title_case_headlines(&docs[0]).expect("a capitals line");
        assert_eq!(
            doc.text,
            "Soccer - Japan Get Lucky Win in UAE\nJapan beat the UAE ."
        );
        assert_eq!(doc.gold, docs[0].gold);
        assert!(title_case_headlines(&doc).is_none());
    }
}
