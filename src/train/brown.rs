//! Brown clustering (Brown et al. 1992, "Class-based n-gram models of natural language") with
//! the windowed algorithm of Liang (2005, "Semi-supervised learning for natural language", §3):
//! words enter in order of frequency; with `C + 1` clusters active the pair whose merge loses
//! the least average mutual information between adjacent clusters is merged; at the end the
//! remaining `C` clusters are merged down to one, and the merge tree gives every cluster a bit
//! string. Words in one cluster share its bit string; prefixes of it are coarser clusters.
//!
//! Costs O(V·C²): each step updates the merge loss of every active pair in constant time (the
//! loss of merging `i` and `j` changes only through their interaction with the clusters just
//! merged). Logarithms of small counts come from a table.
//!
//! Cluster marginals are taken over all of the text (so they do not change as words enter),
//! while pair counts include only words that have entered — Liang's approximation.

use std::collections::HashMap;

use indicatif::ProgressBar;

const LN_TABLE: usize = 1 << 16;

struct State {
    k: usize,
    /// Bigram counts between slots: `n[s * k + t]` = cluster in slot `s` followed by `t`.
    n: Vec<u32>,
    /// Transposed counts: `nt[t * k + s] = n[s * k + t]`.
    nt: Vec<u32>,
    /// Left and right marginals of each slot.
    ml: Vec<f64>,
    mr: Vec<f64>,
    lnml: Vec<f64>,
    lnmr: Vec<f64>,
    /// `w[s * k + t]`: mutual-information weight of the pair (both directions).
    w: Vec<f64>,
    /// `loss[s * k + t]` (s < t): loss of merging `s` and `t`.
    loss: Vec<f64>,
    /// Logs of the marginals of each would-be merged pair: `pl[i * k + j]`, `pr[i * k + j]`.
    pl: Vec<f64>,
    pr: Vec<f64>,
    active: Vec<bool>,
    total: f64,
    ln_total: f64,
    ln: Vec<f64>,
}

impl State {
    #[inline]
    fn lnc(&self, c: u32) -> f64 {
        if (c as usize) < LN_TABLE {
            self.ln[c as usize]
        } else {
            (c as f64).ln()
        }
    }

    /// `p log p / (pl pr)` for a count `c` with log marginals.
    #[inline]
    fn q(&self, c: u32, ln_l: f64, ln_r: f64) -> f64 {
        if c == 0 {
            0.0
        } else {
            c as f64 / self.total * (self.lnc(c) + self.ln_total - ln_l - ln_r)
        }
    }

    fn pair_w(&self, s: usize, t: usize) -> f64 {
        let k = self.k;
        if s == t {
            self.q(self.n[s * k + s], self.lnml[s], self.lnmr[s])
        } else {
            self.q(self.n[s * k + t], self.lnml[s], self.lnmr[t])
                + self.q(self.n[t * k + s], self.lnml[t], self.lnmr[s])
        }
    }

    /// Weight between the would-be merge of `i` and `j` and another cluster `x`.
    #[inline]
    fn merged_w(&self, i: usize, j: usize, x: usize, ln_ml_ij: f64, ln_mr_ij: f64) -> f64 {
        let k = self.k;
        let right = self.n[i * k + x] + self.n[j * k + x];
        let left = self.nt[i * k + x] + self.nt[j * k + x];
        self.q(right, ln_ml_ij, self.lnmr[x]) + self.q(left, self.lnml[x], ln_mr_ij)
    }

    #[inline]
    fn merged_lns(&self, i: usize, j: usize) -> (f64, f64) {
        (self.pl[i * self.k + j], self.pr[i * self.k + j])
    }

    /// Refreshes the cached merged-marginal logs of slot `s` with every slot.
    fn set_pair_lns(&mut self, s: usize) {
        let k = self.k;
        for x in 0..k {
            let l = (self.ml[s] + self.ml[x]).ln();
            let r = (self.mr[s] + self.mr[x]).ln();
            self.pl[s * k + x] = l;
            self.pl[x * k + s] = l;
            self.pr[s * k + x] = r;
            self.pr[x * k + s] = r;
        }
    }

    /// Loss of merging `i` and `j`, from scratch.
    fn full_loss(&self, i: usize, j: usize) -> f64 {
        let k = self.k;
        let (lml, lmr) = self.merged_lns(i, j);
        let mut loss = 0.0;
        for x in 0..k {
            if x == i || x == j || !self.active[x] {
                continue;
            }
            loss += self.w[i * k + x] + self.w[j * k + x] - self.merged_w(i, j, x, lml, lmr);
        }
        let self_count =
            self.n[i * k + i] + self.n[i * k + j] + self.n[j * k + i] + self.n[j * k + j];
        loss + self.w[i * k + i] + self.w[j * k + j] + self.w[i * k + j]
            - self.q(self_count, lml, lmr)
    }

