//! The arc labeller: given a tree, labels each arc with a UD relation, top-down so a word's label can depend on its
//! head's. Features look at the dependent, the head, the grandparent, direction and distance, the dependent's own
//! children ("by" under an oblique makes it `obl:agent`) and its siblings (a passive auxiliary next to a subject
//! makes it `nsubj:pass`).

use std::collections::HashMap;

use crate::error::NlpError;
use crate::features::feat;
use crate::model_io::{ModelReader, ModelWriter};
use crate::parser::WordH;
use crate::perceptron::{argmax, AveragedWeights, PerceptronTrainer, Rng, Weights};

const NONE_H: u64 = 0x4e4f_4e45;

pub(crate) struct Labeler {
    labels: Vec<String>,
    root: u16,
    weights: Weights,
}

/// A labeller as training leaves it, with exact feature keys: what the parser's model file stores.
pub(crate) struct TrainedLabeler {
    labels: Vec<String>,
    root: u16,
    weights: AveragedWeights,
}

impl TrainedLabeler {
    /// Writes the labeller in the format [`Labeler::read`] reads.
    pub(crate) fn write(&self, w: &mut ModelWriter) {
        w.strs(&self.labels);
        w.u16(self.root);
        self.weights.write(w);
    }
}

/// Words ordered top-down (parents before children), each with its children in sentence order.
fn topdown(heads: &[usize]) -> (Vec<usize>, Vec<Vec<usize>>) {
    let n = heads.len();
    let mut children = vec![Vec::new(); n + 1];
    for (d, &h) in heads.iter().enumerate() {
        children[h.min(n)].push(d);
    }
    let mut order = Vec::with_capacity(n);
    let mut queue = vec![n];
    let mut seen = vec![false; n + 1];
    while let Some(x) = queue.pop() {
        if seen[x] {
            continue;
        }
        seen[x] = true;
        if x < n {
            order.push(x);
        }
        for &c in children[x].iter().rev() {
            queue.push(c);
        }
    }
    // Anything unreachable (not possible from the parser, but heads may come from elsewhere) goes last.
    order.extend((0..n).filter(|&i| !seen[i]));
    (order, children)
}

fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=6 => 4,
        _ => 5,
    }
}

fn features(
    wh: &[WordH],
    heads: &[usize],
    children: &[Vec<usize>],
    labels: &[u64],
    d: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let n = heads.len();
    let h = heads[d].min(n);
    let (dw, dt) = (wh[d].w, wh[d].t);
    let (hw, ht) = (wh[h].w, wh[h].t);
    let hl = if h < n { labels[h] } else { NONE_H };
    let g = if h < n { heads[h].min(n) } else { n };
    let gt = if h < n { wh[g].t } else { NONE_H };
    let dir = (d < h) as u64;
    let dist = dist_bucket(d.abs_diff(h));
    let prev_t = if d > 0 { wh[d - 1].t } else { NONE_H };
    let next_t = if d + 1 < n { wh[d + 1].t } else { NONE_H };
    let f = |out: &mut Vec<u64>, id: u32, a: u64, b: u64, c: u64| out.push(feat(id + 200, a, b, c));
    f(out, 0, 0, 0, 0);
    f(out, 1, dw, 0, 0);
    f(out, 2, dt, 0, 0);
    f(out, 3, dw, dt, 0);
    f(out, 4, hw, 0, 0);
    f(out, 5, ht, 0, 0);
    f(out, 6, hw, ht, 0);
    f(out, 7, dt, ht, 0);
    f(out, 8, dw, ht, 0);
    f(out, 9, dt, hw, 0);
    f(out, 10, dw, hw, 0);
    f(out, 11, dt, ht, dir);
    f(out, 12, feat(0, dt, ht, dir), dist, 0);
    f(out, 13, dw, dir, 0);
    f(out, 14, dt, dir, dist);
    f(out, 15, hl, dt, 0);
    f(out, 16, hl, dt, ht);
    f(out, 17, gt, ht, dt);
    f(out, 18, dt, prev_t, 0);
    f(out, 19, dt, next_t, 0);
    f(out, 20, dt, children[d].len().min(5) as u64, 0);
    f(out, 21, dt, (d == 0) as u64, (d + 1 == n) as u64);
    f(out, 22, hl, dt, dir);
    for &c in children[d].iter().take(6) {
        let side = (c < d) as u64;
        f(out, 30, dt, wh[c].w, side);
        f(out, 31, dt, wh[c].t, side);
        f(out, 32, feat(0, dt, ht, dir), wh[c].w, 0);
    }
    let sibs = &children[h];
    let pos = sibs.iter().position(|&s| s == d).unwrap_or(0);
    let lo = pos.saturating_sub(3);
    let hi = (pos + 4).min(sibs.len());
    for &s in &sibs[lo..hi] {
        if s == d {
            continue;
        }
        let side = (s < h) as u64 * 2 + (s < d) as u64;
        f(out, 40, feat(0, dt, dir, side), wh[s].w, 0);
        f(out, 41, feat(0, dt, dir, side), wh[s].t, 0);
        f(out, 42, feat(0, dt, ht, side), wh[s].t, 0);
    }
    // Rank among the head's dependents on the same side (first subject-like slot vs later ones).
    let rank = sibs
        .iter()
        .filter(|&&s| (s < h) == (d < h) && s.abs_diff(h) < d.abs_diff(h))
        .count()
        .min(3) as u64;
    f(out, 50, dt, dir, rank);
    f(out, 51, dt, ht, rank);
}

