//! Scoring a predicted CoNLL-U file against gold with the same words: UPOS, XPOS, lemma, UAS and LAS. Every word
//! counts, punctuation included (the CoNLL 2018 convention). LAS compares full labels with subtypes (`nsubj:pass`);
//! `las_universal` compares only the universal part, as the CoNLL 2018 script does.

use crate::conllu::ConlluSentence;
use crate::error::NlpError;

/// Counts of correct words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
    pub uas: usize,
    pub las: usize,
    pub las_universal: usize,
}

fn universal(l: &str) -> &str {
    l.split(':').next().unwrap_or(l)
}

impl Scores {
    /// Adds one sentence pair; the word counts must agree.
    pub fn add(&mut self, gold: &ConlluSentence, pred: &ConlluSentence) -> Result<(), NlpError> {
        if gold.words.len() != pred.words.len() {
            return Err(NlpError::Training(format!(
                "sentence {:?}: gold has {} words, prediction {}",
                gold.comment("sent_id").unwrap_or("?"),
                gold.words.len(),
                pred.words.len()
            )));
        }
        for (g, p) in gold.words.iter().zip(&pred.words) {
            self.words += 1;
            self.upos += (g.upos == p.upos) as usize;
            self.xpos += (g.xpos == p.xpos) as usize;
            self.lemma += (g.lemma == p.lemma) as usize;
            if g.head == p.head {
                self.uas += 1;
                self.las += (g.deprel == p.deprel) as usize;
                self.las_universal += (universal(&g.deprel) == universal(&p.deprel)) as usize;
            }
        }
        Ok(())
    }

    /// A count as a percentage of the words.
    pub fn pct(&self, n: usize) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            100.0 * n as f64 / self.words as f64
        }
    }

    /// One line: `words 25096  UPOS 95.61  XPOS ...`.
    pub fn to_line(&self) -> String {
        format!(
            "words {}  UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  (LAS universal labels {:.2})",
            self.words,
            self.pct(self.upos),
            self.pct(self.xpos),
            self.pct(self.lemma),
            self.pct(self.uas),
            self.pct(self.las),
            self.pct(self.las_universal)
        )
    }
}

/// Scores predicted sentences against gold ones, in order.
pub fn score(gold: &[ConlluSentence], pred: &[ConlluSentence]) -> Result<Scores, NlpError> {
    if gold.len() != pred.len() {
        return Err(NlpError::Training(format!("{} gold sentences, {} predicted", gold.len(), pred.len())));
    }
    let mut s = Scores::default();
    for (g, p) in gold.iter().zip(pred) {
        s.add(g, p)?;
    }
    Ok(s)
}
