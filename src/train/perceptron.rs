//! The averaged structured perceptron (Collins 2002) that trains the tagger's weights.
//!
//! Each sentence is decoded with the current weights under the BILOU constraints; where the
//! best labels differ from the gold ones, the features of the differing tokens move towards the
//! gold label and away from the predicted one, and so do the transitions. The model keeps the
//! average of the weights over all steps (computed with the `w - u / c` trick of Daumé's
//! thesis), which generalizes much better than the last weights.

use indicatif::{ProgressBar, ProgressStyle};

use super::conll::Document;
use super::eval::{evaluate, Counts};
use crate::dataset::Dataset;
use crate::tag::features::{doc_features, token_features, Clusters, Doc, FirstPass};
use crate::tag::labels::{encode, viterbi, Transitions, N};
use crate::tag::model::{Model, Stage};
use crate::tag::Tagger;

/// A small deterministic random number generator (splitmix64).
pub(crate) struct Rng(u64);

impl Rng {
    /// Seeds the generator.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x853c_49e6_748f_ea9b)
    }
    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        crate::tag::features::mix(self.0)
    }
    /// A float in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Shuffles `v` (Fisher–Yates).
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// A training document with its features computed once.
pub(crate) struct Example {
    /// The prepared document.
    pub doc: Doc,
    /// Gold BILOU labels.
    gold: Vec<u8>,
    /// Rows of the non-gazetteer features of each token: `feats[offs[i]..offs[i + 1]]`.
    feats: Vec<u32>,
    offs: Vec<u32>,
    /// Rows of the gazetteer features.
    gaz: Vec<u32>,
    goffs: Vec<u32>,
    /// For the second pass: rows of each token's document-level features (computed from the
    /// labels of a first-pass model that did not see this document), and whether each sentence
    /// has evidence from elsewhere in the document (only those are decoded again).
    doc_rows: Vec<u32>,
    doffs: Vec<u32>,
    evidence: Vec<bool>,
}

impl Example {
    /// Prepares a corpus document. `first` adds the second pass's features.
    pub(crate) fn new(
        d: &Document,
        clusters: &Clusters,
        dataset: Option<&Dataset>,
        bits: u8,
    ) -> Example {
        let doc = Doc::new(&d.text, &d.tokens, &d.sentences, clusters, dataset);
        let gold = encode(d.tokens.len(), &d.gold);
        let mut ex = Example {
            doc,
            gold,
            feats: Vec::new(),
            offs: Vec::new(),
            gaz: Vec::new(),
            goffs: Vec::new(),
            doc_rows: Vec::new(),
            doffs: Vec::new(),
            evidence: Vec::new(),
        };
        ex.compute(bits);
        ex
    }

    /// Sets the second pass's features from the labels of a first-pass model that did not see
    /// this document.
    pub(crate) fn set_first_pass(&mut self, model: &Model, bits: u8) {
        let (feats, offs) = model.features(&self.doc);
        let labels = model.first_pass(&self.doc, &feats, &offs);
        let fp = FirstPass::new(&self.doc, labels);
        let shift = 64 - bits as u32;
        let mut f = Vec::new();
        self.doc_rows.clear();
        self.evidence.clear();
        self.doffs = vec![0; self.doc.toks.len() + 1];
        for (s, sent) in self.doc.sentences.iter().enumerate() {
            let mut any = false;
            for i in sent.clone() {
                f.clear();
                any |= doc_features(&self.doc, s, i, &fp, &mut f);
                self.doc_rows.extend(f.iter().map(|&h| (h >> shift) as u32));
                self.doffs[i + 1] = self.doc_rows.len() as u32;
            }
            self.evidence.push(any);
        }
        for i in 0..self.doc.toks.len() {
            self.doffs[i + 1] = self.doffs[i + 1].max(self.doffs[i]);
        }
    }

