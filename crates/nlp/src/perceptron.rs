//! The averaged perceptron shared by the tagger, the parser and the labeller: [`PerceptronTrainer`] learns sparse
//! weights for hashed features, [`AveragedWeights`] are its averaged weights as a model file stores them, and
//! [`Weights`] / [`InlineWeights`] are the compact frozen tables used to predict (open addressing from a feature
//! key's fingerprint to its 16-bit weights).

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

    /// The averaged weights, quantised to 16 bits; entries smaller than `min_abs` are dropped.
    pub(crate) fn average(&self, min_abs: f32) -> AveragedWeights {
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let rows: Vec<(u64, Vec<(u16, f32)>)> = keys
            .into_iter()
            .map(|(k, r)| {
                let mut row: Vec<(u16, f32)> = self.rows[r as usize]
                    .iter()
                    .map(|e| (e.class, (e.w as f64 - e.u / self.step) as f32))
                    .filter(|(_, w)| w.abs() >= min_abs)
                    .collect();
                row.sort_unstable_by_key(|(c, _)| *c);
                (k, row)
            })
            .collect();
        let max = rows.iter().flat_map(|(_, r)| r.iter()).fold(0f32, |m, (_, w)| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let rows: Vec<(u64, Vec<(u16, i16)>)> = rows
            .into_iter()
            .map(|(k, r)| (k, r.into_iter().map(|(c, w)| (c, (w / scale).round() as i16)).filter(|(_, w)| *w != 0).collect::<Vec<_>>()))
            .filter(|(_, r)| !r.is_empty())
            .collect();
        AveragedWeights { n_classes: self.n_classes, scale, rows }
    }
}

/// Trained, averaged weights with their exact feature keys, sorted by key: what a model file stores. Prediction
/// uses the compact [`Weights`] (or [`InlineWeights`]) built from them.
pub(crate) struct AveragedWeights {
    n_classes: usize,
    scale: f32,
    rows: Vec<(u64, Vec<(u16, i16)>)>,
}

impl AveragedWeights {
    /// The table used to predict.
    pub(crate) fn freeze(&self) -> Weights {
        let mut w = Weights::with_capacity(self.n_classes, self.scale, self.rows.len(), self.rows.iter().map(|(_, r)| r.len()).sum());
        for (k, row) in &self.rows {
            w.insert(*k, row.iter().copied());
        }
        w.cells.shrink_to_fit();
        w
    }

    /// Writes the table in the format [`Weights::read`] reads.
    pub(crate) fn write(&self, w: &mut ModelWriter) {
        let wide = self.n_classes > 256;
        w.u32(self.n_classes as u32);
        w.f32(self.scale);
        w.u32(self.rows.len() as u32);
        w.u32(self.rows.iter().map(|(_, r)| r.len()).sum::<usize>() as u32);
        for (k, row) in &self.rows {
            w.u64(*k);
            w.u16(row.len() as u16);
            for &(class, weight) in row {
                if wide {
                    w.u16(class);
                } else {
                    w.u8(class as u8);
                }
                w.u16(weight as u16);
            }
        }
    }

    /// Writes a three-class table in the format [`InlineWeights::read`] reads: per feature, the second and third
    /// classes' weights relative to the first (only the order of the three scores matters), halved to fit 16 bits.
    pub(crate) fn write_inline(&self, w: &mut ModelWriter) {
        let half = |x: i32| ((x as f32) / 2.0).round().clamp(-32767.0, 32767.0) as i16;
        let rows: Vec<(u64, [i16; 2])> = self
            .rows
            .iter()
            .filter_map(|(k, cells)| {
                let mut row = [0i16; 3];
                for &(c, weight) in cells {
                    if let Some(x) = row.get_mut(c as usize) {
                        *x = weight;
                    }
                }
                (row != [0; 3]).then(|| (*k, [half(row[1] as i32 - row[0] as i32), half(row[2] as i32 - row[0] as i32)]))
            })
            .collect();
        w.u32(rows.len() as u32);
        for (k, d) in rows {
            w.u64(k);
            w.u16(d[0] as u16);
            w.u16(d[1] as u16);
        }
    }
}

