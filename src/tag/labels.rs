//! BILOU labels over four entity kinds (PER, LOC, ORG, MISC), their transition constraints,
//! Viterbi decoding, and conversion to and from spans.
//!
//! MISC is learned (CoNLL-2003 annotates it, and telling "Russian" from "Russia" is easier when
//! the model may call the first MISC) but never reported.

/// Entity kinds the model distinguishes: 0 PER, 1 LOC, 2 ORG (the codes of
/// [`crate::EntityType`]), 3 MISC.
pub(crate) const KINDS: usize = 4;
/// Kind code of MISC.
#[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
pub(crate) const MISC: u8 = 3;
/// Number of labels: O, then B, I, L, U for each kind.
pub(crate) const N: usize = 1 + 4 * KINDS;

/// Positions within an entity.
const B: u8 = 0;
const I: u8 = 1;
const L: u8 = 2;
const U: u8 = 3;

/// The label for `kind` at `part` (0 B, 1 I, 2 L, 3 U).
#[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
#[inline]
pub(crate) fn label(kind: u8, part: u8) -> u8 {
    1 + 4 * kind + part
}

/// The kind of a label, `None` for O.
#[inline]
pub(crate) fn kind_of(y: u8) -> Option<u8> {
    if y == 0 || y as usize >= N {
        None
    } else {
        Some((y - 1) / 4)
    }
}

#[inline]
fn part_of(y: u8) -> Option<u8> {
    if y == 0 || y as usize >= N {
        None
    } else {
        Some((y - 1) % 4)
    }
}

/// Whether `next` may follow `prev` (the rule [`Transitions`] unrolls).
#[cfg(test)]
fn allowed(prev: u8, next: u8) -> bool {
    match (part_of(prev), part_of(next)) {
        (None | Some(L | U), None | Some(B | U)) => true,
        (Some(B | I), Some(I | L)) => kind_of(prev) == kind_of(next),
        _ => false,
    }
}

/// Whether a sentence may start with `y` (the rule [`OPEN`] lists).
#[cfg(test)]
fn can_start(y: u8) -> bool {
    matches!(part_of(y), None | Some(B | U))
}

/// Whether a sentence may end with `y` (the rule [`CLOSED`] lists).
#[cfg(test)]
fn can_end(y: u8) -> bool {
    matches!(part_of(y), None | Some(L | U))
}

/// BILOU labels for `n` tokens with entity spans `(start, end, kind)` (token indexes, end
/// exclusive, non-overlapping).
#[cfg_attr(not(any(test, feature = "cli")), allow(dead_code))]
pub(crate) fn encode(n: usize, spans: &[(usize, usize, u8)]) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for &(s, e, k) in spans {
        if s >= e || e > n {
            continue;
        }
        if e - s == 1 {
            out[s] = label(k, U);
        } else {
            out[s] = label(k, B);
            for y in &mut out[s + 1..e - 1] {
                *y = label(k, I);
            }
            out[e - 1] = label(k, L);
        }
    }
    out
}

/// Entity spans `(start, end, kind)` from labels. Tolerates sequences the constraints forbid
/// (an I without a B starts an entity, a B without an L ends one).
pub(crate) fn decode(labels: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8)> = None;
    for (i, &y) in labels.iter().enumerate() {
        let (kind, part) = (kind_of(y), part_of(y));
        if let Some((s, k)) = open {
            if kind != Some(k) || matches!(part, Some(B | U)) {
                out.push((s, i, k));
                open = None;
            }
        }
        match (kind, part) {
            (Some(k), Some(U)) => out.push((i, i + 1, k)),
            (Some(k), Some(L)) => {
                let s = open.map_or(i, |(s, _)| s);
                out.push((s, i + 1, k));
                open = None;
            }
            (Some(k), Some(_)) if open.is_none() => open = Some((i, k)),
            _ => {}
        }
    }
    if let Some((s, k)) = open {
        out.push((s, labels.len(), k));
    }
    out
}