    /// (Re)computes the cached feature rows.
    pub(crate) fn compute(&mut self, bits: u8) {
        let shift = 64 - bits as u32;
        let (mut f, mut g) = (Vec::new(), Vec::new());
        self.feats.clear();
        self.gaz.clear();
        self.offs = vec![0; self.doc.toks.len() + 1];
        self.goffs = vec![0; self.doc.toks.len() + 1];
        let mut last = 0;
        for (s, sent) in self.doc.sentences.iter().enumerate() {
            for i in sent.clone() {
                f.clear();
                g.clear();
                token_features(&self.doc, s, i, &mut f, &mut g);
                self.feats.extend(f.iter().map(|&h| (h >> shift) as u32));
                self.gaz.extend(g.iter().map(|&h| (h >> shift) as u32));
                // Tokens outside sentences keep empty feature lists.
                for k in last..=i {
                    self.offs[k] = self.offs[last];
                    self.goffs[k] = self.goffs[last];
                }
                self.offs[i + 1] = self.feats.len() as u32;
                self.goffs[i + 1] = self.gaz.len() as u32;
                last = i + 1;
            }
        }
        for k in last..self.offs.len() {
            self.offs[k] = self.feats.len() as u32;
            self.goffs[k] = self.gaz.len() as u32;
        }
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.gold.len()
    }

    fn rows(&self, i: usize, with_gaz: bool, second: bool) -> impl Iterator<Item = &u32> {
        let f = &self.feats[self.offs[i] as usize..self.offs[i + 1] as usize];
        let g: &[u32] = if with_gaz {
            &self.gaz[self.goffs[i] as usize..self.goffs[i + 1] as usize]
        } else {
            &[]
        };
        let d: &[u32] = if second {
            &self.doc_rows[self.doffs[i] as usize..self.doffs[i + 1] as usize]
        } else {
            &[]
        };
        f.iter().chain(g).chain(d)
    }
}

/// Perceptron weights with their running sums for averaging.
pub(crate) struct Perceptron {
    w: Vec<i32>,
    u: Vec<i64>,
    /// Transitions `N * N`, then start `N`, then end `N`.
    tw: Vec<i32>,
    tu: Vec<i64>,
    c: i64,
}

impl Perceptron {
    /// Zero weights for a table of `2^bits` rows.
    pub(crate) fn new(bits: u8) -> Perceptron {
        let rows = 1usize << bits;
        Perceptron {
            w: vec![0; rows * N],
            u: vec![0; rows * N],
            tw: vec![0; N * N + 2 * N],
            tu: vec![0; N * N + 2 * N],
            c: 1,
        }
    }

    fn emissions(
        &self,
        ex: &Example,
        sent: std::ops::Range<usize>,
        with_gaz: bool,
        second: bool,
        em: &mut Vec<i32>,
    ) {
        em.clear();
        em.resize(sent.len() * N, 0);
        for (k, i) in sent.enumerate() {
            let acc = &mut em[k * N..(k + 1) * N];
            for &r in ex.rows(i, with_gaz, second) {
                let w = &self.w[r as usize * N..r as usize * N + N];
                for (a, &x) in acc.iter_mut().zip(w) {
                    *a += x;
                }
            }
        }
    }

    fn decode(&self, em: &[i32], out: &mut Vec<u8>) {
        let (trans, rest) = self.tw.split_at(N * N);
        let (start, end) = rest.split_at(N);
        viterbi(
            em,
            &Transitions::new(trans, start, end),
            &mut Vec::new(),
            out,
        );
    }

    #[inline]
    fn bump_t(&mut self, at: usize, d: i32) {
        self.tw[at] += d;
        self.tu[at] += self.c * d as i64;
    }

    /// One training step on one document: decode each sentence, update where wrong. With
    /// `second`, trains the second pass: document-level features added, and only the sentences
    /// with evidence from elsewhere in the document.
    pub(crate) fn train_doc(&mut self, ex: &Example, with_gaz: bool, second: bool) {
        let mut em = Vec::new();
        let mut out = Vec::new();
        for (s, sent) in ex.doc.sentences.iter().enumerate() {
            if second && !ex.evidence.get(s).copied().unwrap_or(false) {
                continue;
            }
            self.emissions(ex, sent.clone(), with_gaz, second, &mut em);
            self.decode(&em, &mut out);
            let gold = &ex.gold[sent.clone()];
            if out.as_slice() != gold {
                for (k, i) in sent.clone().enumerate() {
                    let (g, p) = (gold[k] as usize, out[k] as usize);
                    if g != p {
                        let c = self.c;
                        for &r in ex.rows(i, with_gaz, second) {
                            let base = r as usize * N;
                            self.w[base + g] += 1;
                            self.u[base + g] += c;
                            self.w[base + p] -= 1;
                            self.u[base + p] -= c;
                        }
                    }
                    let (gp, pp) = if k == 0 {
                        (None, None)
                    } else {
                        (Some(gold[k - 1] as usize), Some(out[k - 1] as usize))
                    };
                    if (gp, g) != (pp, p) {
                        match (gp, pp) {
                            (Some(gp), Some(pp)) => {
                                self.bump_t(gp * N + g, 1);
                                self.bump_t(pp * N + p, -1);
                            }
                            _ => {
                                self.bump_t(N * N + g, 1);
                                self.bump_t(N * N + p, -1);
                            }
                        }
                    }
                }
                let last = sent.len() - 1;
                let (g, p) = (gold[last] as usize, out[last] as usize);
                if g != p {
                    self.bump_t(N * N + N + g, 1);
                    self.bump_t(N * N + N + p, -1);
                }
            }
            self.c += 1;
        }
    }

