//! [`TextIndex`]: how alike two reports' words are, weighted by how rare each word is among the articles seen.
//!
//! Names and places miss much of what makes two reports of one shooting alike: "cops and robbers", "Motel 6",
//! "a birthday party", "drive-by". A TF-IDF cosine over the articles' lead words catches those. Document
//! frequencies grow with every article added, and weights are computed at comparison time from the counts kept, so
//! the score of a pair does not depend on which of the two came first, and a store's documents re-added on resume
//! give the same state as a single run over them.

use std::collections::HashMap;

use crate::names::LEAD_CHARS;

/// Function words: frequent everywhere, so their IDF is near zero anyway; dropping them keeps vectors short.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "was", "were", "are", "has", "have", "had", "been", "from", "but",
    "not", "his", "her", "hers", "him", "she", "they", "them", "their", "its", "who", "whom", "which", "what",
    "when", "where", "will", "would", "could", "should", "can", "did", "does", "about", "after", "before", "into",
    "over", "than", "then", "there", "these", "those", "our", "out", "said", "says", "also", "just", "all", "any",
    "some", "one", "two", "you", "your", "more", "most", "other", "such", "only", "very", "being", "because", "while",
    "how", "why", "may", "might", "upon", "off", "per", "via",
];

/// A document's words: (term id, 1 + ln count), sorted by term id.
pub(crate) type TermVector = Vec<(u32, f32)>;

/// Term ids, document frequencies and each added document's term counts.
#[derive(Debug, Default, Clone)]
pub(crate) struct TextIndex {
    ids: HashMap<String, u32>,
    /// Documents containing each term, by term id.
    df: Vec<u32>,
    documents: u32,
    vectors: HashMap<String, TermVector>,
}

impl TextIndex {
    /// Counts a document's lead words towards the document frequencies, and keeps its vector when
    /// `keep` (an article with events to match; one without only informs the weights). A document already added
    /// changes nothing.
    pub(crate) fn add(&mut self, doc_id: &str, text: &str, keep: bool) {
        if self.vectors.contains_key(doc_id) {
            return;
        }
        let mut counts: HashMap<u32, u32> = HashMap::new();
        let lead: String = text.chars().take(LEAD_CHARS).collect();
        for word in lead.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
            let word = word.trim_matches(|c: char| c == '\'' || c == '’');
            if word.chars().count() < 3 || word.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let lower = word.to_lowercase();
            let lower = lower.strip_suffix("'s").or_else(|| lower.strip_suffix("’s")).unwrap_or(&lower);
            if STOPWORDS.contains(&lower) {
                continue;
            }
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(lower.to_string()).or_insert(next);
            *counts.entry(id).or_insert(0) += 1;
        }
        self.df.resize(self.ids.len(), 0);
        for &id in counts.keys() {
            self.df[id as usize] += 1;
        }
        self.documents += 1;
        if !keep {
            // remembered without words, so the same article read again (a rerun over a resumed fuser) is not
            // counted twice in the document frequencies
            self.vectors.insert(doc_id.to_string(), Vec::new());
            return;
        }
        let mut vector: TermVector = counts.into_iter().map(|(id, n)| (id, 1.0 + (n as f32).ln())).collect();
        vector.sort_unstable_by_key(|&(id, _)| id);
        self.vectors.insert(doc_id.to_string(), vector);
    }

    /// The cosine of two added documents' TF-IDF vectors, 0 when either is unknown or empty.
    pub(crate) fn similarity(&self, a: &str, b: &str) -> f64 {
        let (Some(x), Some(y)) = (self.vectors.get(a), self.vectors.get(b)) else { return 0.0 };
        let idf = |id: u32| -> f64 {
            let df = f64::from(self.df[id as usize]);
            (f64::from(self.documents + 1) / (df + 0.5)).ln().max(0.0)
        };
        let norm = |v: &TermVector| v.iter().map(|&(id, w)| (f64::from(w) * idf(id)).powi(2)).sum::<f64>().sqrt();
        let (nx, ny) = (norm(x), norm(y));
        if nx == 0.0 || ny == 0.0 {
            return 0.0;
        }
        // merge of two sorted lists
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let w = idf(x[i].0);
                    dot += f64::from(x[i].1) * f64::from(y[j].1) * w * w;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot / (nx * ny)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(docs: &[(&str, &str)]) -> TextIndex {
        let mut t = TextIndex::default();
        for (id, text) in docs {
            t.add(id, text, true);
        }
        t
    }

    #[test]
    fn reports_sharing_rare_words_are_closer_than_reports_sharing_common_ones() {
        let t = index(&[
            ("a", "An 8-year-old shot an 11-year-old friend while playing cops and robbers with a shotgun."),
            ("b", "Deputies say a boy shot his friend during a game of cops and robbers in the county."),
            ("c", "A man was shot in the county on Saturday night, deputies say."),
            ("d", "A woman was shot on Sunday, deputies say."),
        ]);
        assert!(t.similarity("a", "b") > t.similarity("b", "c"), "{} vs {}", t.similarity("a", "b"), t.similarity("b", "c"));
        assert!(t.similarity("a", "b") > t.similarity("a", "d"));
    }

    #[test]
    fn an_article_added_twice_counts_once() {
        let mut t = index(&[("a", "gunfire at a backyard party"), ("b", "gunfire at a motel")]);
        let before = t.similarity("a", "b");
        t.add("c", "gunfire downtown", false);
        let with_c = t.similarity("a", "b");
        t.add("c", "gunfire downtown", false);
        t.add("a", "gunfire at a backyard party", true);
        assert_eq!(t.similarity("a", "b"), with_c);
        assert_ne!(before, with_c, "a third article changes the weights");
    }

    #[test]
    fn similarity_is_symmetric_and_one_for_the_same_words() {
        let t = index(&[("a", "Lakim Faust opened fire in the Greenville Walmart"), ("b", "Greenville Walmart: Lakim Faust opened fire"), ("c", "other words entirely")]);
        assert!((t.similarity("a", "b") - t.similarity("b", "a")).abs() < 1e-12);
        assert!((t.similarity("a", "b") - 1.0).abs() < 1e-9);
        assert_eq!(t.similarity("a", "missing"), 0.0);
    }
}