/// Labels that may follow O, L-* or U-*, and only those: O, B-*, U-*. Also the labels a
/// sentence may start with.
const OPEN: [usize; 1 + 2 * KINDS] = [0, 1, 4, 5, 8, 9, 12, 13, 16];
/// O, L-*, U-*: the labels after which no entity is open, in increasing order. Also the labels a
/// sentence may end with.
const CLOSED: [usize; 1 + 2 * KINDS] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
const NEG: i64 = i64::MIN / 4;

/// Transition scores arranged for [`viterbi`]: only the moves BILOU allows. O, B-* and U-* may
/// follow exactly O, L-* and U-*, and I-k and L-k exactly B-k and I-k, so a step looks at 97 of
/// the 289 pairs.
pub(crate) struct Transitions {
    /// `to_open[t][c]`: `CLOSED[c]` followed by `OPEN[t]`.
    to_open: [[i64; CLOSED.len()]; OPEN.len()],
    /// `inside[k][t][s]`: B-k (`s` 0) or I-k (1) followed by I-k (`t` 0) or L-k (1).
    inside: [[[i64; 2]; 2]; KINDS],
    /// First and last in a sentence (`NEG` where BILOU forbids it).
    start: [i64; N],
    end: [i64; N],
    /// The same in 32-bit lanes for [`viterbi_i32`], when every score is within [`SMALL`].
    small: Option<Small>,
}

/// Largest transition, start or end score [`viterbi_i32`] takes (trained models stay within a
/// few hundred).
const SMALL: i64 = 1 << 20;
/// Score taken from a forbidden label's emission: far beyond any sum of weights, far inside
/// `i32`.
pub(crate) const FORBIDDEN: i32 = 1 << 24;
/// "Impossible" in [`viterbi_i32`]: far below any reachable score, far above `i32::MIN`.
const NEG32: i32 = -(1 << 30);
/// Lanes for the nine labels that follow a closed one (a multiple of 4, for SIMD).
const OPEN_LANES: usize = 12;

/// Transition scores in 32-bit lanes, laid out so each step is a few vector operations.
struct Small {
    /// `to_open[c][t]`: `CLOSED[c]` followed by `OPEN[t]` (`NEG32` in the spare lanes).
    to_open: [[i32; OPEN_LANES]; CLOSED.len()],
    /// Lanes I-0, L-0, I-1, L-1, …: from B-k and from I-k.
    from_b: [i32; 2 * KINDS],
    from_i: [i32; 2 * KINDS],
    start: [i32; N],
    end: [i32; N],
}

impl Transitions {
    /// From `trans[p * N + y]` (`p` followed by `y`) and the start and end scores of each label.
    pub(crate) fn new(trans: &[i32], start: &[i32], end: &[i32]) -> Transitions {
        let t = |p: usize, y: usize| trans[p * N + y] as i64;
        let mut to_open = [[0; CLOSED.len()]; OPEN.len()];
        for (row, &y) in to_open.iter_mut().zip(&OPEN) {
            for (v, &p) in row.iter_mut().zip(&CLOSED) {
                *v = t(p, y);
            }
        }
        let mut inside = [[[0; 2]; 2]; KINDS];
        for (k, by_target) in inside.iter_mut().enumerate() {
            let (b, i) = (1 + 4 * k, 2 + 4 * k);
            for (row, y) in by_target.iter_mut().zip([i, i + 1]) {
                *row = [t(b, y), t(i, y)];
            }
        }
        let mut first = [NEG; N];
        for y in OPEN {
            first[y] = start[y] as i64;
        }
        let mut last = [NEG; N];
        for y in CLOSED {
            last[y] = end[y] as i64;
        }
        let fits = trans
            .iter()
            .chain(start)
            .chain(end)
            .all(|&v| (v as i64).abs() <= SMALL);
        let small = fits.then(|| {
            let mut small = Small {
                to_open: [[NEG32; OPEN_LANES]; CLOSED.len()],
                from_b: [0; 2 * KINDS],
                from_i: [0; 2 * KINDS],
                start: first.map(|v| v.max(NEG32 as i64) as i32),
                end: last.map(|v| v.max(NEG32 as i64) as i32),
            };
            for (c, row) in small.to_open.iter_mut().enumerate() {
                for (t, v) in row.iter_mut().take(OPEN.len()).enumerate() {
                    *v = to_open[t][c] as i32;
                }
            }
            for (k, by_target) in inside.iter().enumerate() {
                for (part, &[tb, ti]) in by_target.iter().enumerate() {
                    small.from_b[2 * k + part] = tb as i32;
                    small.from_i[2 * k + part] = ti as i32;
                }
            }
            small
        });
        Transitions {
            to_open,
            inside,
            start: first,
            end: last,
            small,
        }
    }
}

