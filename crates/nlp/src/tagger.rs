//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over joint UPOS+XPOS classes, with the
//! features of the classic perceptron tagger (word, prefixes and suffixes, shape, neighbouring words, the two
//! previous predicted tags) plus each word's ambiguity class (the set of tags it had in training) for the word and
//! its neighbours, which gives a look at the right context. Frequent unambiguous words are tagged by a dictionary.
//! ALL-CAPS sentences are read case-blind (their shapes are not trusted), and a share of the training sentences is
//! upper- or lower-cased so the model does not depend on case.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::conllu::ConlluSentence;
use crate::error::NlpError;
use crate::features::{feat, hash_str, is_caps_sentence, prefix, shape, suffix};
use crate::lemmatizer::Lemmatizer;
use crate::model_io::{ModelReader, ModelWriter};
use crate::perceptron::{argmax, AveragedWeights, KeyMap, PerceptronTrainer, Rng, Weights};

const MAGIC: &[u8; 8] = b"SRTAGGER";
const VERSION: u32 = 4;

/// Words seen fewer times than this get no ambiguity class (too few uses to say which tags they can take).
const MIN_AMBIGUITY_COUNT: u32 = 5;

/// First-pass margin from which the second pass keeps the first pass's tag.
pub(crate) const SECOND_PASS_MARGIN: f32 = 16.0;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TaggerConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Share of training sentences seen upper-cased, and the same share lower-cased, in each epoch.
    pub case_share: f64,
    /// Tag twice: the second pass sees the first pass's tags of the next two words.
    pub two_pass: bool,
}

impl Default for TaggerConfig {
    fn default() -> Self {
        TaggerConfig { epochs: 10, seed: 1, case_share: 0.05, two_pass: true }
    }
}

/// Word normalisation for features: lower case, digits as 0.
pub(crate) fn norm(form: &str) -> String {
    // ASCII (nearly every word of English news): the same mapping byte by byte, without the per-character
    // iterators of the general case (an ASCII character is numeric only if it is a digit)
    if form.is_ascii() {
        return form.bytes().map(|b| if b.is_ascii_digit() { '0' } else { b.to_ascii_lowercase() as char }).collect();
    }
    norm_chars(form)
}

fn norm_chars(form: &str) -> String {
    form.chars().flat_map(|c| if c.is_numeric() { '0'.to_lowercase() } else { c.to_lowercase() }).collect()
}

/// Per-token hashes computed once per sentence.
#[derive(Clone, Copy, Default)]
struct Tok {
    w: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    flags: u64,
    amb: u64,
}

const START: u64 = 0x5354_4152_5431;
const END: u64 = 0x454e_4431;

/// The trained tagger with its lemmatizer.
pub struct Tagger {
    /// Class i is the pair (upos[i], xpos[i]).
    upos: Vec<String>,
    xpos: Vec<String>,
    weights: Weights,
    /// Second pass, which also sees the first pass's tags to the right.
    weights2: Option<Weights>,
    /// Frequent words always seen with one class.
    tagdict: KeyMap<u16>,
    /// Word → hash of the set of classes it was seen with.
    ambiguity: KeyMap<u64>,
    lemmatizer: Lemmatizer,
    /// Per class, its [`Tagger::tag_key`].
    keys: Vec<u64>,
    /// The model file this tagger was read from (borrowed for the built-in model): the frozen tables keep only
    /// key fingerprints, so this is what [`Tagger::to_bytes`] returns.
    source: Cow<'static, [u8]>,
}

fn class_keys(upos: &[String], xpos: &[String]) -> Vec<u64> {
    upos.iter().zip(xpos).map(|(u, x)| hash_str(&format!("{u}/{x}"))).collect()
}

impl Tagger {
    /// Bytes the weight tables of both passes hold in memory (the word tables are small beside them).
    pub fn memory_bytes(&self) -> usize {
        self.weights.memory_bytes() + self.weights2.as_ref().map_or(0, |w| w.memory_bytes())
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.upos.len()
    }
    /// The UPOS of a class.
    pub fn upos(&self, class: u16) -> &str {
        self.upos.get(class as usize).map_or("X", |s| s.as_str())
    }
    /// The XPOS of a class.
    pub fn xpos(&self, class: u16) -> &str {
        self.xpos.get(class as usize).map_or("_", |s| s.as_str())
    }
    /// A stable key for a class (a hash of its UPOS and XPOS), the same in every tagger, for the parser's features.
    pub fn tag_key(&self, class: u16) -> u64 {
        self.keys.get(class as usize).copied().unwrap_or(0)
    }

