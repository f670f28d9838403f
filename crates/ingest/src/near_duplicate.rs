//! Near-duplicate detection: MinHash signatures over word bigrams, with LSH banding to find candidates, so that a
//! syndicated copy or a reworded ("spun") copy of an article is linked to the first copy seen instead of being coded
//! again.
//!
//! Why bigrams: a spinner swaps one word in five or ten for a synonym. Each swap breaks the two bigrams it sits in,
//! so 20 % swapped words keep about 64 % of the bigrams (Jaccard ≈ 0.47) — clearly above two different articles
//! (below 0.05) — where 4-word shingles would keep only 41 % (Jaccard ≈ 0.26) and blur the line.
//! Everything is deterministic: fixed hash constants, and among several matches the earliest document wins.

use std::collections::HashMap;

/// MinHash functions per signature.
pub const HASHES: usize = 96;
/// LSH bands of `ROWS` hashes each (32 × 3 = 96): documents with Jaccard 0.47 share a band with probability 0.97,
/// documents with Jaccard 0.05 with probability 0.004.
const BANDS: usize = 32;
const ROWS: usize = HASHES / BANDS;
/// Estimated Jaccard similarity of word bigrams from which a document counts as a copy.
pub const DEFAULT_THRESHOLD: f64 = 0.3;
/// Fewer bigrams than this and a text is too short to judge (a headline alone).
const MIN_SHINGLES: usize = 12;

/// A MinHash signature of a text's word bigrams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

impl Signature {
    /// Length of [`Signature::to_bytes`].
    pub const BYTES: usize = HASHES * 4;

    /// The signature of `text`, or `None` when the text is too short to judge.
    pub fn of(text: &str) -> Option<Signature> {
        let mut words = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(word_hash);
        let mut previous = words.next()?;
        let mut mins = [u32::MAX; HASHES];
        let mut shingles = 0;
        for word in words {
            let shingle = mix(previous.rotate_left(21) ^ word);
            previous = word;
            shingles += 1;
            for (i, m) in mins.iter_mut().enumerate() {
                // a universal hash family: odd multiplier and offset per function, top 32 bits kept
                let h = (shingle.wrapping_mul(MULTIPLIERS[i]).wrapping_add(OFFSETS[i]) >> 32) as u32;
                if h < *m {
                    *m = h;
                }
            }
        }
        (shingles >= MIN_SHINGLES).then_some(Signature(mins))
    }

    /// The estimated Jaccard similarity of the two texts' bigram sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        self.0.iter().zip(other.0.iter()).filter(|(a, b)| a == b).count() as f64 / HASHES as f64
    }

    /// Little-endian bytes, for the resume log.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|h| h.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        let mut out = [0u32; HASHES];
        for (i, chunk) in bytes.chunks_exact(4).enumerate() {
            out[i] = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Signature(out))
    }

    fn band_key(&self, band: usize) -> u64 {
        let rows = &self.0[band * ROWS..(band + 1) * ROWS];
        rows.iter().fold(band as u64, |acc, &h| mix(acc.rotate_left(17) ^ u64::from(h)))
    }
}

/// The documents seen so far, searchable by signature.
#[derive(Debug)]
pub struct NearDuplicateIndex {
    threshold: f64,
    ids: Vec<String>,
    signatures: Vec<Signature>,
    bands: Vec<HashMap<u64, Vec<u32>>>,
}

impl Default for NearDuplicateIndex {
    fn default() -> Self {
        NearDuplicateIndex::new(DEFAULT_THRESHOLD)
    }
}

impl NearDuplicateIndex {
    pub fn new(threshold: f64) -> Self {
        NearDuplicateIndex { threshold, ids: Vec::new(), signatures: Vec::new(), bands: vec![HashMap::new(); BANDS] }
    }

    /// The id of the earliest indexed document that `signature` is a near-duplicate of.
    pub fn find(&self, signature: &Signature) -> Option<&str> {
        let mut best: Option<u32> = None;
        for band in 0..BANDS {
            if let Some(candidates) = self.bands[band].get(&signature.band_key(band)) {
                for &c in candidates {
                    if best.is_some_and(|b| b <= c) {
                        continue;
                    }
                    if self.signatures[c as usize].similarity(signature) >= self.threshold {
                        best = Some(c);
                    }
                }
            }
        }
        best.map(|b| self.ids[b as usize].as_str())
    }

    /// Adds a document that is not a copy of an earlier one.
    pub fn insert(&mut self, id: &str, signature: Signature) {
        let n = self.ids.len() as u32;
        for band in 0..BANDS {
            self.bands[band].entry(signature.band_key(band)).or_default().push(n);
        }
        self.ids.push(id.to_string());
        self.signatures.push(signature);
    }

    /// Links a document to the earliest copy seen, or indexes it as a first copy: `Some(first id)` for a copy.
    pub fn check_and_insert(&mut self, id: &str, signature: Signature) -> Option<String> {
        if let Some(first) = self.find(&signature) {
            return Some(first.to_string());
        }
        self.insert(id, signature);
        None
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// FNV-1a over the lower-cased word, so "Coalition" and "coalition" are one word.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in word.chars() {
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    h
}

/// splitmix64's finaliser.
const fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const fn constants(seed: u64, odd: bool) -> [u64; HASHES] {
    let mut out = [0u64; HASHES];
    let mut i = 0;
    while i < HASHES {
        let v = mix(seed.wrapping_add((i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)));
        out[i] = if odd { v | 1 } else { v };
        i += 1;
    }
    out
}

const MULTIPLIERS: [u64; HASHES] = constants(0x5171_2e9a_11ce_d00d, true);
const OFFSETS: [u64; HASHES] = constants(0x0ff5_e7ba_5e5e_ed00, false);

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "The international coalition said on Tuesday that its aircraft had struck positions held by \
        the militants near the northern city, killing at least twelve fighters and destroying two vehicles. Local \
        officials reported that civilians had fled the area overnight as the bombardment intensified, and aid \
        groups warned of a growing humanitarian crisis in the region where thousands are already displaced.";

    #[test]
    fn identical_texts_have_identical_signatures() {
        let a = Signature::of(ARTICLE).unwrap();
        assert_eq!(a.similarity(&Signature::of(ARTICLE).unwrap()), 1.0);
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a));
    }

    #[test]
    fn a_spun_copy_is_linked_to_the_first_and_an_unrelated_text_is_not() {
        let spun = ARTICLE
            .replace("international", "worldwide")
            .replace("struck", "hit")
            .replace("killing", "slaying")
            .replace("fled", "escaped")
            .replace("warned", "cautioned")
            .replace("growing", "mounting")
            .replace("thousands", "many");
        let other = "Parliament approved the budget after a long debate on Thursday, with members of the ruling party \
            voting in favour and the opposition walking out in protest over spending cuts to schools and hospitals \
            that the finance minister defended as necessary to reduce the deficit before next year's elections.";
        let mut index = NearDuplicateIndex::default();
        assert_eq!(index.check_and_insert("first", Signature::of(ARTICLE).unwrap()), None);
        assert_eq!(index.check_and_insert("other", Signature::of(other).unwrap()), None);
        assert_eq!(index.check_and_insert("spun", Signature::of(&spun).unwrap()).as_deref(), Some("first"));
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn short_texts_are_not_judged() {
        assert!(Signature::of("Rebels seize town").is_none());
    }
}