    fn set_w_row(&mut self, s: usize) {
        let k = self.k;
        for x in 0..k {
            let v = if self.active[x] {
                self.pair_w(s, x)
            } else {
                0.0
            };
            self.w[s * k + x] = v;
            self.w[x * k + s] = v;
        }
    }

    fn set_loss_row(&mut self, s: usize) {
        let k = self.k;
        for x in 0..k {
            if x != s && self.active[x] {
                let v = self.full_loss(s.min(x), s.max(x));
                self.loss[s.min(x) * k + s.max(x)] = v;
            }
        }
    }

    /// Adds `sign ×` the interaction of every pair (not involving `c`) with cluster `c`.
    fn adjust_pairs(&mut self, c: usize, sign: f64, skip: &[usize]) {
        let k = self.k;
        let act: Vec<usize> = (0..k)
            .filter(|&x| self.active[x] && x != c && !skip.contains(&x))
            .collect();
        for (a, &i) in act.iter().enumerate() {
            for &j in &act[a + 1..] {
                let (lml, lmr) = self.merged_lns(i, j);
                let d = self.w[i * k + c] + self.w[j * k + c] - self.merged_w(i, j, c, lml, lmr);
                self.loss[i * k + j] += sign * d;
            }
        }
    }

    fn best_pair(&self) -> (usize, usize) {
        let k = self.k;
        let mut best = (f64::INFINITY, 0, 0);
        for i in 0..k {
            if !self.active[i] {
                continue;
            }
            for j in i + 1..k {
                if self.active[j] && self.loss[i * k + j] < best.0 {
                    best = (self.loss[i * k + j], i, j);
                }
            }
        }
        (best.1, best.2)
    }

    /// Merges slot `b` into slot `a`.
    fn merge(&mut self, a: usize, b: usize) {
        let k = self.k;
        self.adjust_pairs(a, -1.0, &[b]);
        self.adjust_pairs(b, -1.0, &[a]);
        for x in 0..k {
            self.n[a * k + x] += self.n[b * k + x];
        }
        for x in 0..k {
            self.n[x * k + a] += self.n[x * k + b];
        }
        for x in 0..k {
            self.n[b * k + x] = 0;
            self.n[x * k + b] = 0;
        }
        for x in 0..k {
            self.nt[a * k + x] = self.n[x * k + a];
            self.nt[x * k + a] = self.n[a * k + x];
            self.nt[b * k + x] = 0;
            self.nt[x * k + b] = 0;
        }
        self.ml[a] += self.ml[b];
        self.mr[a] += self.mr[b];
        self.lnml[a] = self.ml[a].ln();
        self.lnmr[a] = self.mr[a].ln();
        self.set_pair_lns(a);
        self.active[b] = false;
        for x in 0..k {
            self.w[b * k + x] = 0.0;
            self.w[x * k + b] = 0.0;
        }
        self.set_w_row(a);
        self.adjust_pairs(a, 1.0, &[]);
        self.set_loss_row(a);
    }
}