impl Labeler {
    pub(crate) fn memory_bytes(&self) -> usize {
        self.weights.memory_bytes()
    }

    pub(crate) fn label_name(&self, l: u16) -> &str {
        self.labels.get(l as usize).map_or("dep", |s| s.as_str())
    }

    /// Labels every word of a tree (`heads[i]` = n for the root).
    pub(crate) fn label(&self, wh: &[WordH], heads: &[usize]) -> Vec<u16> {
        let all = vec![true; heads.len()];
        self.label_some(wh, heads, &all)
            .into_iter()
            .map(|l| l.unwrap_or(0))
            .collect()
    }

    /// Labels the words `wanted` marks and every word above them (a word's features read its head's label, and
    /// nothing else labelled), each exactly as [`Labeler::label`] would; the others stay `None`.
    pub(crate) fn label_some(
        &self,
        wh: &[WordH],
        heads: &[usize],
        wanted: &[bool],
    ) -> Vec<Option<u16>> {
        let n = heads.len();
        let mut needed = vec![false; n];
        for start in (0..n).filter(|&i| wanted.get(i).copied().unwrap_or(false)) {
            let mut d = start;
            // up to the root or to a word already marked; the step bound keeps a malformed tree from looping
            for _ in 0..=n {
                if d >= n || needed[d] {
                    break;
                }
                needed[d] = true;
                d = heads[d];
            }
        }
        let (order, children) = topdown(heads);
        let mut labels = vec![None; n];
        let mut lab_h = vec![NONE_H; n];
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0i32; self.labels.len()];
        for d in order.into_iter().filter(|&d| needed[d]) {
            let l = if heads[d] >= n {
                self.root
            } else {
                features(wh, heads, &children, &lab_h, d, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0);
                self.weights.add_scores(&feats, &mut scores);
                argmax(&scores, |c| c != self.root as usize).unwrap_or(0) as u16
            };
            labels[d] = Some(l);
            lab_h[d] = l as u64 + 1;
        }
        labels
    }

    /// Trains on gold trees: (word hashes with the root last, heads with n for the root, labels).
    pub(crate) fn train(
        data: &[(Vec<WordH>, Vec<usize>, Vec<String>)],
        epochs: usize,
        seed: u64,
    ) -> Result<TrainedLabeler, NlpError> {
        let mut ids: HashMap<String, u16> = HashMap::new();
        let mut labels: Vec<String> = Vec::new();
        for (_, _, ls) in data {
            for l in ls {
                if !ids.contains_key(l) {
                    ids.insert(l.clone(), labels.len() as u16);
                    labels.push(l.clone());
                }
            }
        }
        let root = match ids.get("root") {
            Some(&r) => r,
            None => {
                labels.push("root".into());
                (labels.len() - 1) as u16
            }
        };
        let mut trainer = PerceptronTrainer::new(labels.len());
        let mut rng = Rng::new(seed ^ 0x1abe1);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0f32; labels.len()];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &si in &order {
                let (wh, heads, gold) = &data[si];
                let n = heads.len();
                let (top, children) = topdown(heads);
                let mut lab_h = vec![NONE_H; n];
                for d in top {
                    let truth = ids.get(&gold[d]).copied().unwrap_or(0) as usize;
                    let l = if heads[d] >= n {
                        root as usize
                    } else {
                        features(wh, heads, &children, &lab_h, d, &mut feats);
                        trainer.scores(&feats, &mut scores);
                        let g = argmax(&scores, |c| c != root as usize).unwrap_or(0);
                        if truth != root as usize {
                            trainer.update(&feats, truth, g);
                        }
                        trainer.tick();
                        g
                    };
                    lab_h[d] = l as u64 + 1;
                }
            }
        }
        Ok(TrainedLabeler {
            labels,
            root,
            weights: trainer.average(1e-3),
        })
    }

    pub(crate) fn read(r: &mut ModelReader) -> Result<Labeler, NlpError> {
        let labels = r.strs()?;
        let root = r.u16()?;
        if root as usize >= labels.len() {
            return Err(r.bad("root label out of range"));
        }
        let weights = Weights::read(r)?;
        if weights.n_classes() != labels.len() {
            return Err(r.bad("label weights have another number of classes"));
        }
        Ok(Labeler {
            labels,
            root,
            weights,
        })
    }
}