    /// Tags a sentence and returns the tag keys (see [`Tagger::tag_key`]).
    pub fn tag_keys<S: AsRef<str>>(&self, forms: &[S]) -> Vec<u64> {
        self.tag(forms).into_iter().map(|c| self.tag_key(c)).collect()
    }

    /// The lemmatizer trained with the tagger.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    fn toks<S: AsRef<str>>(forms: &[S], ambiguity: &KeyMap<u64>) -> Vec<Tok> {
        let caps = is_caps_sentence(forms);
        forms
            .iter()
            .map(|f| {
                let f = f.as_ref();
                let n = norm(f);
                let w = hash_str(&n);
                let sh = if caps { hash_str(&shape(&n)) ^ 0xCA95 } else { hash_str(&shape(f)) };
                let has_digit = f.chars().any(|c| c.is_numeric());
                let has_hyphen = f.contains('-');
                let first_upper = f.chars().next().is_some_and(|c| c.is_uppercase());
                let flags = (has_digit as u64) | (has_hyphen as u64) << 1 | ((first_upper && !caps) as u64) << 2 | (caps as u64) << 3;
                let amb = ambiguity.get(&w).copied();
                Tok {
                    w,
                    suf: [1, 2, 3, 4].map(|k| hash_str(suffix(&n, k))),
                    pre: [1, 2, 3].map(|k| hash_str(prefix(&n, k))),
                    shape: sh,
                    flags,
                    amb: amb.unwrap_or(0),
                }
            })
            .collect()
    }

    fn features(toks: &[Tok], i: usize, p1: u64, p2: u64, right: Option<&[u16]>, out: &mut Vec<u64>) {
        out.clear();
        let t = &toks[i];
        let at = |j: isize| -> Option<&Tok> { if j < 0 { None } else { toks.get(j as usize) } };
        let ii = i as isize;
        let w = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |t| t.w);
        let amb = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |t| t.amb);
        let suf3 = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |t| t.suf[2]);
        let shp = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |t| t.shape);
        out.push(feat(0, 0, 0, 0));
        out.push(feat(1, t.w, 0, 0));
        for k in 0..4 {
            out.push(feat(2 + k as u32, t.suf[k], 0, 0));
        }
        for k in 0..3 {
            out.push(feat(6 + k as u32, t.pre[k], 0, 0));
        }
        out.push(feat(9, t.shape, 0, 0));
        out.push(feat(10, t.flags, 0, 0));
        out.push(feat(11, t.amb, 0, 0));
        out.push(feat(12, amb(ii - 1), 0, 0));
        out.push(feat(13, amb(ii + 1), 0, 0));
        out.push(feat(14, amb(ii + 2), 0, 0));
        out.push(feat(15, w(ii - 1), 0, 0));
        out.push(feat(16, w(ii - 2), 0, 0));
        out.push(feat(17, w(ii + 1), 0, 0));
        out.push(feat(18, w(ii + 2), 0, 0));
        out.push(feat(19, suf3(ii - 1), 0, 0));
        out.push(feat(20, suf3(ii + 1), 0, 0));
        out.push(feat(21, shp(ii - 1), 0, 0));
        out.push(feat(22, shp(ii + 1), 0, 0));
        out.push(feat(23, p1, 0, 0));
        out.push(feat(24, p2, 0, 0));
        out.push(feat(25, p1, p2, 0));
        out.push(feat(26, p1, t.w, 0));
        out.push(feat(27, t.w, w(ii + 1), 0));
        out.push(feat(28, w(ii - 1), t.w, 0));
        out.push(feat(29, t.amb, amb(ii + 1), 0));
        out.push(feat(30, p1, t.amb, 0));
        out.push(feat(31, p1, t.amb, amb(ii + 1)));
        out.push(feat(32, (i == 0) as u64, t.shape, 0));
        out.push(feat(33, t.suf[2], amb(ii + 1), 0));
        out.push(feat(34, p1, t.suf[2], 0));
        out.push(feat(35, amb(ii - 1), t.amb, amb(ii + 1)));
        if let Some(r) = right {
            let tag = |j: usize| r.get(j).map_or(END, |&c| c as u64 + 1);
            let (n1, n2) = (tag(i + 1), tag(i + 2));
            out.push(feat(40, n1, 0, 0));
            out.push(feat(41, n2, 0, 0));
            out.push(feat(42, n1, n2, 0));
            out.push(feat(43, p1, n1, 0));
            out.push(feat(44, n1, t.w, 0));
            out.push(feat(45, n1, t.suf[2], 0));
            out.push(feat(46, p1, n1, t.amb));
            out.push(feat(47, tag(i), 0, 0));
            out.push(feat(48, tag(i), t.w, 0));
        }
    }

    /// Tags one sentence: a class per form.
    pub fn tag<S: AsRef<str>>(&self, forms: &[S]) -> Vec<u16> {
        let toks = Self::toks(forms, &self.ambiguity);
        let (first, margins) = self.pass(&self.weights, &toks, None, None);
        match &self.weights2 {
            Some(w2) => self.pass(w2, &toks, Some(&first), Some(&margins)).0,
            None => first,
        }
    }

    /// One greedy pass. With `right` (first-pass tags) it is the second pass, which only re-tags the words whose
    /// first-pass margin (best minus second-best score) is below [`SECOND_PASS_MARGIN`]; the others keep their tag.
    fn pass(&self, weights: &Weights, toks: &[Tok], right: Option<&[u16]>, margins: Option<&[f32]>) -> (Vec<u16>, Vec<f32>) {
        let mut out = Vec::with_capacity(toks.len());
        let mut out_margins = Vec::with_capacity(toks.len());
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0i32; self.n_classes()];
        let (mut p1, mut p2) = (START, START);
        for i in 0..toks.len() {
            let keep = match (right, margins) {
                (Some(r), Some(m)) if m.get(i).is_some_and(|&m| m >= SECOND_PASS_MARGIN) => r.get(i).copied(),
                _ => None,
            };
            let (c, margin) = match (keep, self.tagdict.get(&toks[i].w)) {
                (Some(c), _) => (c, f32::INFINITY),
                (None, Some(&c)) => (c, f32::INFINITY),
                (None, None) => {
                    Self::features(toks, i, p1, p2, right, &mut feats);
                    scores.iter_mut().for_each(|s| *s = 0);
                    weights.add_scores(&feats, &mut scores);
                    let best = argmax(&scores, |_| true).unwrap_or(0);
                    // the margins only decide what the second pass re-tags: its own are never read
                    let margin = if right.is_some() {
                        0.0
                    } else {
                        let second =
                            scores.iter().enumerate().filter(|&(j, _)| j != best).fold(i32::MIN, |m, (_, &s)| m.max(s));
                        (scores[best] as f32 - second as f32) * weights.scale()
                    };
                    (best as u16, margin)
                }
            };
            out.push(c);
            out_margins.push(margin);
            p2 = p1;
            p1 = c as u64 + 1;
        }
        (out, out_margins)
    }

    /// Fills UPOS, XPOS and LEMMA of a sentence from its forms; returns the classes.
    pub fn annotate(&self, s: &mut ConlluSentence) -> Vec<u16> {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let classes = self.tag(&forms);
        for (w, &c) in s.words.iter_mut().zip(&classes) {
            w.upos = self.upos(c).to_string();
            w.xpos = self.xpos(c).to_string();
            w.lemma = self.lemmatizer.lemma(&w.form, c);
        }
        classes
    }

    /// Trains on gold sentences.
    pub fn train(train: &[ConlluSentence], cfg: &TaggerConfig) -> Result<Tagger, NlpError> {
        if train.is_empty() {
            return Err(NlpError::Training("no training sentences".into()));
        }
        // Classes: every (UPOS, XPOS) pair in the training data, in order of first appearance.
        let mut class_ids: HashMap<(String, String), u16> = HashMap::new();
        let (mut upos, mut xpos) = (Vec::new(), Vec::new());
        for s in train {
            for w in &s.words {
                let key = (w.upos.clone(), w.xpos.clone());
                if let std::collections::hash_map::Entry::Vacant(e) = class_ids.entry(key) {
                    e.insert(upos.len() as u16);
                    upos.push(w.upos.clone());
                    xpos.push(w.xpos.clone());
                }
            }
        }
        let class_of = |u: &str, x: &str| class_ids.get(&(u.to_string(), x.to_string())).copied();
        // Word statistics: tag dictionary and ambiguity classes.
        let mut stats: HashMap<u64, HashMap<u16, u32>> = HashMap::new();
        for s in train {
            for w in &s.words {
                if let Some(c) = class_of(&w.upos, &w.xpos) {
                    *stats.entry(hash_str(&norm(&w.form))).or_default().entry(c).or_default() += 1;
                }
            }
        }
        let mut tagdict = KeyMap::default();
        let mut ambiguity = KeyMap::default();
        for (&w, cs) in &stats {
            let total: u32 = cs.values().sum();
            let mut v: Vec<(u16, u32)> = cs.iter().map(|(&c, &n)| (c, n)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            if total >= 20 && v[0].1 as f64 >= 0.995 * total as f64 {
                tagdict.insert(w, v[0].0);
            }
            // Classes covering at least 10% of the word's uses, sorted, hashed.
            let mut set: Vec<u16> = v.iter().filter(|(_, n)| *n * 10 >= total).map(|(c, _)| *c).collect();
            set.sort_unstable();
            let mut h = 0x414d_4249u64;
            for c in set {
                h = feat(99, h, c as u64, 0);
            }
            if total >= MIN_AMBIGUITY_COUNT {
                ambiguity.insert(w, h);
            }
        }
        let lemmatizer = Lemmatizer::train(train, &class_of, &upos);
        let gold: Vec<Vec<u16>> =
            train.iter().map(|s| s.words.iter().map(|w| class_of(&w.upos, &w.xpos).unwrap_or(0)).collect()).collect();
        let ctx = PassData { train, gold: &gold, tagdict: &tagdict, ambiguity: &ambiguity, n_classes: upos.len() };
        let all: Vec<usize> = (0..train.len()).collect();
        let weights = ctx.train_pass(&all, None, cfg, cfg.seed);
        let weights2 = if cfg.two_pass {
            // First-pass tags of the training set by 2-fold jackknifing, so the second pass learns how far to
            // trust them.
            let mut first: Vec<Vec<u16>> = vec![Vec::new(); train.len()];
            let folds: Vec<(Vec<usize>, Vec<usize>)> = (0..2)
                .map(|k| ((0..train.len()).filter(|i| i % 2 != k).collect(), (0..train.len()).filter(|i| i % 2 == k).collect()))
                .collect();
            let results: Vec<(Vec<usize>, Vec<Vec<u16>>)> = std::thread::scope(|sc| {
                let hs: Vec<_> = folds
                    .iter()
                    .enumerate()
                    .map(|(k, (tr, te))| {
                        let ctx = &ctx;
                        sc.spawn(move || {
                            let w = ctx.train_pass(tr, None, cfg, cfg.seed + 10 + k as u64).freeze();
                            let tags = te.iter().map(|&i| ctx.predict(&w, i, None)).collect();
                            (te.clone(), tags)
                        })
                    })
                    .collect();
                hs.into_iter().filter_map(|h| h.join().ok()).collect()
            });
            if results.len() != 2 {
                return Err(NlpError::Training("a training thread panicked".into()));
            }
            for (idx, tags) in results {
                for (i, t) in idx.into_iter().zip(tags) {
                    first[i] = t;
                }
            }
            Some(ctx.train_pass(&all, Some(&first), cfg, cfg.seed + 1))
        } else {
            None
        };
        let bytes = encode(&upos, &xpos, &tagdict, &ambiguity, &weights, weights2.as_ref(), &lemmatizer);
        Tagger::read(Cow::Owned(bytes))
    }

    /// Predicted classes for every training sentence by `folds`-way jackknifing (each fold tagged by a model
    /// trained on the others), so a parser trained on them sees tagging errors as it will at run time. Two folds
    /// are trained at a time.
    pub fn jackknife(train: &[ConlluSentence], folds: usize, cfg: &TaggerConfig) -> Result<Vec<Vec<u64>>, NlpError> {
        if folds < 2 {
            return Err(NlpError::Training("jackknifing needs at least two folds".into()));
        }
        let mut out: Vec<Option<Vec<Vec<u64>>>> = (0..folds).map(|_| None).collect();
        let run = |k: usize| -> Result<Vec<Vec<u64>>, NlpError> {
            let rest: Vec<ConlluSentence> =
                train.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, s)| s.clone()).collect();
            let t = Tagger::train(&rest, &TaggerConfig { seed: cfg.seed + k as u64, ..cfg.clone() })?;
            Ok(train.iter().enumerate().filter(|(i, _)| i % folds == k).map(|(_, s)| s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>()).map(|f| t.tag_keys(&f)).collect())
        };
        let mut k = 0;
        while k < folds {
            let pair: Vec<Result<Vec<Vec<u64>>, NlpError>> = std::thread::scope(|sc| {
                let hs: Vec<_> = (k..(k + 2).min(folds)).map(|j| sc.spawn(move || run(j))).collect();
                hs.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(NlpError::Training("a training thread panicked".into())))).collect()
            });
            for (j, r) in pair.into_iter().enumerate() {
                out[k + j] = Some(r?);
            }
            k += 2;
        }
        let mut iters: Vec<std::vec::IntoIter<Vec<u64>>> = out.into_iter().map(|o| o.unwrap_or_default().into_iter()).collect();
        Ok((0..train.len()).map(|i| iters[i % folds].next().unwrap_or_default()).collect())
    }

    /// The tagger's model file (with its lemmatizer).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.source.to_vec()
    }

    /// Reads a tagger written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, NlpError> {
        Tagger::read(Cow::Owned(bytes.to_vec()))
    }

    /// Reads a tagger from bytes that live as long as the program (the built-in model), without copying them.
    pub fn from_static(bytes: &'static [u8]) -> Result<Tagger, NlpError> {
        Tagger::read(Cow::Borrowed(bytes))
    }

    fn read(source: Cow<'static, [u8]>) -> Result<Tagger, NlpError> {
        let mut r = ModelReader::new(&source, "tagger", MAGIC, VERSION)?;
        let upos = r.strs()?;
        let xpos = r.strs()?;
        if upos.len() != xpos.len() || upos.is_empty() {
            return Err(r.bad("class lists differ"));
        }
        let n = r.len()?;
        let mut tagdict = KeyMap::default();
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u16()?;
            if v as usize >= upos.len() {
                return Err(r.bad("class out of range"));
            }
            tagdict.insert(k, v);
        }
        let n = r.len()?;
        let mut ambiguity = KeyMap::default();
        for _ in 0..n {
            let k = r.u64()?;
            ambiguity.insert(k, r.u64()?);
        }
        let weights = Weights::read(&mut r)?;
        let weights2 = if r.u8()? == 1 { Some(Weights::read(&mut r)?) } else { None };
        if weights.n_classes() != upos.len() || weights2.as_ref().is_some_and(|w| w.n_classes() != upos.len()) {
            return Err(r.bad("weights have another number of classes"));
        }
        let lemmatizer = Lemmatizer::read(&mut r)?;
        r.finish()?;
        let keys = class_keys(&upos, &xpos);
        Ok(Tagger { upos, xpos, weights, weights2, tagdict, ambiguity, lemmatizer, keys, source })
    }
}