/// The part of a 64-bit feature key a table slot keeps: its high half (the low bits choose the home slot), never 0,
/// which marks an empty slot. Two features in one probe run whose keys share the high 32 bits would be confused;
/// for hashed keys that is a chance of about one in four billion per probe, far below what changes a prediction,
/// and it halves the tables against storing whole keys.
#[inline]
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

/// A table slot: the key's fingerprint (0 when empty) and where its run of cells starts.
#[derive(Clone, Copy)]
#[repr(C)]
struct Slot {
    fingerprint: u32,
    start: u32,
}

/// One class weight, in units of the table's scale. The last cell of a run has [`LAST_CELL`] set in `class`.
#[derive(Clone, Copy)]
#[repr(C)]
struct Cell {
    class: u16,
    w: i16,
}

const LAST_CELL: u16 = 0x8000;

/// A slot's `start` with this bit set is a row of [`Weights::dense`] (the rest of the bits its index), else the
/// first of its run of cells.
const DENSE_ROW: u32 = 0x8000_0000;

/// Frozen averaged weights, 16-bit: an open-addressing table of 8-byte slots, each pointing at its run of cells,
/// or, for a feature with weights for many classes, at a dense row of one weight per class.
pub(crate) struct Weights {
    n_classes: usize,
    scale: f32,
    slots: Vec<Slot>,
    cells: Vec<Cell>,
    /// Rows of `n_classes` weights each (0 where a class has none), for the features whose runs are long: the
    /// frequent ones (the bias, common words, the previous tag), which most predictions read. Adding a dense row
    /// is a vectorised loop without a branch per cell; integer sums are the same in any order, so the scores
    /// are exactly those of the runs.
    dense: Vec<i32>,
    mask: usize,
}

impl Weights {
    fn with_capacity(n_classes: usize, scale: f32, n_keys: usize, n_cells: usize) -> Weights {
        let cap = (n_keys * 2).next_power_of_two().max(16);
        Weights {
            n_classes,
            scale,
            slots: vec![Slot { fingerprint: 0, start: 0 }; cap],
            cells: Vec::with_capacity(n_cells),
            dense: Vec::new(),
            mask: cap - 1,
        }
    }

    /// Runs at least this long are stored as dense rows: at a quarter of the classes a dense row takes at most
    /// four times the bytes of the run (4 bytes per class, already widened for the sums, against 4 per cell). Few features are that long (about
    /// 1 in 200 in the tagger), but they are the ones read for nearly every word.
    fn dense_min(&self) -> usize {
        (self.n_classes / 4).max(8)
    }

