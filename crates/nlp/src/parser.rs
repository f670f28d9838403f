//! The dependency parser: a greedy arc-hybrid transition system (Kuhlmann et al. 2011) with the root at the end of
//! the buffer, scored by an averaged perceptron over stack/buffer words, tags, children, distance and valency
//! features, trained with the dynamic oracle and exploration of Goldberg & Nivre (2013). Arcs are labelled
//! afterwards, top-down, by a second perceptron ([`crate::labeler`]), which sees the whole tree around each arc.

use std::borrow::Cow;

use crate::conllu::ConlluSentence;
use crate::error::NlpError;
use crate::features::{feat, hash_str};
use crate::labeler::Labeler;
use crate::model_io::{ModelReader, ModelWriter};
use crate::perceptron::{argmax, InlineWeights, PerceptronTrainer, Rng};
use crate::tagger::norm;

const MAGIC: &[u8; 8] = b"SRPARSER";
const VERSION: u32 = 5;

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const NONE: usize = usize::MAX;
const NONE_H: u64 = 0x4e4f_4e45;
const ROOT_H: u64 = 0x524f_4f54;

/// Training settings.
#[derive(Debug, Clone)]
pub struct ParserConfig {
    pub epochs: usize,
    pub seed: u64,
    /// From this epoch on (0-based), follow the model's own prediction with probability `explore_p`.
    pub explore_from: usize,
    pub explore_p: f64,
    pub label_epochs: usize,
}

impl Default for ParserConfig {
    fn default() -> Self {
        ParserConfig { epochs: 15, seed: 1, explore_from: 1, explore_p: 0.9, label_epochs: 10 }
    }
}

/// A parser state. Words are 0..n; index n is the root, always last in the buffer.
pub(crate) struct State {
    pub(crate) n: usize,
    pub(crate) stack: Vec<usize>,
    pub(crate) b: usize,
    pub(crate) heads: Vec<usize>,
    /// Per word (and the root): its two leftmost and two rightmost children so far, and how many on each side.
    pub(crate) kids: Vec<Kids>,
}

#[derive(Clone, Copy)]
pub(crate) struct Kids {
    pub(crate) l1: usize,
    pub(crate) l2: usize,
    pub(crate) r1: usize,
    pub(crate) r2: usize,
    pub(crate) nl: u8,
    pub(crate) nr: u8,
}

const NO_KIDS: Kids = Kids { l1: NONE, l2: NONE, r1: NONE, r2: NONE, nl: 0, nr: 0 };