/// Viterbi decoding of one sentence under the BILOU constraints. `em` holds `n * N` emission
/// scores. Writes the best labels to `out`; `back` is scratch space. Ties go to the lower
/// previous label.
pub(crate) fn viterbi(em: &[i32], tr: &Transitions, back: &mut Vec<u8>, out: &mut Vec<u8>) {
    let n = em.len() / N;
    out.clear();
    if n == 0 {
        return;
    }
    let mut delta = [NEG; N];
    for y in OPEN {
        delta[y] = em[y] as i64 + tr.start[y];
    }
    back.clear();
    back.resize(n * N, 0);
    for (e, b) in em.chunks_exact(N).zip(back.chunks_exact_mut(N)).skip(1) {
        let mut next = [NEG; N];
        let closed = CLOSED.map(|p| delta[p]);
        for (row, &y) in tr.to_open.iter().zip(&OPEN) {
            let (mut best, mut arg) = (NEG, 0);
            for (c, (&d, &t)) in closed.iter().zip(row).enumerate() {
                if d + t > best {
                    best = d + t;
                    arg = c;
                }
            }
            next[y] = best + e[y] as i64;
            b[y] = CLOSED[arg] as u8;
        }
        for (k, by_target) in tr.inside.iter().enumerate() {
            let (bk, ik) = (1 + 4 * k, 2 + 4 * k);
            for (&[tb, ti], y) in by_target.iter().zip([ik, ik + 1]) {
                let (from_b, from_i) = (delta[bk] + tb, delta[ik] + ti);
                let (best, arg) = if from_i > from_b.max(NEG) {
                    (from_i, ik)
                } else if from_b > NEG {
                    (from_b, bk)
                } else {
                    (NEG, 0)
                };
                next[y] = best + e[y] as i64;
                b[y] = arg as u8;
            }
        }
        delta = next;
    }
    let (mut best, mut arg) = (NEG, 0);
    for y in CLOSED {
        if delta[y] + tr.end[y] > best {
            best = delta[y] + tr.end[y];
            arg = y;
        }
    }
    trace_back(back, arg, n, out);
}

/// Follows the back pointers from `last`, the best final label, writing `n` labels to `out`.
fn trace_back(back: &[u8], last: usize, n: usize, out: &mut Vec<u8>) {
    out.resize(n, 0);
    out[n - 1] = last as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i * N + out[i] as usize];
    }
}