    /// The averaged weights, quantized to 8 bits: a model stage and the float value of one unit.
    pub(crate) fn averaged_stage(&self) -> (Stage, f32) {
        let c = self.c as f64;
        let avg = |w: i32, u: i64| w as f64 - u as f64 / c;
        let weights: Vec<f64> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| avg(w, u))
            .collect();
        // Clip the largest weights so that 8 bits keep resolution for the common ones.
        let mut mags: Vec<f64> = weights
            .iter()
            .map(|w| w.abs())
            .filter(|&w| w > 0.0)
            .collect();
        let clip = if mags.is_empty() {
            1.0
        } else {
            let k = ((mags.len() as f64) * 0.9995) as usize;
            let k = k.min(mags.len() - 1);
            *mags.select_nth_unstable_by(k, |a, b| a.total_cmp(b)).1
        };
        let unit = (clip / 127.0).max(1e-9);
        let q: Vec<i8> = weights
            .iter()
            .map(|&w| (w / unit).round().clamp(-127.0, 127.0) as i8)
            .collect();
        let t: Vec<i32> = self
            .tw
            .iter()
            .zip(&self.tu)
            .map(|(&w, &u)| (avg(w, u) / unit).round() as i32)
            .collect();
        let stage = Stage {
            trans: t[..N * N].to_vec(),
            start: t[N * N..N * N + N].to_vec(),
            end: t[N * N + N..].to_vec(),
            weights: q,
        };
        (stage, unit as f32)
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Weight table rows, as bits.
    pub bits: u8,
    /// Most epochs of the first pass; the best one on the dev set is kept (without a dev set,
    /// exactly this many are run).
    pub epochs: usize,
    /// The same for the second pass.
    pub epochs2: usize,
    /// Seed for document order and gazetteer dropout.
    pub seed: u64,
    /// Probability of training a document without its gazetteer features in an epoch, so that
    /// the model works without a dataset too.
    pub gaz_dropout: f64,
    /// Train a second pass with document-level first-pass predictions.
    pub two_pass: bool,
    /// Folds for the second pass's cross-validated first-pass predictions.
    pub folds: usize,
}

/// Progress bar over `total` steps.
pub(crate) fn progress(total: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg:>24} [{elapsed_precise}] {wide_bar} {pos}/{len} ({eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(what.to_string());
    bar
}

/// Trains a perceptron on `train` for `epochs` epochs, calling `after_epoch` after each one.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_epochs(
    p: &mut Perceptron,
    train: &[Example],
    second: bool,
    epochs: usize,
    opts: &Options,
    rng: &mut Rng,
    bar: &ProgressBar,
    mut after_epoch: impl FnMut(usize, &Perceptron) -> bool,
) {
    let mut order: Vec<usize> = (0..train.len()).collect();
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            let with_gaz = rng.unit() >= opts.gaz_dropout;
            p.train_doc(&train[d], with_gaz, second);
            bar.inc(train[d].len() as u64);
        }
        if !after_epoch(epoch, p) {
            break;
        }
    }
}

/// Evaluates a model on dev documents.
pub(crate) fn dev_score(
    model: Model,
    dev: &[Document],
    dataset: Option<&Dataset>,
) -> (Counts, Model) {
    let tagger = Tagger::from_model(model);
    let ev = evaluate(&tagger, dev, dataset);
    (ev.counts, tagger.into_model().expect("a trained tagger"))
}