/// A tagger's model file.
fn encode(
    upos: &[String],
    xpos: &[String],
    tagdict: &KeyMap<u16>,
    ambiguity: &KeyMap<u64>,
    weights: &AveragedWeights,
    weights2: Option<&AveragedWeights>,
    lemmatizer: &Lemmatizer,
) -> Vec<u8> {
    let mut w = ModelWriter::new(MAGIC, VERSION);
    w.strs(upos);
    w.strs(xpos);
    let mut td: Vec<(u64, u16)> = tagdict.iter().map(|(&k, &v)| (k, v)).collect();
    td.sort_unstable();
    w.u32(td.len() as u32);
    for (k, v) in td {
        w.u64(k);
        w.u16(v);
    }
    let mut amb: Vec<(u64, u64)> = ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
    amb.sort_unstable();
    w.u32(amb.len() as u32);
    for (k, v) in amb {
        w.u64(k);
        w.u64(v);
    }
    weights.write(&mut w);
    match weights2 {
        Some(w2) => {
            w.u8(1);
            w2.write(&mut w);
        }
        None => w.u8(0),
    }
    lemmatizer.write(&mut w);
    w.buf
}

/// What a training pass needs: the sentences, their gold classes and the word statistics.
struct PassData<'a> {
    train: &'a [ConlluSentence],
    gold: &'a [Vec<u16>],
    tagdict: &'a KeyMap<u16>,
    ambiguity: &'a KeyMap<u64>,
    n_classes: usize,
}

