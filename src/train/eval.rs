//! Precision, recall and F1 of entity spans.
//!
//! The metric is conlleval's (the CoNLL-2000/2003 shared tasks' evaluation script, Tjong Kim
//! Sang & De Meulder 2003, <https://www.clips.uantwerpen.be/conll2003/ner/>): a predicted entity
//! counts as correct only when its first token, last token and type all equal a gold entity's;
//! precision = correct / predicted, recall = correct / gold, F1 their harmonic mean; "overall"
//! pools the counts of all types (micro-average). Gloss marks PER, LOC and ORG only, so MISC is
//! ignored on both sides: MISC gold entities are treated as O, and so would be MISC predictions.

use std::time::Instant;

use super::conll::Document;
use crate::dataset::{Dataset, EntityType};
use crate::tag::Tagger;

/// Counts per type (PER, LOC, ORG).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Exactly matching predictions.
    pub correct: [usize; 3],
    /// Gold entities.
    pub gold: [usize; 3],
    /// Predicted entities.
    pub predicted: [usize; 3],
}

/// Precision, recall, F1.
pub fn prf(correct: usize, gold: usize, predicted: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        0.0
    } else {
        correct as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        correct as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl Counts {
    /// Adds one document's gold and predicted entities `(start, end, kind)`; kinds above 2
    /// (MISC) are ignored.
    pub fn add(&mut self, gold: &[(usize, usize, u8)], predicted: &[(usize, usize, u8)]) {
        let keep = |e: &&(usize, usize, u8)| e.2 < 3;
        let gold: std::collections::HashSet<_> = gold.iter().filter(keep).copied().collect();
        for &(_, _, k) in &gold {
            self.gold[k as usize] += 1;
        }
        for p in predicted.iter().filter(keep) {
            self.predicted[p.2 as usize] += 1;
            if gold.contains(p) {
                self.correct[p.2 as usize] += 1;
            }
        }
    }

    /// Overall (micro-averaged) precision, recall and F1.
    pub fn overall(&self) -> (f64, f64, f64) {
        prf(
            self.correct.iter().sum(),
            self.gold.iter().sum(),
            self.predicted.iter().sum(),
        )
    }

    /// Per-type precision, recall and F1.
    pub fn of(&self, kind: usize) -> (f64, f64, f64) {
        prf(self.correct[kind], self.gold[kind], self.predicted[kind])
    }

    /// The report table, one line per type and one overall.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}\n",
            "type", "precision", "recall", "F1", "gold", "pred", "correct"
        );
        for (k, ty) in EntityType::ALL.iter().enumerate() {
            let (p, r, f) = self.of(k);
            out += &format!(
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}\n",
                ty.as_str(),
                p,
                r,
                f,
                self.gold[k],
                self.predicted[k],
                self.correct[k]
            );
        }
        let (p, r, f) = self.overall();
        let sum = |a: &[usize; 3]| a.iter().sum::<usize>();
        out += &format!(
            "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}\n",
            "overall",
            p,
            r,
            f,
            sum(&self.gold),
            sum(&self.predicted),
            sum(&self.correct)
        );
        out
    }
}

/// Result of tagging a corpus.
pub struct Evaluation {
    /// Wrong and missed entities: `(false positive?, kind, entity text, sentence text)`.
    pub errors: Vec<(bool, u8, String, String)>,
    /// Span counts.
    pub counts: Counts,
    /// Tokens tagged.
    pub tokens: usize,
    /// Seconds spent in [`Tagger::tag`].
    pub seconds: f64,
}

/// Tags every document with `tagger` (one call per document, so document-level features see the
/// whole document) and compares with the gold entities.
pub fn evaluate(tagger: &Tagger, docs: &[Document], dataset: Option<&Dataset>) -> Evaluation {
    let mut counts = Counts::default();
    let mut tokens = 0;
    let mut seconds = 0.0;
    let mut errors = Vec::new();
    for doc in docs {
        let t0 = Instant::now();
        let spans = tagger.tag(&doc.text, &doc.tokens, &doc.sentences, dataset);
        seconds += t0.elapsed().as_secs_f64();
        tokens += doc.tokens.len();
        let predicted: Vec<(usize, usize, u8)> = spans
            .iter()
            .map(|s| (s.start, s.end, s.kind as u8))
            .collect();
        counts.add(&doc.gold, &predicted);
        let span_text =
            |s: usize, e: usize| doc.text[doc.tokens[s].start..doc.tokens[e - 1].end].to_string();
        let sentence_of = |i: usize| {
            doc.sentences
                .iter()
                .find(|r| r.contains(&i))
                .map(|r| span_text(r.start, r.end))
                .unwrap_or_default()
        };
        let gold: Vec<_> = doc.gold.iter().filter(|g| g.2 < 3).copied().collect();
        for p in predicted.iter().filter(|p| !gold.contains(p)) {
            errors.push((true, p.2, span_text(p.0, p.1), sentence_of(p.0)));
        }
        for g in gold.iter().filter(|g| !predicted.contains(g)) {
            errors.push((false, g.2, span_text(g.0, g.1), sentence_of(g.0)));
        }
    }
    Evaluation {
        counts,
        tokens,
        seconds,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_only_and_misc_ignored() {
        let mut c = Counts::default();
        let gold = [(0, 2, 0), (3, 4, 1), (5, 6, 3)];
        let pred = [(0, 1, 0), (3, 4, 1), (5, 6, 3), (7, 8, 2)];
        c.add(&gold, &pred);
        assert_eq!(c.gold, [1, 1, 0]);
        assert_eq!(c.predicted, [1, 1, 1]);
        assert_eq!(c.correct, [0, 1, 0]);
        let (p, r, f) = c.overall();
        assert!((p - 1.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.4).abs() < 1e-9);
    }
}