    /// Adds a feature and its non-empty row (classes below [`LAST_CELL`]; keys are unique and never 0; the table
    /// has room by construction).
    fn insert(&mut self, key: u64, row: impl Iterator<Item = (u16, i16)>) {
        let start = self.cells.len();
        self.cells.extend(row.map(|(class, w)| Cell { class, w }));
        if self.cells.len() == start {
            return;
        }
        let mut at = start as u32;
        let run = &self.cells[start..];
        let in_range = run.iter().all(|c| (c.class as usize) < self.n_classes);
        let distinct = || {
            let mut seen = vec![false; self.n_classes];
            run.iter().all(|c| !std::mem::replace(&mut seen[c.class as usize], true))
        };
        let row_index = self.dense.len() / self.n_classes.max(1);
        if run.len() >= self.dense_min() && in_range && distinct() && (row_index as u32) < DENSE_ROW {
            let base = self.dense.len();
            self.dense.resize(base + self.n_classes, 0);
            for c in &self.cells[start..] {
                self.dense[base + c.class as usize] = c.w as i32;
            }
            self.cells.truncate(start);
            at = DENSE_ROW | row_index as u32;
        } else {
            if let Some(last) = self.cells.last_mut() {
                last.class |= LAST_CELL;
            }
            debug_assert!((start as u32) < DENSE_ROW, "weight table over 2^31 cells");
        }
        let mut s = (key as usize) & self.mask;
        while self.slots[s].fingerprint != 0 {
            s = (s + 1) & self.mask;
        }
        self.slots[s] = Slot { fingerprint: fingerprint(key), start: at };
    }

    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Bytes the table holds in memory (slots and cells).
    pub(crate) fn memory_bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<Slot>()
            + self.cells.capacity() * std::mem::size_of::<Cell>()
            + self.dense.capacity() * std::mem::size_of::<i32>()
    }

    /// What one unit of a score is worth in perceptron weight.
    pub(crate) fn scale(&self) -> f32 {
        self.scale
    }

    /// Adds every feature's weights into `scores` (which the caller zeroes), in units of [`Weights::scale`].
    ///
    /// Each look-up is a cache miss in a table of many megabytes, and a feature's run of cells is a second one.
    /// The work is done in three passes so those misses overlap instead of queueing: first every feature's home
    /// slot is read (independent loads the CPU issues together), then the found runs' first cells, then the sums.
    #[inline]
    pub(crate) fn add_scores(&self, feats: &[u64], scores: &mut [i32]) {
        std::hint::black_box(feats.iter().fold(0u32, |acc, &f| acc ^ self.slots[(f as usize) & self.mask].fingerprint));
        let mut runs = [0u32; 128];
        let mut found = 0;
        for &f in feats {
            if let Some(start) = self.run_of(f) {
                if found == runs.len() {
                    self.add_run(start, scores);
                } else {
                    runs[found] = start;
                    found += 1;
                }
            }
        }
        let runs = &runs[..found];
        std::hint::black_box(runs.iter().fold(0u16, |acc, &start| acc ^ self.first_of_run(start)));
        for &start in runs {
            self.add_run(start, scores);
        }
    }

    /// Where a feature's cells start, if it has any.
    #[inline]
    fn run_of(&self, f: u64) -> Option<u32> {
        let fp = fingerprint(f);
        let mut s = (f as usize) & self.mask;
        loop {
            let slot = self.slots[s];
            if slot.fingerprint == fp {
                return Some(slot.start);
            }
            if slot.fingerprint == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Something of a run's first cell or row (read to bring it into the cache).
    #[inline]
    fn first_of_run(&self, start: u32) -> u16 {
        if start & DENSE_ROW != 0 {
            let row = (start & !DENSE_ROW) as usize * self.n_classes;
            self.dense.get(row).map_or(0, |&w| w as u16)
        } else {
            self.cells.get(start as usize).map_or(0, |c| c.class)
        }
    }

    #[inline]
    fn add_run(&self, start: u32, scores: &mut [i32]) {
        if start & DENSE_ROW != 0 {
            let row = (start & !DENSE_ROW) as usize * self.n_classes;
            let weights = self.dense.get(row..row + self.n_classes).unwrap_or(&[]);
            for (x, &w) in scores.iter_mut().zip(weights) {
                *x += w;
            }
            return;
        }
        for c in self.cells.get(start as usize..).unwrap_or(&[]) {
            if let Some(x) = scores.get_mut((c.class & !LAST_CELL) as usize) {
                *x += c.w as i32;
            }
            if c.class & LAST_CELL != 0 {
                break;
            }
        }
    }

    pub(crate) fn read(r: &mut ModelReader) -> Result<Weights, NlpError> {
        let n_classes = r.u32()? as usize;
        let scale = r.f32()?;
        let wide = n_classes > 256;
        if n_classes > LAST_CELL as usize {
            return Err(r.bad("too many classes"));
        }
        let n = r.len()?;
        let n_cells = r.len()?;
        let mut w = Weights::with_capacity(n_classes, scale, n, n_cells);
        let mut row: Vec<(u16, i16)> = Vec::new();
        for _ in 0..n {
            let k = r.u64()?;
            if k == 0 {
                return Err(r.bad("feature key 0"));
            }
            let m = r.u16()? as usize;
            row.clear();
            for _ in 0..m {
                let c = if wide { r.u16()? } else { r.u8()? as u16 };
                if c as usize >= n_classes {
                    return Err(r.bad("class out of range"));
                }
                row.push((c, r.u16()? as i16));
            }
            w.insert(k, row.drain(..));
        }
        // the runs moved to dense rows leave room the table no longer needs
        w.cells.shrink_to_fit();
        Ok(w)
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
pub(crate) fn argmax<T: PartialOrd + Copy>(scores: &[T], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, T)> = None;
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

    /// Long runs are stored as dense rows; the scores must be exactly the sums of every feature's cells.
    #[test]
    fn dense_rows_score_exactly_like_runs() {
        let n_classes = 40;
        let mut rng = Rng::new(7);
        let mut rows: Vec<(u64, Vec<(u16, i16)>)> = Vec::new();
        for (i, len) in [1usize, 3, 9, 10, 11, 25, 40, 2, 39, 12].into_iter().enumerate() {
            let mut classes: Vec<u16> = (0..n_classes as u16).collect();
            rng.shuffle(&mut classes);
            let mut row: Vec<(u16, i16)> =
                classes[..len].iter().map(|&c| (c, (rng.below(2001) as i16) - 1000)).collect();
            row.sort_unstable_by_key(|(c, _)| *c);
            rows.push((0x1234_5678_9abc_0000 + i as u64 * 0x1_0001, row));
        }
        let avg = AveragedWeights { n_classes, scale: 1.0, rows: rows.clone() };
        let w = avg.freeze();
        assert!(!w.dense.is_empty(), "some rows are long enough to be dense");
        let keys: Vec<u64> = rows.iter().map(|(k, _)| *k).chain([0xdead_beef_0000_0001]).collect();
        for take in [1, 3, 5, keys.len()] {
            for skip in 0..keys.len() - take + 1 {
                let feats = &keys[skip..skip + take];
                let mut expected = vec![0i32; n_classes];
                for (k, row) in &rows {
                    if feats.contains(k) {
                        for &(c, x) in row {
                            expected[c as usize] += x as i32;
                        }
                    }
                }
                let mut got = vec![0i32; n_classes];
                w.add_scores(feats, &mut got);
                assert_eq!(got, expected, "features {feats:x?}");
            }
        }
    }

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
        let avg = t.average(0.0);
        let w = avg.freeze();
        for (f, y) in &data {
            let mut s = [0i32; 2];
            w.add_scores(f, &mut s);
            assert_eq!(argmax(&s, |_| true), Some(*y));
        }
        let mut out = ModelWriter::new(b"SRTEST01", 1);
        avg.write(&mut out);
        let mut r = ModelReader::new(&out.buf, "test", b"SRTEST01", 1).unwrap();
        let w2 = Weights::read(&mut r).unwrap();
        r.finish().unwrap();
        let mut a = [0i32; 2];
        let mut b = [0i32; 2];
        w.add_scores(&[1, 11], &mut a);
        w2.add_scores(&[1, 11], &mut b);
        assert_eq!(a, b);
    }

    /// Keys that share a home slot (same low bits) or a fingerprint (same high bits) are still told apart, and
    /// an absent key adds nothing.
    #[test]
    fn colliding_keys_keep_their_own_weights() {
        let home = |hi: u64| (hi << 32) | 5;
        let avg = AveragedWeights {
            n_classes: 3,
            scale: 1.0,
            rows: vec![(home(7), vec![(0, 4), (2, -3)]), (home(9), vec![(1, 6)]), ((7 << 32) | 6, vec![(2, 2)])],
        };
        let w = avg.freeze();
        let scores = |feats: &[u64]| {
            let mut s = [0i32; 3];
            w.add_scores(feats, &mut s);
            s
        };
        assert_eq!(scores(&[home(7)]), [4, 0, -3]);
        assert_eq!(scores(&[home(9)]), [0, 6, 0]);
        assert_eq!(scores(&[(7 << 32) | 6]), [0, 0, 2]);
        assert_eq!(scores(&[home(8), (8 << 32) | 6]), [0, 0, 0]);

        let mut out = ModelWriter::new(b"SRTEST01", 1);
        avg.write_inline(&mut out);
        let mut r = ModelReader::new(&out.buf, "test", b"SRTEST01", 1).unwrap();
        let inline = InlineWeights::read(&mut r).unwrap();
        r.finish().unwrap();
        // relative to class 0 and halved: (0 - 4) / 2, (-3 - 4) / 2 rounded away from zero
        assert_eq!(inline.scores(&[home(7)]), [0, -2, -4]);
        assert_eq!(inline.scores(&[home(9)]), [0, 3, 0]);
        assert_eq!(inline.scores(&[home(8)]), [0, 0, 0]);
    }

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!((0..5).map(|_| a.next_u64()).collect::<Vec<_>>(), (0..5).map(|_| b.next_u64()).collect::<Vec<_>>());
    }
}