impl PassData<'_> {
    fn predict(&self, w: &Weights, si: usize, right: Option<&[u16]>) -> Vec<u16> {
        let forms: Vec<&str> = self.train[si].words.iter().map(|w| w.form.as_str()).collect();
        let toks = Tagger::toks(&forms, self.ambiguity);
        let mut out = Vec::with_capacity(toks.len());
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0i32; self.n_classes];
        let (mut p1, mut p2) = (START, START);
        for i in 0..toks.len() {
            let c = match self.tagdict.get(&toks[i].w) {
                Some(&c) => c,
                None => {
                    Tagger::features(&toks, i, p1, p2, right, &mut feats);
                    scores.iter_mut().for_each(|s| *s = 0);
                    w.add_scores(&feats, &mut scores);
                    argmax(&scores, |_| true).unwrap_or(0) as u16
                }
            };
            out.push(c);
            p2 = p1;
            p1 = c as u64 + 1;
        }
        out
    }

    /// One model over the sentences `idx`; `right` holds first-pass tags for a second pass.
    fn train_pass(&self, idx: &[usize], right: Option<&[Vec<u16>]>, cfg: &TaggerConfig, seed: u64) -> AveragedWeights {
        let mut trainer = PerceptronTrainer::new(self.n_classes);
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = idx.to_vec();
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0f32; self.n_classes];
        for _epoch in 0..cfg.epochs {
            rng.shuffle(&mut order);
            for &si in &order {
                let r = rng.next_u64() as f64 / u64::MAX as f64;
                let forms: Vec<String> = self.train[si]
                    .words
                    .iter()
                    .map(|w| {
                        if r < cfg.case_share {
                            w.form.to_uppercase()
                        } else if r < 2.0 * cfg.case_share {
                            w.form.to_lowercase()
                        } else {
                            w.form.clone()
                        }
                    })
                    .collect();
                let toks = Tagger::toks(&forms, self.ambiguity);
                let rt = right.map(|r| r[si].as_slice());
                let (mut p1, mut p2) = (START, START);
                for i in 0..toks.len() {
                    let truth = self.gold[si][i] as usize;
                    let guess = if let Some(&c) = self.tagdict.get(&toks[i].w) {
                        c as usize
                    } else {
                        Tagger::features(&toks, i, p1, p2, rt, &mut feats);
                        trainer.scores(&feats, &mut scores);
                        let g = argmax(&scores, |_| true).unwrap_or(0);
                        trainer.update(&feats, truth, g);
                        trainer.tick();
                        g
                    };
                    p2 = p1;
                    p1 = guess as u64 + 1;
                }
            }
        }
        trainer.average(1e-3)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    /// The ASCII fast path of `norm` gives what the general one does.
    #[test]
    fn norm_ascii_path_matches_the_general_one() {
        let all_ascii: String = (0u8..128).map(char::from).collect();
        for f in ["Kyiv", "NATO", "1,200", "F/A-18E", "U.S.-led", "p.m.", "", "x9Y", all_ascii.as_str()] {
            assert_eq!(norm(f), norm_chars(f), "{f:?}");
        }
        assert_eq!(norm("Ürümqi ٣"), "ürümqi 0");
    }

    use super::*;
    use crate::conllu::parse_conllu;

    pub(crate) const TINY: &str = "1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n4\ttown\ttown\tNOUN\tNN\t_\t2\tobj\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tshelled\tshell\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n4\tvillage\tvillage\tNOUN\tNN\t_\t2\tobj\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn trains_tags_and_round_trips() {
        let train = parse_conllu(&TINY.repeat(5), "tiny").unwrap();
        let cfg = TaggerConfig { epochs: 3, ..TaggerConfig::default() };
        let t = Tagger::train(&train, &cfg).unwrap();
        let classes = t.tag(&["Rebels", "shelled", "the", "town", "."]);
        let upos: Vec<&str> = classes.iter().map(|&c| t.upos(c)).collect();
        assert_eq!(upos, ["NOUN", "VERB", "DET", "NOUN", "PUNCT"]);
        assert_eq!(t.lemmatizer().lemma("attacked", classes[1]), "attack");
        let bytes = t.to_bytes();
        assert_eq!(bytes, Tagger::train(&train, &cfg).unwrap().to_bytes(), "deterministic");
        let back = Tagger::from_bytes(&bytes).unwrap();
        assert_eq!(back.tag(&["Troops", "attacked", "the", "village", "."]), t.tag(&["Troops", "attacked", "the", "village", "."]));
        assert!(Tagger::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }
}