impl State {
    fn new(n: usize) -> State {
        State { n, stack: Vec::with_capacity(n), b: 0, heads: vec![NONE; n], kids: vec![NO_KIDS; n + 1] }
    }
    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }
    fn valid(&self, t: usize) -> bool {
        match t {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            RIGHT => self.stack.len() >= 2,
            _ => false,
        }
    }
    /// The one valid transition, when only one is (what [`argmax`] over the valid ones picks whatever the scores).
    fn forced(&self) -> Option<usize> {
        match (self.stack.len(), self.b < self.n) {
            (0, true) => Some(SHIFT),
            (0, false) => None,
            (1, false) => Some(LEFT),
            (_, false) => Some(RIGHT),
            (_, true) => None,
        }
    }
    fn apply(&mut self, t: usize) {
        match t {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            LEFT => {
                if let Some(s0) = self.stack.pop() {
                    self.heads[s0] = self.b;
                    // Each new left child is further left than the ones before.
                    let k = &mut self.kids[self.b];
                    k.l2 = k.l1;
                    k.l1 = s0;
                    k.nl = k.nl.saturating_add(1);
                }
            }
            _ => {
                if let Some(s0) = self.stack.pop() {
                    if let Some(&s1) = self.stack.last() {
                        self.heads[s0] = s1;
                        // Each new right child is further right than the ones before.
                        let k = &mut self.kids[s1];
                        k.r2 = k.r1;
                        k.r1 = s0;
                        k.nr = k.nr.saturating_add(1);
                    }
                }
            }
        }
    }
    /// Gold arcs lost by each transition (Goldberg & Nivre's arc-hybrid costs); `gold[i]` is n for the root.
    fn cost(&self, t: usize, gold: &[usize]) -> usize {
        let n = self.n;
        let deps_in_buffer = |x: usize| (self.b..n).filter(|&d| gold[d] == x).count();
        match t {
            SHIFT => {
                let b0 = self.b;
                let k = self.stack.len();
                let head_lost = self.stack[..k.saturating_sub(1)].iter().filter(|&&h| gold[b0] == h).count();
                let deps_lost = self.stack.iter().filter(|&&d| gold[d] == b0).count();
                head_lost + deps_lost
            }
            LEFT => {
                let s0 = self.stack[self.stack.len() - 1];
                let s1 = if self.stack.len() >= 2 { Some(self.stack[self.stack.len() - 2]) } else { None };
                let g = gold[s0];
                let head_lost = (Some(g) == s1 || (g > self.b && g <= n)) as usize;
                head_lost + deps_in_buffer(s0)
            }
            _ => {
                let s0 = self.stack[self.stack.len() - 1];
                let g = gold[s0];
                let head_lost = (g >= self.b && g <= n) as usize;
                head_lost + deps_in_buffer(s0)
            }
        }
    }
}

/// Per-word hashes.
#[derive(Clone, Copy)]
pub(crate) struct WordH {
    pub(crate) w: u64,
    pub(crate) t: u64,
    pub(crate) punct: bool,
    /// Punctuation tokens before this one in the sentence.
    pub(crate) punct_before: u32,
    /// Hash of the last three letters (lower case).
    pub(crate) suf: u64,
}

pub(crate) fn word_hashes<S: AsRef<str>>(forms: &[S], tags: &[u64]) -> Vec<WordH> {
    let mut v: Vec<WordH> = forms
        .iter()
        .zip(tags)
        .map(|(f, &t)| {
            let f = f.as_ref();
            let n = norm(f);
            let suf = hash_str(crate::features::suffix(&n, 3)) ^ 0x5355_4633;
            let punct = !f.is_empty() && f.chars().all(|c| c.is_ascii_punctuation());
            WordH { w: hash_str(&n), t, punct, punct_before: 0, suf }
        })
        .collect();
    v.push(WordH { w: ROOT_H, t: ROOT_H, punct: false, punct_before: 0, suf: ROOT_H });
    let mut seen = 0;
    for x in &mut v {
        x.punct_before = seen;
        seen += x.punct as u32;
    }
    v
}

fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

