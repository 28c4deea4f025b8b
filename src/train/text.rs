//! Unlabeled text for learning word clusters.
//!
//! Gathered from: the training and dev corpora's tokens, the WikiANN and WNUT-17 training and
//! dev files and the GUM news documents in `shared/corpora` (never the test files), the saved
//! news pages' article text in `shared/pages`, and WordNet's glosses when the Debian
//! `wordnet-base` package is installed (`/usr/share/wordnet`). Only the numeric cluster of each
//! frequent word type, keyed by a hash of the word, reaches the model.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::conll;
use crate::tag::features::norm_char;
use crate::tokenize::{sentences, tokenize};
use crate::{Error, Result};

/// Sentences of interned words.
#[derive(Default)]
pub(crate) struct Text {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    counts: Vec<u64>,
    sentences: Vec<Vec<u32>>,
    /// Tokens read, per source.
    pub sources: Vec<(String, usize)>,
}

/// The form in which words are counted: quotes straightened, digits folded to `0` (as
/// `features::cluster_key` does).
fn norm(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '0'
            } else {
                norm_char(c)
            }
        })
        .collect()
}

impl Text {
    fn add_sentence<'a>(&mut self, words: impl Iterator<Item = &'a str>) -> usize {
        let mut ids = Vec::new();
        for w in words {
            let w = norm(w);
            let id = match self.ids.get(&w) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.ids.insert(w.clone(), id);
                    self.words.push(w);
                    self.counts.push(0);
                    id
                }
            };
            self.counts[id as usize] += 1;
            ids.push(id);
        }
        let n = ids.len();
        if n > 0 {
            self.sentences.push(ids);
        }
        n
    }

    fn add_raw(&mut self, text: &str) -> usize {
        let tokens = tokenize(text);
        let mut n = 0;
        for s in sentences(text, &tokens) {
            n += self.add_sentence(tokens[s].iter().map(|t| t.text(text)));
        }
        n
    }

    fn add_conll(&mut self, path: &Path) -> Result<usize> {
        let mut n = 0;
        for doc in conll::read(path)? {
            for s in &doc.sentences {
                n += self.add_sentence(doc.tokens[s.clone()].iter().map(|t| t.text(&doc.text)));
            }
        }
        Ok(n)
    }

    fn note(&mut self, what: &str, n: usize) {
        if n > 0 {
            self.sources.push((what.to_string(), n));
        }
    }

    /// Words with at least `min_count` occurrences, most frequent first (ties by the word), at
    /// most `max`, and the sentences as ids into that list (`u32::MAX` for other words).
    pub(crate) fn vocabulary(&self, min_count: u64, max: usize) -> (Vec<String>, Vec<Vec<u32>>) {
        let mut order: Vec<u32> = (0..self.words.len() as u32)
            .filter(|&i| self.counts[i as usize] >= min_count)
            .collect();
        order.sort_by(|&a, &b| {
            self.counts[b as usize]
                .cmp(&self.counts[a as usize])
                .then_with(|| self.words[a as usize].cmp(&self.words[b as usize]))
        });
        order.truncate(max);
        let mut remap = vec![u32::MAX; self.words.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old as usize] = new as u32;
        }
        let words = order
            .iter()
            .map(|&i| self.words[i as usize].clone())
            .collect();
        let sentences = self
            .sentences
            .iter()
            .map(|s| s.iter().map(|&w| remap[w as usize]).collect())
            .collect();
        (words, sentences)
    }

    /// Total tokens.
    pub(crate) fn tokens(&self) -> u64 {
        self.counts.iter().sum()
    }
}