/// Weights for three classes (the parser's transitions), stored inline with their key: one 8-byte slot per
/// feature holds the key's [`fingerprint`] and the second and third classes' weights relative to the first (only
/// the order of the three scores matters), so a look-up touches one cache line and the table stays small.
pub(crate) struct InlineWeights {
    slots: Vec<InlineSlot>,
    mask: usize,
}

#[derive(Clone, Copy)]
#[repr(C)]
struct InlineSlot {
    fingerprint: u32,
    d: [i16; 2],
}

impl InlineWeights {
    fn with_capacity(n: usize) -> InlineWeights {
        // Load factor at most 1/2: most features looked up are absent, and a miss probes until an empty slot.
        let cap = (n * 2).next_power_of_two().max(16);
        InlineWeights { slots: vec![InlineSlot { fingerprint: 0, d: [0; 2] }; cap], mask: cap - 1 }
    }

    /// Adds a feature with the weights of classes 1 and 2 relative to class 0.
    fn insert_relative(&mut self, key: u64, d: [i16; 2]) {
        let mut s = (key as usize) & self.mask;
        while self.slots[s].fingerprint != 0 {
            s = (s + 1) & self.mask;
        }
        self.slots[s] = InlineSlot { fingerprint: fingerprint(key), d };
    }

    /// Bytes the table holds in memory.
    pub(crate) fn memory_bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<InlineSlot>()
    }

    /// Sums the weights of the features, per class (relative to class 0, whose score is 0).
    #[inline]
    pub(crate) fn scores(&self, feats: &[u64]) -> [i32; 3] {
        let mut out = [0i32; 3];
        // read every feature's home slot first: independent loads whose cache misses overlap (see Weights::add_scores)
        std::hint::black_box(feats.iter().fold(0u32, |acc, &f| acc ^ self.slots[(f as usize) & self.mask].fingerprint));
        for &f in feats {
            let fp = fingerprint(f);
            let mut s = (f as usize) & self.mask;
            loop {
                let slot = &self.slots[s];
                if slot.fingerprint == fp {
                    out[1] += slot.d[0] as i32;
                    out[2] += slot.d[1] as i32;
                    break;
                }
                if slot.fingerprint == 0 {
                    break;
                }
                s = (s + 1) & self.mask;
            }
        }
        out
    }

    /// Reads a table written by [`AveragedWeights::write_inline`].
    pub(crate) fn read(r: &mut ModelReader) -> Result<InlineWeights, NlpError> {
        let n = r.len()?;
        let mut out = InlineWeights::with_capacity(n);
        for _ in 0..n {
            let k = r.u64()?;
            if k == 0 {
                return Err(r.bad("feature key 0"));
            }
            let d = [r.u16()? as i16, r.u16()? as i16];
            out.insert_relative(k, d);
        }
        Ok(out)
    }
}