fn features(st: &State, wh: &[WordH], out: &mut Vec<u64>) {
    out.clear();
    let k = st.stack.len();
    let s = |i: usize| if i < k { st.stack[k - 1 - i] } else { NONE };
    let (s0, s1, s2) = (s(0), s(1), s(2));
    let b = |i: usize| if st.b + i <= st.n { st.b + i } else { NONE };
    let (b0, b1, b2) = (b(0), b(1), b(2));
    let w = |x: usize| if x == NONE { NONE_H } else { wh[x].w };
    let t = |x: usize| if x == NONE { NONE_H } else { wh[x].t };
    let kid = |x: usize| if x == NONE { NO_KIDS } else { st.kids[x] };
    let lc = |x: usize, i: usize| if i == 0 { kid(x).l1 } else { kid(x).l2 };
    let rc = |x: usize, i: usize| if i == 0 { kid(x).r1 } else { kid(x).r2 };
    let (s0w, s0t, s1w, s1t, b0w, b0t, b1w, b1t) = (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0), w(b1), t(b1));
    let (b2t, s2t) = (t(b2), t(s2));
    let (s0l1, s0l2, s0r1, s0r2) = (lc(s0, 0), lc(s0, 1), rc(s0, 0), rc(s0, 1));
    let (s1l1, s1r1, b0l1, b0l2) = (lc(s1, 0), rc(s1, 0), lc(b0, 0), lc(b0, 1));
    let d = if s0 == NONE || b0 == NONE { 15 } else if b0 == st.n { 8 } else { dist_bucket(b0 - s0) };
    let d1 = if s0 == NONE || s1 == NONE { 15 } else { dist_bucket(s0 - s1) };
    let vr = |x: usize| if x == NONE { 15 } else { st.kids[x].nr.min(6) as u64 };
    let vl = |x: usize| if x == NONE { 15 } else { st.kids[x].nl.min(6) as u64 };
    let f = |out: &mut Vec<u64>, id: u32, a: u64, b: u64, c: u64| out.push(feat(id, a, b, c));
    f(out, 0, 0, 0, 0);
    f(out, 1, s0w, 0, 0);
    f(out, 2, s0t, 0, 0);
    f(out, 3, s0w, s0t, 0);
    f(out, 4, b0w, 0, 0);
    f(out, 5, b0t, 0, 0);
    f(out, 6, b0w, b0t, 0);
    f(out, 7, b1w, 0, 0);
    f(out, 8, b1t, 0, 0);
    f(out, 9, b1w, b1t, 0);
    f(out, 10, b2t, 0, 0);
    f(out, 11, s1w, 0, 0);
    f(out, 12, s1t, 0, 0);
    f(out, 13, s1w, s1t, 0);
    f(out, 14, s2t, 0, 0);
    f(out, 15, feat(0, s0w, s0t, 0), b0w, b0t);
    f(out, 16, feat(0, s0w, s0t, 0), b0w, 0);
    f(out, 17, s0w, b0w, b0t);
    f(out, 18, feat(0, s0w, s0t, 0), b0t, 0);
    f(out, 19, s0t, b0w, b0t);
    f(out, 20, s0w, b0w, 0);
    f(out, 21, s0t, b0t, 0);
    f(out, 22, b0t, b1t, 0);
    f(out, 23, s0t, b0t, b1t);
    f(out, 24, s1t, s0t, b0t);
    f(out, 25, s0w, b0t, b1t);
    f(out, 26, s1t, s0t, 0);
    f(out, 27, s1w, s0w, 0);
    f(out, 28, s1t, s0w, 0);
    f(out, 29, s1w, s0t, 0);
    f(out, 30, b0t, b1t, b2t);
    f(out, 31, s2t, s1t, s0t);
    f(out, 32, s0t, t(s0l1), b0t);
    f(out, 33, s0t, t(s0r1), b0t);
    f(out, 34, s0t, b0t, t(b0l1));
    f(out, 35, s1t, s0t, t(s0r1));
    f(out, 36, s1t, t(s1r1), s0t);
    f(out, 37, s0t, t(s0l1), t(s0l2));
    f(out, 38, s0t, t(s0r1), t(s0r2));
    f(out, 39, b0t, t(b0l1), t(b0l2));
    f(out, 40, w(s0l1), 0, 0);
    f(out, 41, w(s0r1), 0, 0);
    f(out, 42, w(b0l1), 0, 0);
    f(out, 43, w(s1r1), 0, 0);
    f(out, 44, t(s0l1), 0, 0);
    f(out, 45, t(s0r1), 0, 0);
    f(out, 46, t(b0l1), 0, 0);
    f(out, 47, t(s1l1), s1t, 0);
    f(out, 48, s0w, d, 0);
    f(out, 49, s0t, d, 0);
    f(out, 50, b0w, d, 0);
    f(out, 51, b0t, d, 0);
    f(out, 52, s0w, b0w, d);
    f(out, 53, s0t, b0t, d);
    f(out, 54, s0w, vr(s0), 0);
    f(out, 55, s0t, vr(s0), 0);
    f(out, 56, s0w, vl(s0), 0);
    f(out, 57, s0t, vl(s0), 0);
    f(out, 58, b0w, vl(b0), 0);
    f(out, 59, b0t, vl(b0), 0);
    f(out, 60, s1t, s0t, d1);
    f(out, 61, k.min(3) as u64, b0t, 0);
    f(out, 62, s0t, b0w, t(s0r1));
    f(out, 63, s1w, s0t, b0t);
    // Second children, the stack's second item against the buffer, punctuation between s0 and b0.
    f(out, 64, w(s0l2), 0, 0);
    f(out, 65, w(s0r2), 0, 0);
    f(out, 66, w(b0l1), b0t, 0);
    f(out, 67, s1t, b0t, 0);
    f(out, 68, s1w, b0t, 0);
    f(out, 69, s1t, b0w, 0);
    f(out, 70, feat(0, s1t, s0t, 0), b0t, b1t);
    f(out, 71, b0w, b1w, 0);
    f(out, 72, b0w, b1t, 0);
    let punct = if s0 == NONE || b0 == NONE || b0 >= st.n {
        3
    } else {
        (wh[b0].punct_before - wh[s0 + 1].punct_before).min(2) as u64
    };
    f(out, 73, s0t, b0t, punct);
    f(out, 74, s0w, b0t, punct);
    f(out, 75, s0t, t(s0l1), t(s0r1));
    let suf = |x: usize| if x == NONE { NONE_H } else { wh[x].suf };
    f(out, 76, s1w, b0w, 0);
    f(out, 77, s0w, b1w, 0);
    f(out, 78, suf(s0), s0t, 0);
    f(out, 79, suf(b0), b0t, 0);
    f(out, 80, suf(s0), b0t, 0);
    f(out, 81, s0t, suf(b0), 0);
}

