//! The lemmatizer: a table of (word, tag) → lemma learned from the training treebank, and for unseen words suffix
//! rules learned from its word types ("-ied" → "-y" for VBD), chosen by the longest matching suffix for the tag.

use std::collections::HashMap;

use crate::conllu::ConlluSentence;
use crate::error::NlpError;
use crate::features::suffix;
use crate::model_io::{ModelReader, ModelWriter};

/// A rewrite: take the form (or its lower case), strip `strip` characters, append `append`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Rule {
    lower: bool,
    strip: u8,
    append: String,
}

impl Rule {
    fn learn(form: &str, lemma: &str) -> Rule {
        let make = |src: &str, lower: bool| {
            let common = src.chars().zip(lemma.chars()).take_while(|(a, b)| a == b).count();
            let strip = src.chars().count() - common;
            let append: String = lemma.chars().skip(common).collect();
            Rule { lower, strip: strip.min(255) as u8, append }
        };
        let a = make(form, false);
        let b = make(&form.to_lowercase(), true);
        if (b.strip as usize + b.append.len()) <= (a.strip as usize + a.append.len()) {
            b
        } else {
            a
        }
    }

    fn apply(&self, form: &str) -> Option<String> {
        let src = if self.lower { form.to_lowercase() } else { form.to_string() };
        let n = src.chars().count();
        if self.strip as usize > n || (self.strip as usize == n && self.append.is_empty()) {
            return None;
        }
        let mut out: String = src.chars().take(n - self.strip as usize).collect();
        out.push_str(&self.append);
        Some(out)
    }
}

const MAX_SUFFIX: usize = 5;

/// Lemmas by table and suffix rules, keyed by the tagger's class (the UPOS+XPOS pair).
pub struct Lemmatizer {
    table: HashMap<(String, u16), String>,
    rules: HashMap<(u16, String), Rule>,
    /// Classes whose lemma is the form itself when unseen (proper nouns).
    keep_form: Vec<bool>,
}

impl Lemmatizer {
    /// Learns from gold sentences; `class_of` maps a word's (UPOS, XPOS) to the tagger's class.
    pub fn train(
        sentences: &[ConlluSentence],
        class_of: &dyn Fn(&str, &str) -> Option<u16>,
        class_upos: &[String],
    ) -> Lemmatizer {
        let mut counts: HashMap<(String, u16), HashMap<String, u32>> = HashMap::new();
        let mut forms: HashMap<(String, u16, String), ()> = HashMap::new();
        for s in sentences {
            for w in &s.words {
                let Some(c) = class_of(&w.upos, &w.xpos) else { continue };
                if w.lemma == "_" {
                    continue;
                }
                *counts.entry((w.form.to_lowercase(), c)).or_default().entry(w.lemma.clone()).or_default() += 1;
                forms.insert((w.form.clone(), c, w.lemma.clone()), ());
            }
        }
        let mut table = HashMap::new();
        for (k, lemmas) in counts {
            let mut best: Vec<(String, u32)> = lemmas.into_iter().collect();
            best.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            table.insert(k, best.swap_remove(0).0);
        }
        // Suffix rules from word types (how unseen words behave), most frequent rule per (class, suffix).
        let mut rule_counts: HashMap<(u16, String), HashMap<Rule, u32>> = HashMap::new();
        for (form, c, lemma) in forms.keys() {
            let rule = Rule::learn(form, lemma);
            let lower = form.to_lowercase();
            for k in 0..=MAX_SUFFIX.min(lower.chars().count()) {
                let suf = suffix(&lower, k).to_string();
                *rule_counts.entry((*c, suf)).or_default().entry(rule.clone()).or_default() += 1;
            }
        }
        let mut rules = HashMap::new();
        for (k, rs) in rule_counts {
            let total: u32 = rs.values().sum();
            let mut best: Vec<(Rule, u32)> = rs.into_iter().collect();
            best.sort_by(|a, b| {
                b.1.cmp(&a.1).then_with(|| (a.0.strip, &a.0.append, a.0.lower).cmp(&(b.0.strip, &b.0.append, b.0.lower)))
            });
            if total >= 2 || k.1.is_empty() {
                rules.insert(k, best.swap_remove(0).0);
            }
        }
        let keep_form = class_upos.iter().map(|u| u == "PROPN").collect();
        Lemmatizer { table, rules, keep_form }
    }

    /// The lemma of `form` tagged with `class`.
    pub fn lemma(&self, form: &str, class: u16) -> String {
        let lower = form.to_lowercase();
        if let Some(l) = self.table.get(&(lower.clone(), class)) {
            return l.clone();
        }
        if self.keep_form.get(class as usize).copied().unwrap_or(false) {
            return form.to_string();
        }
        for k in (0..=MAX_SUFFIX.min(lower.chars().count())).rev() {
            if let Some(rule) = self.rules.get(&(class, suffix(&lower, k).to_string())) {
                if let Some(l) = rule.apply(form) {
                    return l;
                }
            }
        }
        lower
    }

    pub(crate) fn write(&self, w: &mut ModelWriter) {
        let mut table: Vec<_> = self.table.iter().collect();
        table.sort();
        w.u32(table.len() as u32);
        for ((form, c), lemma) in table {
            w.str(form);
            w.u16(*c);
            w.str(lemma);
        }
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort_by(|a, b| a.0.cmp(b.0));
        w.u32(rules.len() as u32);
        for ((c, suf), r) in rules {
            w.u16(*c);
            w.str(suf);
            w.u8(r.lower as u8);
            w.u8(r.strip);
            w.str(&r.append);
        }
        w.u32(self.keep_form.len() as u32);
        for &k in &self.keep_form {
            w.u8(k as u8);
        }
    }

    pub(crate) fn read(r: &mut ModelReader) -> Result<Lemmatizer, NlpError> {
        let n = r.len()?;
        let mut table = HashMap::with_capacity(n);
        for _ in 0..n {
            let form = r.str()?;
            let c = r.u16()?;
            table.insert((form, c), r.str()?);
        }
        let n = r.len()?;
        let mut rules = HashMap::with_capacity(n);
        for _ in 0..n {
            let c = r.u16()?;
            let suf = r.str()?;
            let lower = r.u8()? != 0;
            let strip = r.u8()?;
            let append = r.str()?;
            rules.insert((c, suf), Rule { lower, strip, append });
        }
        let n = r.len()?;
        let keep_form = (0..n).map(|_| r.u8().map(|b| b != 0)).collect::<Result<_, _>>()?;
        Ok(Lemmatizer { table, rules, keep_form })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_learn_and_apply() {
        let r = Rule::learn("carried", "carry");
        assert_eq!(r.apply("buried").as_deref(), Some("bury"));
        let r = Rule::learn("The", "the");
        assert!(r.lower);
        let r = Rule::learn("Bush", "Bush");
        assert_eq!(r.apply("Obama").as_deref(), Some("Obama"));
    }
}