/// [`viterbi`] for tagging: the same labels, computed in 32-bit lanes that vectorize (a fifth
/// of the work per token). Falls back to [`viterbi`] for transitions past [`SMALL`].
///
/// Exactness: `em` comes from [`crate::tag`]'s sums of at most 200 8-bit weights per pass, less
/// at most one forbidding penalty of 2^24, so `|em| < 2^25`. Each step subtracts the O score
/// from all (the same shift for every path, so comparisons keep their outcome); every label is
/// reachable within three steps from O's, so reachable scores stay within about 2^27 of it, far
/// inside `i32` and far above `NEG32`, and unreachable ones never win. Ties go to the lower
/// label, as in [`viterbi`]; a test compares the two.
///
/// Tokens `k` with `only_o[k]` (the tagger's words surely outside a name) take O: the same
/// labels as [`viterbi`] with every other label's emission lowered by [`FORBIDDEN`], in a step
/// that follows only O (more than a third of news tokens).
pub(crate) fn viterbi_i32(
    em: &[i32],
    only_o: &[bool],
    tr: &Transitions,
    back: &mut Vec<u8>,
    out: &mut Vec<u8>,
) {
    let Some(sm) = &tr.small else {
        let mut em = em.to_vec();
        for (e, _) in em.chunks_exact_mut(N).zip(only_o).filter(|(_, &o)| o) {
            for v in &mut e[1..] {
                *v = v.saturating_sub(FORBIDDEN);
            }
        }
        return viterbi(&em, tr, back, out);
    };
    let n = em.len() / N;
    out.clear();
    if n == 0 {
        return;
    }
    let only_o = |k: usize| only_o.get(k).copied().unwrap_or(false);
    let mut delta = [NEG32; N];
    if only_o(0) {
        delta[0] = em[0].saturating_add(sm.start[0]);
    } else {
        for y in OPEN {
            delta[y] = em[y].saturating_add(sm.start[y]);
        }
    }
    back.clear();
    back.resize(n * N, 0);
    let steps = em.chunks_exact(N).zip(back.chunks_exact_mut(N));
    for (k, (e, b)) in steps.enumerate().skip(1) {
        let base = delta[0];
        let shifted = delta.map(|d| d.saturating_sub(base).max(NEG32));
        if only_o(k) {
            // O follows O, L-* or U-*: the first lane of each `to_open` row. The other labels
            // stay impossible; as in the full step, ties go to the lower label.
            let (mut best, mut arg) = (shifted[CLOSED[0]] + sm.to_open[0][0], 0);
            for (c, row) in sm.to_open.iter().enumerate().skip(1) {
                let v = shifted[CLOSED[c]] + row[0];
                if v > best {
                    (best, arg) = (v, c);
                }
            }
            delta = [NEG32; N];
            delta[0] = best + e[0];
            b[0] = CLOSED[arg] as u8;
            continue;
        }
        let closed = CLOSED.map(|p| shifted[p]);
        let mut best = [0i32; OPEN_LANES];
        let mut arg = [0i32; OPEN_LANES];
        for (t, v) in best.iter_mut().enumerate() {
            *v = closed[0] + sm.to_open[0][t];
        }
        for (c, row) in sm.to_open.iter().enumerate().skip(1) {
            for t in 0..OPEN_LANES {
                let v = closed[c] + row[t];
                let better = v > best[t];
                best[t] = if better { v } else { best[t] };
                arg[t] = if better { c as i32 } else { arg[t] };
            }
        }
        let mut from_b = [0i32; 2 * KINDS];
        let mut from_i = [0i32; 2 * KINDS];
        for lane in 0..2 * KINDS {
            let k = lane / 2;
            let (bk, ik) = (1 + 4 * k, 2 + 4 * k);
            from_b[lane] = shifted[bk] + sm.from_b[lane];
            from_i[lane] = shifted[ik] + sm.from_i[lane];
        }
        let mut next = [NEG32; N];
        for (t, &y) in OPEN.iter().enumerate() {
            next[y] = best[t] + e[y];
            b[y] = CLOSED[arg[t] as usize] as u8;
        }
        for lane in 0..2 * KINDS {
            let k = lane / 2;
            let y = 2 + 4 * k + lane % 2;
            let take_i = from_i[lane] > from_b[lane];
            next[y] = if take_i { from_i[lane] } else { from_b[lane] } + e[y];
            b[y] = if take_i { 2 + 4 * k } else { 1 + 4 * k } as u8;
        }
        delta = next;
    }
    let (mut best, mut arg) = (i64::MIN, 0);
    for y in CLOSED {
        let v = delta[y] as i64 + sm.end[y] as i64;
        if v > best {
            best = v;
            arg = y;
        }
    }
    trace_back(back, arg, n, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_then_decode_round_trips() {
        let spans = vec![(0, 2, 0), (3, 4, 1), (5, 8, 2)];
        let labels = encode(9, &spans);
        assert_eq!(decode(&labels), spans);
        for w in labels.windows(2) {
            assert!(allowed(w[0], w[1]));
        }
    }

    #[test]
    fn decode_tolerates_broken_sequences() {
        // I-PER without B, then B-LOC without L.
        let labels = [label(0, I), label(0, L), 0, label(1, B)];
        assert_eq!(decode(&labels), vec![(0, 2, 0), (3, 4, 1)]);
    }

    /// Viterbi over all 289 pairs, skipping forbidden ones: what the unrolled decoder must equal.
    fn viterbi_every_pair(em: &[i32], trans: &[i32], start: &[i32], end: &[i32]) -> Vec<u8> {
        let n = em.len() / N;
        const NEG: i64 = i64::MIN / 4;
        let mut delta: Vec<i64> = (0..N)
            .map(|y| {
                if can_start(y as u8) {
                    em[y] as i64 + start[y] as i64
                } else {
                    NEG
                }
            })
            .collect();
        let mut back = vec![0u8; n * N];
        for i in 1..n {
            let mut next = vec![NEG; N];
            for y in 0..N {
                let (mut best, mut arg) = (NEG, 0u8);
                for p in 0..N {
                    if !allowed(p as u8, y as u8) {
                        continue;
                    }
                    let s = delta[p] + trans[p * N + y] as i64;
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
                next[y] = best + em[i * N + y] as i64;
                back[i * N + y] = arg;
            }
            delta = next;
        }
        let (mut best, mut arg) = (NEG, 0u8);
        for y in 0..N {
            if can_end(y as u8) && delta[y] + end[y] as i64 > best {
                best = delta[y] + end[y] as i64;
                arg = y as u8;
            }
        }
        let mut out = vec![arg; n];
        for i in (1..n).rev() {
            out[i - 1] = back[i * N + out[i] as usize];
        }
        out
    }

    #[test]
    fn open_and_closed_labels_follow_bilou() {
        let all = |f: fn(u8) -> bool| (0..N).filter(|&y| f(y as u8)).collect::<Vec<_>>();
        assert_eq!(OPEN.to_vec(), all(can_start));
        assert_eq!(CLOSED.to_vec(), all(can_end));
        for y in 0..N as u8 {
            let prev: Vec<usize> = (0..N).filter(|&p| allowed(p as u8, y)).collect();
            if OPEN.contains(&(y as usize)) {
                assert_eq!(prev, CLOSED.to_vec());
            } else {
                let b = (y as usize - 1) / 4 * 4 + 1;
                assert_eq!(prev, vec![b, b + 1]);
            }
        }
    }

    /// A xorshift generator of integers in `-range..=range`.
    fn uniform(seed: u64) -> impl FnMut(i64) -> i64 {
        let mut x = seed;
        move |range| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % (2 * range as u64 + 1)) as i64 - range
        }
    }

    #[test]
    fn unrolled_viterbi_equals_trying_every_pair() {
        let mut uniform = uniform(0x2545_f491_4f6c_dd1d);
        let mut next = |range: i32| uniform(range as i64) as i32;
        let (mut out, mut back) = (Vec::new(), Vec::new());
        for case in 0..400 {
            // Small ranges make ties common, so tie-breaking is checked too; some emissions
            // are forbidden-sized.
            let range = if case % 2 == 0 { 3 } else { 1000 };
            let n = 1 + case % 23;
            let em: Vec<i32> = (0..n * N)
                .map(|_| {
                    if next(20) == 0 {
                        -(1 << 24)
                    } else {
                        next(range)
                    }
                })
                .collect();
            let trans: Vec<i32> = (0..N * N).map(|_| next(range)).collect();
            let start: Vec<i32> = (0..N).map(|_| next(range)).collect();
            let end: Vec<i32> = (0..N).map(|_| next(range)).collect();
            let tr = Transitions::new(&trans, &start, &end);
            viterbi(&em, &tr, &mut back, &mut out);
            let every_pair = viterbi_every_pair(&em, &trans, &start, &end);
            assert_eq!(out, every_pair, "case {case}");
            viterbi_i32(&em, &[], &tr, &mut back, &mut out);
            assert_eq!(out, every_pair, "case {case}, 32-bit lanes");
        }
    }

    /// Long sentences with the largest emissions tagging can produce: the 32-bit decoder's
    /// shifted scores neither overflow nor part from the exact ones.
    #[test]
    fn viterbi_in_32_bit_lanes_equals_exact_on_long_sentences() {
        let mut next = uniform(0x9e37_79b9_7f4a_7c15);
        let (mut exact, mut fast, mut back) = (Vec::new(), Vec::new(), Vec::new());
        for case in 0..12 {
            let n = 500 + 700 * case;
            let range = [3, 200, 2 * 200 * 127][case % 3];
            let em: Vec<i32> = (0..n * N)
                .map(|k| {
                    let v = next(range) as i32;
                    // Forbidden PER labels on a run of tokens, as the tagger's mask does.
                    if (1..=4).contains(&(k % N)) && (k / N) % 7 < 3 {
                        v - (1 << 24)
                    } else {
                        v
                    }
                })
                .collect();
            let trans: Vec<i32> = (0..N * N).map(|_| next(1 << 20) as i32).collect();
            let start: Vec<i32> = (0..N).map(|_| next(300) as i32).collect();
            let end: Vec<i32> = (0..N).map(|_| next(300) as i32).collect();
            let tr = Transitions::new(&trans, &start, &end);
            assert!(tr.small.is_some());
            viterbi(&em, &tr, &mut back, &mut exact);
            viterbi_i32(&em, &[], &tr, &mut back, &mut fast);
            assert_eq!(fast, exact, "case {case}");
        }
        // Transitions past the 32-bit bound fall back to the exact decoder.
        let big = vec![1 << 28; N * N];
        let tr = Transitions::new(&big, &[0; N], &[0; N]);
        assert!(tr.small.is_none());
        let em = vec![5; 40 * N];
        viterbi(&em, &tr, &mut back, &mut exact);
        viterbi_i32(&em, &[], &tr, &mut back, &mut fast);
        assert_eq!(fast, exact);
    }

    /// Tokens that must be O decode as if their other labels were forbidden, wherever they
    /// stand: first, last, in runs, or between names.
    #[test]
    fn tokens_that_must_be_o_decode_as_forbidding_the_other_labels() {
        let mut next = uniform(0x5851_f42d_4c95_7f2d);
        let (mut exact, mut fast, mut back) = (Vec::new(), Vec::new(), Vec::new());
        for case in 0..600 {
            let range = [2, 50, 3000][case % 3];
            let n = 1 + case % 31;
            let only_o: Vec<bool> = (0..n).map(|_| next(2) > 0).collect();
            let mut em: Vec<i32> = (0..n * N).map(|_| next(range) as i32).collect();
            let trans: Vec<i32> = (0..N * N).map(|_| next(range) as i32).collect();
            let start: Vec<i32> = (0..N).map(|_| next(range) as i32).collect();
            let end: Vec<i32> = (0..N).map(|_| next(range) as i32).collect();
            let tr = Transitions::new(&trans, &start, &end);
            viterbi_i32(&em, &only_o, &tr, &mut back, &mut fast);
            for (e, _) in em.chunks_exact_mut(N).zip(&only_o).filter(|(_, &o)| o) {
                for v in &mut e[1..] {
                    *v -= FORBIDDEN;
                }
            }
            viterbi(&em, &tr, &mut back, &mut exact);
            assert_eq!(fast, exact, "case {case}");
            for (k, &o) in only_o.iter().enumerate() {
                assert!(!o || fast[k] == 0, "case {case}: token {k} is not O");
            }
        }
    }

    #[test]
    fn viterbi_respects_constraints() {
        let trans = vec![0; N * N];
        let zero = vec![0; N];
        // Emissions prefer I-PER everywhere, which no sentence may start with.
        let mut em = vec![0; 3 * N];
        for i in 0..3 {
            em[i * N + label(0, I) as usize] = 10;
        }
        let mut out = Vec::new();
        viterbi(
            &em,
            &Transitions::new(&trans, &zero, &zero),
            &mut Vec::new(),
            &mut out,
        );
        assert!(can_start(out[0]) && can_end(out[2]));
        assert_eq!(decode(&out), vec![(0, 3, 0)]);
    }
}