/// The trained parser: transition weights and the labeller.
pub struct Parser {
    weights: InlineWeights,
    labeler: Labeler,
    /// The model file this parser was read from (borrowed for the built-in model): the frozen tables keep only
    /// key fingerprints, so this is what [`Parser::to_bytes`] returns.
    source: Cow<'static, [u8]>,
}

/// A parse: per word, its head (0 = root, else 1-based) and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parse {
    pub heads: Vec<usize>,
    pub deprels: Vec<String>,
}

impl Parser {
    /// Bytes the transition and label weight tables hold in memory: `(transitions, labels)`.
    pub fn memory_bytes(&self) -> (usize, usize) {
        (self.weights.memory_bytes(), self.labeler.memory_bytes())
    }

    /// Unlabelled heads (index n = root) for a sentence with its tag classes.
    fn heads(&self, wh: &[WordH], n: usize) -> Vec<usize> {
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(80);
        while !st.terminal() {
            // with the stack empty only SHIFT is valid, and with only the root left in the buffer only one of LEFT
            // and RIGHT: the scores could not change the choice, so they are not computed
            if let Some(t) = st.forced() {
                st.apply(t);
                continue;
            }
            features(&st, wh, &mut feats);
            let scores = self.weights.scores(&feats);
            let Some(t) = argmax(&scores, |t| st.valid(t)) else { break };
            st.apply(t);
        }
        st.heads.iter().map(|&h| if h == NONE { n } else { h }).collect()
    }

    /// Parses a sentence given its forms and tag keys (from [`crate::Tagger::tag_keys`]).
    pub fn parse<S: AsRef<str>>(&self, forms: &[S], tags: &[u64]) -> Parse {
        let n = forms.len().min(tags.len());
        let wh = word_hashes(&forms[..n], &tags[..n]);
        let heads = self.heads(&wh, n);
        let labels = self.labeler.label(&wh, &heads);
        Parse {
            heads: heads.iter().map(|&h| if h >= n { 0 } else { h + 1 }).collect(),
            deprels: labels.iter().map(|&l| self.labeler.label_name(l).to_string()).collect(),
        }
    }

