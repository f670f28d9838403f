//! The averaged perceptron shared by the tagger, the parser and the labeller: [`PerceptronTrainer`] learns sparse
//! weights for hashed features, [`Weights`] is the frozen, averaged model used to predict (an open-addressing table
//! from feature key to a run of `(class, weight)` pairs, weights stored as `f32`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::NlpError;
use crate::model_io::{ModelReader, ModelWriter};

/// Feature keys are already hashes: pass them through.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    w: f32,
    /// Sum of `step * delta`, for the averaging trick: average = w - u / steps.
    u: f64,
}

/// Learns weights by perceptron updates; [`PerceptronTrainer::average`] freezes them.
pub(crate) struct PerceptronTrainer {
    n_classes: usize,
    index: KeyMap<u32>,
    rows: Vec<Vec<Entry>>,
    step: f64,
}

impl PerceptronTrainer {
    pub(crate) fn new(n_classes: usize) -> Self {
        PerceptronTrainer { n_classes, index: KeyMap::default(), rows: Vec::new(), step: 1.0 }
    }

    /// Current (not averaged) scores of every class.
    pub(crate) fn scores(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    fn add(&mut self, f: u64, class: usize, delta: f32) {
        let next = self.rows.len() as u32;
        let r = *self.index.entry(f).or_insert(next) as usize;
        if r == self.rows.len() {
            self.rows.push(Vec::new());
        }
        let row = &mut self.rows[r];
        let step = self.step;
        match row.iter_mut().find(|e| e.class as usize == class) {
            Some(e) => {
                e.w += delta;
                e.u += step * delta as f64;
            }
            None => row.push(Entry { class: class as u16, w: delta, u: step * delta as f64 }),
        }
    }

    /// Moves weight from `guess` to `truth` for every feature (nothing when they agree).
    pub(crate) fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            self.add(f, truth, 1.0);
            self.add(f, guess, -1.0);
        }
    }

    /// Counts one training instance (call once per prediction made in training).
    pub(crate) fn tick(&mut self) {
        self.step += 1.0;
    }

    /// The averaged weights; entries smaller than `min_abs` are dropped.
    pub(crate) fn average(&self, min_abs: f32) -> Weights {
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut b = WeightsBuilder::new(self.n_classes);
        for (k, r) in keys {
            let mut row: Vec<(u16, f32)> = self.rows[r as usize]
                .iter()
                .map(|e| (e.class, (e.w as f64 - e.u / self.step) as f32))
                .filter(|(_, w)| w.abs() >= min_abs)
                .collect();
            row.sort_unstable_by_key(|(c, _)| *c);
            b.push(k, &row);
        }
        b.build()
    }
}

struct WeightsBuilder {
    n_classes: usize,
    keys: Vec<u64>,
    starts: Vec<u32>,
    classes: Vec<u16>,
    values: Vec<f32>,
}