fn read_gz_or_plain(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .map_err(|e| Error::io(format!("decompressing {}", path.display()), e))?;
        Ok(s)
    } else {
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Text of an HTML page: scripts and styles dropped, tags become line breaks, common entities
/// are decoded.
fn html_text(html: &str) -> String {
    let mut stripped = String::with_capacity(html.len());
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while at < html.len() {
        let next = ["<script", "<style", "<noscript", "<!--"]
            .iter()
            .filter_map(|tag| lower[at..].find(tag).map(|i| (at + i, *tag)))
            .min();
        let Some((start, tag)) = next else {
            stripped.push_str(&html[at..]);
            break;
        };
        stripped.push_str(&html[at..start]);
        let close = if tag == "<!--" {
            "-->".to_string()
        } else {
            format!("</{}", &tag[1..])
        };
        at = match lower[start..].find(&close) {
            // Past the closing tag's `>`.
            Some(i) => lower[start + i..]
                .find('>')
                .map_or(html.len(), |j| start + i + j + 1),
            None => html.len(),
        };
        stripped.push('<');
        stripped.push('>');
    }
    let html = stripped.as_str();
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push('\n');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let mut s = out
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&lsquo;", "‘")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
        .replace("&mdash;", "—")
        .replace("&ndash;", "–")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    s = s.replace("&amp;", "&");
    // Paragraphs are split into lines by the tag breaks; join the lines inside one paragraph.
    s.split("\n\n")
        .map(|p| p.replace('\n', " "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn sorted_dir(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Gathers the text: `conll_files` (the training and dev files) plus what `shared` holds.
pub(crate) fn gather(conll_files: &[PathBuf], shared: &Path) -> Result<Text> {
    let mut text = Text::default();
    for p in conll_files {
        let n = text.add_conll(p)?;
        text.note(&p.display().to_string(), n);
    }
    let corpora = shared.join("corpora");
    for rel in [
        "wikiann-en/train.txt",
        "wikiann-en/dev.txt",
        "wnut17/wnut17train.conll",
        "wnut17/emerging.dev.conll",
    ] {
        let p = corpora.join(rel);
        if p.exists() {
            let n = text.add_conll(&p)?;
            text.note(rel, n);
        }
    }
    let mut n = 0;
    for p in sorted_dir(&corpora.join("gum-news")) {
        if p.extension().is_none_or(|e| e != "conllu") {
            continue;
        }
        let s = read_gz_or_plain(&p)?;
        let mut sent: Vec<String> = Vec::new();
        for line in s.lines().chain(std::iter::once("")) {
            if line.trim().is_empty() {
                n += text.add_sentence(sent.iter().map(String::as_str));
                sent.clear();
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#')
                || cols.len() < 2
                || !cols[0].chars().all(|c| c.is_ascii_digit())
            {
                continue;
            }
            sent.push(cols[1].to_string());
        }
    }
    text.note("gum-news", n);
    let pages = shared.join("pages");
    let mut n = 0;
    let mut files: Vec<PathBuf> = sorted_dir(&pages.join("article-extraction-benchmark"))
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    files.extend(
        sorted_dir(&pages.join("readability"))
            .into_iter()
            .map(|d| d.join("source.html"))
            .filter(|p| p.exists()),
    );
    for p in files {
        n += text.add_raw(&html_text(&read_gz_or_plain(&p)?));
    }
    text.note("saved pages", n);
    let mut n = 0;
    for region in sorted_dir(&shared.join("data/factbook")) {
        for p in sorted_dir(&region) {
            if p.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&read_gz_or_plain(&p)?) else {
                continue;
            };
            let mut stack = vec![&v];
            while let Some(v) = stack.pop() {
                match v {
                    serde_json::Value::Object(o) => stack.extend(o.values().rev()),
                    serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
                    serde_json::Value::String(s) if s.len() > 40 => n += text.add_raw(s),
                    _ => {}
                }
            }
        }
    }
    text.note("factbook", n);
    let wordnet = Path::new("/usr/share/wordnet");
    let mut n = 0;
    for pos in ["noun", "verb", "adj", "adv"] {
        let p = wordnet.join(format!("data.{pos}"));
        let Ok(s) = std::fs::read_to_string(&p) else {
            continue;
        };
        for line in s.lines() {
            if line.starts_with("  ") {
                continue; // license header
            }
            if let Some((_, gloss)) = line.split_once(" | ") {
                // "definition; example \"quoted example\"": split into clauses.
                for part in gloss.split(';') {
                    n += text.add_raw(part.trim().trim_matches('"'));
                }
            }
        }
    }
    text.note("wordnet glosses", n);
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_drops_tags_and_decodes_entities() {
        let t = html_text(
            "<p>Tom &amp; Jerry<b>met</b></p>\n<script>var x = '<p>no</p>';</script><p>Paris</p>",
        );
        let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["Tom & Jerry met", "Paris"]);
    }

    #[test]
    fn vocabulary_orders_by_frequency() {
        let mut t = Text::default();
        t.add_sentence(["b", "a", "a", "c", "1996"].into_iter());
        t.add_sentence(["b", "a", "2001"].into_iter());
        let (words, sents) = t.vocabulary(2, 10);
        assert_eq!(words, vec!["a", "0000", "b"]);
        assert_eq!(sents[0], vec![2, 0, 0, u32::MAX, 1]);
    }
}