    /// [`Parser::parse`] labelling only some arcs: `wanted` sees the unlabelled heads (0 = root, else 1-based) and
    /// names the words (0-based) whose labels the caller will read. Those words and the words above them get the
    /// labels a full parse gives (a label depends on the words' own tree and its head's label only); every other
    /// word's label is `_`. The event coder reads the labels around a trigger, a few words of a sentence, and
    /// labelling costs about a quarter of the parse.
    pub fn parse_labelling<S: AsRef<str>>(
        &self,
        forms: &[S],
        tags: &[u64],
        wanted: impl FnOnce(&[usize]) -> Vec<usize>,
    ) -> Parse {
        let n = forms.len().min(tags.len());
        let wh = word_hashes(&forms[..n], &tags[..n]);
        let heads = self.heads(&wh, n);
        let heads_1: Vec<usize> = heads.iter().map(|&h| if h >= n { 0 } else { h + 1 }).collect();
        let mut mask = vec![false; n];
        for i in wanted(&heads_1) {
            if i < n {
                mask[i] = true;
            }
        }
        let labels = self.labeler.label_some(&wh, &heads, &mask);
        Parse {
            deprels: labels.iter().map(|l| l.map_or("_", |l| self.labeler.label_name(l)).to_string()).collect(),
            heads: heads_1,
        }
    }

    /// Trains on gold trees with the given (ideally jackknifed) tag classes per sentence.
    pub fn train(train: &[ConlluSentence], tags: &[Vec<u64>], cfg: &ParserConfig) -> Result<Parser, NlpError> {
        if train.is_empty() || train.len() != tags.len() {
            return Err(NlpError::Training("no training sentences, or tags for another number of sentences".into()));
        }
        if let Some((i, _)) = train.iter().zip(tags).enumerate().find(|(_, (s, t))| s.words.len() != t.len()) {
            return Err(NlpError::Training(format!("sentence {i} has another number of tags than words")));
        }
        let data: Vec<(Vec<WordH>, Vec<usize>)> = train
            .iter()
            .zip(tags)
            .map(|(s, t)| {
                let n = s.words.len();
                let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                let gold = s.words.iter().map(|w| if w.head == 0 || w.head > n { n } else { w.head - 1 }).collect();
                (word_hashes(&forms, t), gold)
            })
            .collect();
        let labeler_thread = {
            let cfg = cfg.clone();
            let data_l: Vec<(Vec<WordH>, Vec<usize>, Vec<String>)> = train
                .iter()
                .zip(&data)
                .map(|(s, (wh, gold))| (wh.clone(), gold.clone(), s.words.iter().map(|w| w.deprel.clone()).collect()))
                .collect();
            std::thread::spawn(move || Labeler::train(&data_l, cfg.label_epochs, cfg.seed))
        };
        let mut trainer = PerceptronTrainer::new(3);
        let mut rng = Rng::new(cfg.seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut feats = Vec::with_capacity(80);
        let mut scores = [0f32; 3];
        for epoch in 0..cfg.epochs {
            rng.shuffle(&mut order);
            for &si in &order {
                let (wh, gold) = &data[si];
                let n = gold.len();
                let mut st = State::new(n);
                while !st.terminal() {
                    features(&st, wh, &mut feats);
                    trainer.scores(&feats, &mut scores);
                    let costs: Vec<usize> = (0..3).map(|t| if st.valid(t) { st.cost(t, gold) } else { usize::MAX }).collect();
                    let min = costs.iter().copied().min().unwrap_or(usize::MAX);
                    if min == usize::MAX {
                        break;
                    }
                    let Some(guess) = argmax(&scores, |t| costs[t] != usize::MAX) else { break };
                    let Some(best) = argmax(&scores, |t| costs[t] == min) else { break };
                    if costs[guess] != min {
                        trainer.update(&feats, best, guess);
                    }
                    trainer.tick();
                    let next = if epoch >= cfg.explore_from && rng.chance(cfg.explore_p) { guess } else { best };
                    st.apply(next);
                }
            }
        }
        let weights = trainer.average(1e-3);
        let labeler = labeler_thread.join().map_err(|_| NlpError::Training("the labeller thread panicked".into()))??;
        let mut w = ModelWriter::new(MAGIC, VERSION);
        weights.write_inline(&mut w);
        labeler.write(&mut w);
        Parser::read(Cow::Owned(w.buf))
    }

    /// The parser's model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.source.to_vec()
    }