impl WeightsBuilder {
    fn new(n_classes: usize) -> Self {
        WeightsBuilder { n_classes, keys: Vec::new(), starts: vec![0], classes: Vec::new(), values: Vec::new() }
    }
    fn push(&mut self, key: u64, row: &[(u16, f32)]) {
        if row.is_empty() {
            return;
        }
        self.keys.push(key);
        for &(c, w) in row {
            self.classes.push(c);
            self.values.push(w);
        }
        self.starts.push(self.classes.len() as u32);
    }
    fn build(self) -> Weights {
        let cap = (self.keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![u32::MAX; cap];
        let mask = cap - 1;
        for (i, &k) in self.keys.iter().enumerate() {
            let mut s = (k as usize) & mask;
            while slots[s] != u32::MAX {
                s = (s + 1) & mask;
            }
            slots[s] = i as u32;
        }
        Weights {
            n_classes: self.n_classes,
            keys: self.keys,
            starts: self.starts,
            classes: self.classes,
            values: self.values,
            slots,
            mask,
        }
    }
}

/// Frozen averaged weights.
pub(crate) struct Weights {
    n_classes: usize,
    keys: Vec<u64>,
    starts: Vec<u32>,
    classes: Vec<u16>,
    values: Vec<f32>,
    slots: Vec<u32>,
    mask: usize,
}

impl Weights {
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let mut s = (key as usize) & self.mask;
        loop {
            let i = self.slots[s];
            if i == u32::MAX {
                return None;
            }
            if self.keys[i as usize] == key {
                return Some(i as usize);
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Adds every feature's weights into `scores` (which the caller zeroes).
    #[inline]
    pub(crate) fn add_scores(&self, feats: &[u64], scores: &mut [f32]) {
        for &f in feats {
            if let Some(i) = self.find(f) {
                let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
                for j in a..b {
                    if let Some(s) = scores.get_mut(self.classes[j] as usize) {
                        *s += self.values[j];
                    }
                }
            }
        }
    }

    /// Writes the weights quantised to 16 bits (one scale for the table); entries that round to 0 are dropped.
    pub(crate) fn write(&self, w: &mut ModelWriter) {
        let max = self.values.iter().fold(0f32, |m, v| m.max(v.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q = |v: f32| (v / scale).round().clamp(-32767.0, 32767.0) as i16;
        let wide = self.n_classes > 256;
        let rows: Vec<(u64, Vec<(u16, i16)>)> = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
                (k, (a..b).map(|j| (self.classes[j], q(self.values[j]))).filter(|(_, v)| *v != 0).collect())
            })
            .filter(|(_, row): &(u64, Vec<(u16, i16)>)| !row.is_empty())
            .collect();
        w.u32(self.n_classes as u32);
        w.f32(scale);
        w.u32(rows.len() as u32);
        for (k, row) in rows {
            w.u64(k);
            w.u16(row.len() as u16);
            for (c, v) in row {
                if wide {
                    w.u16(c);
                } else {
                    w.u8(c as u8);
                }
                w.u16(v as u16);
            }
        }
    }

    pub(crate) fn read(r: &mut ModelReader) -> Result<Weights, NlpError> {
        let n_classes = r.u32()? as usize;
        let scale = r.f32()?;
        let wide = n_classes > 256;
        let n = r.len()?;
        let mut b = WeightsBuilder::new(n_classes);
        b.keys.reserve(n);
        b.starts.reserve(n);
        let mut row = Vec::new();
        for _ in 0..n {
            let k = r.u64()?;
            let m = r.u16()? as usize;
            row.clear();
            for _ in 0..m {
                let c = if wide { r.u16()? } else { r.u8()? as u16 };
                if c as usize >= n_classes {
                    return Err(r.bad("class out of range"));
                }
                row.push((c, r.u16()? as i16 as f32 * scale));
            }
            b.push(k, &row);
        }
        Ok(b.build())
    }
}

/// A small deterministic random number generator (xorshift64*), for seeded shuffling and exploration.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Index of the best score among the allowed classes (the first on ties).
pub(crate) fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_separable_data_and_round_trips() {
        let mut t = PerceptronTrainer::new(2);
        let data = [(vec![1u64, 10], 0usize), (vec![2, 10], 1), (vec![1, 11], 0), (vec![2, 11], 1)];
        let mut scores = [0f32; 2];
        for _ in 0..5 {
            for (f, y) in &data {
                t.scores(f, &mut scores);
                let g = argmax(&scores, |_| true).unwrap();
                t.update(f, *y, g);
                t.tick();
            }
        }
        let w = t.average(0.0);
        for (f, y) in &data {
            let mut s = [0f32; 2];
            w.add_scores(f, &mut s);
            assert_eq!(argmax(&s, |_| true), Some(*y));
        }
        let mut out = ModelWriter::new(b"SRTEST01", 1);
        w.write(&mut out);
        let mut r = ModelReader::new(&out.buf, "test", b"SRTEST01", 1).unwrap();
        let w2 = Weights::read(&mut r).unwrap();
        r.finish().unwrap();
        let mut a = [0f32; 2];
        let mut b = [0f32; 2];
        w.add_scores(&[1, 11], &mut a);
        w2.add_scores(&[1, 11], &mut b);
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() < 1e-3, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!((0..5).map(|_| a.next_u64()).collect::<Vec<_>>(), (0..5).map(|_| b.next_u64()).collect::<Vec<_>>());
    }
}