/// Clusters `sentences` of word ids (`0..vocab`, most frequent first; `u32::MAX` breaks the
/// sequence) into `c` clusters. Returns each word's bit string as a `u32` below a leading 1 bit
/// (at most 30 bits), for words `0..vocab`.
pub(crate) fn cluster(
    sentences: &[Vec<u32>],
    vocab: usize,
    c: usize,
    bar: &ProgressBar,
) -> Vec<u32> {
    let c = c.min(vocab).max(1);
    // Bigram counts and marginals over the whole text.
    let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
    let mut ml = vec![0f64; vocab];
    let mut mr = vec![0f64; vocab];
    let mut total = 0f64;
    for s in sentences {
        for w in s.windows(2) {
            if w[0] == u32::MAX || w[1] == u32::MAX {
                continue;
            }
            *bigrams.entry((w[0], w[1])).or_default() += 1;
            ml[w[0] as usize] += 1.0;
            mr[w[1] as usize] += 1.0;
            total += 1.0;
        }
    }
    let mut right: Vec<Vec<(u32, u32)>> = vec![Vec::new(); vocab];
    let mut left: Vec<Vec<(u32, u32)>> = vec![Vec::new(); vocab];
    let mut pairs: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), n) in pairs {
        right[a as usize].push((b, n));
        left[b as usize].push((a, n));
    }
    // Words that never occur in a bigram get a tiny marginal so logs stay finite.
    for m in ml.iter_mut().chain(mr.iter_mut()) {
        if *m == 0.0 {
            *m = 0.5;
        }
    }
    let k = c + 1;
    let mut ln = vec![0f64; LN_TABLE];
    for (i, v) in ln.iter_mut().enumerate().skip(1) {
        *v = (i as f64).ln();
    }
    let mut st = State {
        k,
        n: vec![0; k * k],
        nt: vec![0; k * k],
        ml: vec![1.0; k],
        mr: vec![1.0; k],
        lnml: vec![0.0; k],
        lnmr: vec![0.0; k],
        w: vec![0.0; k * k],
        loss: vec![0.0; k * k],
        pl: vec![0.0; k * k],
        pr: vec![0.0; k * k],
        active: vec![false; k],
        total: total.max(1.0),
        ln_total: total.max(1.0).ln(),
        ln,
    };
    // Slot of each word that has entered; usize::MAX before.
    let mut slot_of = vec![usize::MAX; vocab];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); k];
    let place = |st: &mut State,
                 slot_of: &mut Vec<usize>,
                 members: &mut Vec<Vec<u32>>,
                 word: usize,
                 s: usize| {
        slot_of[word] = s;
        members[s] = vec![word as u32];
        st.active[s] = true;
        st.ml[s] = ml[word];
        st.mr[s] = mr[word];
        st.lnml[s] = ml[word].ln();
        st.lnmr[s] = mr[word].ln();
        for x in 0..k {
            st.n[s * k + x] = 0;
            st.n[x * k + s] = 0;
        }
        for &(v, n) in &right[word] {
            let t = slot_of[v as usize];
            if t != usize::MAX {
                st.n[s * k + t] += n;
            }
        }
        for &(u, n) in &left[word] {
            let t = slot_of[u as usize];
            if t != usize::MAX && u as usize != word {
                st.n[t * k + s] += n;
            }
        }
        for x in 0..k {
            st.nt[s * k + x] = st.n[x * k + s];
            st.nt[x * k + s] = st.n[s * k + x];
        }
        st.set_pair_lns(s);
    };
    // The first c words.
    for word in 0..c {
        place(&mut st, &mut slot_of, &mut members, word, word);
    }
    for s in 0..c {
        st.set_w_row(s);
    }
    for i in 0..c {
        for j in i + 1..c {
            st.loss[i * k + j] = st.full_loss(i, j);
        }
    }
    bar.set_length(vocab as u64 + c as u64);
    bar.set_position(c as u64);
    // The rest, one at a time, each followed by a merge.
    for word in c..vocab {
        let free = (0..k).find(|&s| !st.active[s]).expect("a free slot");
        place(&mut st, &mut slot_of, &mut members, word, free);
        st.set_w_row(free);
        st.adjust_pairs(free, 1.0, &[]);
        st.set_loss_row(free);
        let (a, b) = st.best_pair();
        st.merge(a, b);
        let moved = std::mem::take(&mut members[b]);
        for &m in &moved {
            slot_of[m as usize] = a;
        }
        members[a].extend(moved);
        bar.inc(1);
    }
    // Merge the final clusters into a tree. Node ids: leaves 0..k are slots; merges add nodes.
    let mut node_of: Vec<usize> = (0..k).collect();
    let mut children: Vec<(usize, usize)> = Vec::new();
    let leaves = k;
    let mut root = (0..k).find(|&s| st.active[s]).unwrap_or(0);
    while st.active.iter().filter(|&&a| a).count() > 1 {
        let (a, b) = st.best_pair();
        st.merge(a, b);
        children.push((node_of[a], node_of[b]));
        node_of[a] = leaves + children.len() - 1;
        root = a;
        bar.inc(1);
    }
    // Paths from the root.
    let mut path_of_slot = vec![1u32; k];
    if !children.is_empty() {
        let mut stack = vec![(node_of[root], 1u32, 0u32)];
        while let Some((node, path, depth)) = stack.pop() {
            if node < leaves {
                path_of_slot[node] = path;
            } else {
                let (l, r) = children[node - leaves];
                let (pl, pr) = if depth < 30 {
                    (path << 1, path << 1 | 1)
                } else {
                    (path, path)
                };
                stack.push((l, pl, depth + 1));
                stack.push((r, pr, depth + 1));
            }
        }
    }
    let mut out = vec![0u32; vocab];
    for (s, ms) in members.iter().enumerate() {
        for &m in ms {
            out[m as usize] = path_of_slot[s];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_clusters() {
        // Vocabulary: 0 "the", 1 "a", 2 "cat", 3 "dog", 4 "ran", 5 "sat"; determiners, nouns and
        // verbs alternate, so each class has its own contexts.
        let mut sents = Vec::new();
        for (d, n, v) in [
            (0, 2, 4),
            (1, 3, 5),
            (0, 3, 4),
            (1, 2, 5),
            (0, 2, 5),
            (1, 3, 4),
        ] {
            for _ in 0..5 {
                sents.push(vec![d, n, v, d, n]);
            }
        }
        let paths = cluster(&sents, 6, 3, &ProgressBar::hidden());
        assert_eq!(paths[0], paths[1], "determiners");
        assert_eq!(paths[2], paths[3], "nouns");
        assert_eq!(paths[4], paths[5], "verbs");
        assert_ne!(paths[0], paths[2]);
        assert_ne!(paths[2], paths[4]);
    }
}