    /// Reads a parser written by [`Parser::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, NlpError> {
        Parser::read(Cow::Owned(bytes.to_vec()))
    }

    /// Reads a parser from bytes that live as long as the program (the built-in model), without copying them.
    pub fn from_static(bytes: &'static [u8]) -> Result<Parser, NlpError> {
        Parser::read(Cow::Borrowed(bytes))
    }

    fn read(source: Cow<'static, [u8]>) -> Result<Parser, NlpError> {
        let mut r = ModelReader::new(&source, "parser", MAGIC, VERSION)?;
        let weights = InlineWeights::read(&mut r)?;
        let labeler = Labeler::read(&mut r)?;
        r.finish()?;
        Ok(Parser { weights, labeler, source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `State::forced` may skip scoring only where one transition alone is valid, and must name that one.
    #[test]
    fn forced_transition_is_the_only_valid_one() {
        for n in 0..6 {
            for b in 0..=n {
                for k in 0..=b.min(4) {
                    let mut st = State::new(n);
                    st.stack = (0..k).collect();
                    st.b = b;
                    if st.terminal() {
                        continue;
                    }
                    let valid: Vec<usize> = (0..3).filter(|&t| st.valid(t)).collect();
                    match st.forced() {
                        Some(t) => assert_eq!(valid, vec![t], "n {n} b {b} stack {k}"),
                        None => assert!(valid.len() > 1, "n {n} b {b} stack {k}: {valid:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn trains_parses_and_round_trips() {
        let train = crate::conllu::parse_conllu(&crate::tagger::tests::TINY.repeat(5), "tiny").unwrap();
        let tagger = crate::Tagger::train(&train, &crate::TaggerConfig { epochs: 3, ..Default::default() }).unwrap();
        let tags: Vec<Vec<u64>> =
            train.iter().map(|s| tagger.tag_keys(&s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>())).collect();
        let cfg = ParserConfig { epochs: 3, label_epochs: 3, ..ParserConfig::default() };
        let p = Parser::train(&train, &tags, &cfg).unwrap();
        let forms = ["Troops", "attacked", "the", "village", "."];
        let parse = p.parse(&forms, &tagger.tag_keys(&forms));
        assert_eq!(parse.heads, [2, 0, 4, 2, 2]);
        assert_eq!(parse.deprels, ["nsubj", "root", "det", "obj", "punct"]);
        let bytes = p.to_bytes();
        assert_eq!(bytes, Parser::train(&train, &tags, &cfg).unwrap().to_bytes(), "deterministic");
        assert_eq!(Parser::from_bytes(&bytes).unwrap().parse(&forms, &tagger.tag_keys(&forms)), parse);
        assert!(Parser::from_bytes(&bytes[..bytes.len() - 3]).is_err());
    }

    /// Following the zero-cost transitions rebuilds any projective tree exactly.
    #[test]
    fn static_oracle_rebuilds_projective_trees() {
        // "Seven soldiers were killed ." : heads 2->4, 1->2, 3->4, 4->root, 5->4 (0-based, root = 5)
        let gold = vec![1, 3, 3, 5, 3];
        let mut st = State::new(5);
        while !st.terminal() {
            let t = (0..3).find(|&t| st.valid(t) && st.cost(t, &gold) == 0).expect("a zero-cost transition");
            st.apply(t);
        }
        assert_eq!(st.heads, gold);
    }
}
