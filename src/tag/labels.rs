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

/// Whether `next` may follow `prev`.
pub(crate) fn allowed(prev: u8, next: u8) -> bool {
    match (part_of(prev), part_of(next)) {
        (None | Some(L | U), None | Some(B | U)) => true,
        (Some(B | I), Some(I | L)) => kind_of(prev) == kind_of(next),
        _ => false,
    }
}

/// Whether a sentence may start with `y`.
pub(crate) fn can_start(y: u8) -> bool {
    matches!(part_of(y), None | Some(B | U))
}

/// Whether a sentence may end with `y`.
pub(crate) fn can_end(y: u8) -> bool {
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

/// Transition table with forbidden moves: the allowed predecessors of each label.
pub(crate) struct Constraints {
    prev: Vec<Vec<u8>>,
}

impl Constraints {
    pub(crate) fn new() -> Constraints {
        let prev = (0..N as u8)
            .map(|y| (0..N as u8).filter(|&p| allowed(p, y)).collect())
            .collect();
        Constraints { prev }
    }
}

/// Viterbi decoding of one sentence under the BILOU constraints. `em` holds `n * N` emission
/// scores; `trans[p * N + y]` scores `p` followed by `y`. Writes the best labels to `out`.
pub(crate) fn viterbi(
    em: &[i32],
    trans: &[i32],
    start: &[i32],
    end: &[i32],
    cons: &Constraints,
    out: &mut Vec<u8>,
) {
    let n = em.len() / N;
    out.clear();
    if n == 0 {
        return;
    }
    const NEG: i64 = i64::MIN / 4;
    let mut delta = [NEG; N];
    for y in 0..N {
        if can_start(y as u8) {
            delta[y] = em[y] as i64 + start[y] as i64;
        }
    }
    let mut back = vec![0u8; n * N];
    for i in 1..n {
        let mut next = [NEG; N];
        for y in 0..N {
            let mut best = NEG;
            let mut arg = 0u8;
            for &p in &cons.prev[y] {
                let s = delta[p as usize] + trans[p as usize * N + y] as i64;
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            next[y] = best + em[i * N + y] as i64;
            back[i * N + y] = arg;
        }
        delta = next;
    }
    let mut best = NEG;
    let mut arg = 0u8;
    for y in 0..N {
        if can_end(y as u8) {
            let s = delta[y] + end[y] as i64;
            if s > best {
                best = s;
                arg = y as u8;
            }
        }
    }
    out.resize(n, 0);
    out[n - 1] = arg;
    for i in (1..n).rev() {
        out[i - 1] = back[i * N + out[i] as usize];
    }
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

    #[test]
    fn viterbi_respects_constraints() {
        let cons = Constraints::new();
        let trans = vec![0; N * N];
        let zero = vec![0; N];
        // Emissions prefer I-PER everywhere, which no sentence may start with.
        let mut em = vec![0; 3 * N];
        for i in 0..3 {
            em[i * N + label(0, I) as usize] = 10;
        }
        let mut out = Vec::new();
        viterbi(&em, &trans, &zero, &zero, &cons, &mut out);
        assert!(can_start(out[0]) && can_end(out[2]));
        assert_eq!(decode(&out), vec![(0, 3, 0)]);
    }
}
