//! Roles from the dependency parse: the trigger's subject, object, passive agent ("were killed by X"), targets
//! ("attack on X"), a noun trigger's possessor or modifier ("Turkey's offensive", "Turkish strike"), subjects
//! shared through control and coordination ("threatened to attack", "killed 20 and seized weapons"), and the noun
//! a reduced relative modifies ("forces, supported by Russia"). Each syntactic argument becomes the actor mentions
//! inside it, with their coordinated partners. Where the parse finds no argument for a role, the positional
//! reading in `roles.rs` fills it.

use sitrep_nlp::ParsedSentence;

use crate::mentions::Mention;

/// What the parse says about one trigger; `None` for a role means the parse has no argument there.
#[derive(Debug, Default)]
pub(crate) struct SyntaxRoles<'m> {
    pub actors: Option<Vec<&'m Mention>>,
    pub recipients: Option<Vec<&'m Mention>>,
}

/// Prepositions that mark the one acted upon after an action word ("attack on", "fired at", "sanctions against").
const TARGET_CASES: &[&str] = &["on", "against", "at", "into", "upon", "targeting", "with"];

pub(crate) struct ParseView<'p> {
    parsed: &'p ParsedSentence,
    /// Byte offset of the sentence in the document: token offsets minus this are offsets into the sentence.
    base: usize,
    /// The words whose labels were read, so a test can check [`labels_read`] covers them.
    #[cfg(test)]
    labels_seen: std::cell::RefCell<Vec<usize>>,
}

impl<'p> ParseView<'p> {
    pub(crate) fn new(parsed: &'p ParsedSentence, base: usize) -> Self {
        ParseView {
            parsed,
            base,
            #[cfg(test)]
            labels_seen: Default::default(),
        }
    }

    fn len(&self) -> usize {
        self.parsed.tokens.len()
    }

    fn range(&self, i: usize) -> (usize, usize) {
        let t = &self.parsed.tokens[i];
        (t.start.saturating_sub(self.base), t.end.saturating_sub(self.base))
    }

    fn rel(&self, i: usize) -> &str {
        #[cfg(test)]
        self.labels_seen.borrow_mut().push(i);
        &self.parsed.tokens[i].deprel
    }

    fn head(&self, i: usize) -> Option<usize> {
        let h = self.parsed.tokens[i].head;
        (h > 0 && h <= self.len()).then(|| h - 1)
    }

    fn children(&self, i: usize) -> Vec<usize> {
        self.parsed.dependents(i).collect()
    }

    fn child_with(&self, i: usize, rels: &[&str]) -> Option<usize> {
        self.children(i).into_iter().find(|&c| rels.contains(&self.rel(c)))
    }

    /// The lower-cased case marker ("by", "on") of a nominal, if any.
    fn case_of(&self, i: usize) -> Option<String> {
        self.children(i).into_iter().find(|&c| self.rel(c) == "case").map(|c| self.parsed.tokens[c].form.to_lowercase())
    }

    /// Byte range (in the sentence) covered by token `i` and everything below it.
    fn yield_range(&self, i: usize) -> (usize, usize) {
        let (mut lo, mut hi) = self.range(i);
        let mut stack = vec![i];
        let mut steps = 0;
        while let Some(k) = stack.pop() {
            steps += 1;
            if steps > self.len() {
                break; // a malformed tree cannot loop us forever
            }
            for c in self.children(k) {
                let (a, b) = self.range(c);
                lo = lo.min(a);
                hi = hi.max(b);
                stack.push(c);
            }
        }
        (lo, hi)
    }

    /// The token that heads the trigger's words: the one whose head lies outside them.
    fn trigger_head(&self, trigger: (usize, usize)) -> Option<usize> {
        let inside: Vec<usize> = (0..self.len())
            .filter(|&i| {
                let (a, b) = self.range(i);
                a < trigger.1 && trigger.0 < b
            })
            .collect();
        inside.iter().copied().find(|&i| self.head(i).is_none_or(|h| !inside.contains(&h))).or(inside.first().copied())
    }

    /// The actor mentions an argument token stands for: the mention holding its head word, else the first actor
    /// mention inside its phrase; plus those of its conjuncts ("Baghdad and Ankara").
    fn mentions_of<'m>(&self, arg: usize, mentions: &'m [Mention], eligible: &dyn Fn(&Mention) -> bool) -> Vec<&'m Mention> {
        let mut out: Vec<&'m Mention> = Vec::new();
        let mut args = vec![arg];
        args.extend(self.children(arg).into_iter().filter(|&c| self.rel(c) == "conj"));
        for a in args {
            let (ha, hb) = self.range(a);
            let (ya, yb) = self.yield_range(a);
            let own = mentions.iter().find(|m| eligible(m) && m.start < hb && ha < m.end);
            let inner = || mentions.iter().find(|m| eligible(m) && ya <= m.start && m.end <= yb);
            if let Some(m) = own.or_else(inner) {
                if !out.iter().any(|o| std::ptr::eq(*o, m)) {
                    out.push(m);
                }
            }
        }
        out
    }
}

/// The words whose labels [`syntax_roles`] may read for these triggers, so only they are labelled: the words of
/// each trigger and their heads (the trigger's head word, and the noun or verb above it), with their children
/// (subjects, objects, obliques, conjuncts) and grandchildren (an argument's case marker and conjuncts). `ranges`
/// are the tokens' byte ranges in the sentence, `heads` their heads (0 = root, else 1-based).
pub(crate) fn labels_read(
    ranges: &[(usize, usize)],
    heads: &[usize],
    triggers: &[(usize, usize)],
) -> Vec<usize> {
    let n = ranges.len().min(heads.len());
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (d, &h) in heads.iter().take(n).enumerate() {
        if (1..=n).contains(&h) {
            children[h - 1].push(d);
        }
    }
    let mut tops: Vec<usize> = Vec::new();
    for (i, &(a, b)) in ranges.iter().take(n).enumerate() {
        if triggers.iter().any(|&(ta, tb)| a < tb && ta < b) {
            tops.push(i);
            if (1..=n).contains(&heads[i]) {
                tops.push(heads[i] - 1);
            }
        }
    }
    let mut wanted = tops.clone();
    for &t in &tops {
        for &c in &children[t] {
            wanted.push(c);
            wanted.extend(&children[c]);
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    wanted
}

/// Which mentions the parse may name as a trigger's actors or recipients: actors, not before a dateline dash, not
/// inside the trigger, not inside an excluded range (the reporters). [`syntax_roles`] names no other mention.
struct Eligible<'a> {
    dateline_end: usize,
    excluded: &'a [(usize, usize)],
    trigger: (usize, usize),
}

impl<'a> Eligible<'a> {
    fn new(s: &str, excluded: &'a [(usize, usize)], trigger: (usize, usize)) -> Self {
        // "MOGADISHU, Feb 26 (EAW) – Seven soldiers were killed": nothing before a dateline dash takes part
        let dateline_end = s.get(..trigger.0).and_then(|head| head.rfind(['–', '—'])).unwrap_or(0);
        Eligible { dateline_end, excluded, trigger }
    }

    fn admits(&self, m: &Mention) -> bool {
        let (trigger, excluded) = (self.trigger, self.excluded);
        m.is_actor()
            && m.start >= self.dateline_end
            && !(m.start < trigger.1 && trigger.0 < m.end)
            && !excluded.iter().any(|&(a, b)| m.start < b && a < m.end)
    }
}

/// Whether [`syntax_roles`] can name anyone for this trigger, whatever the parse: false when no mention is
/// eligible, and then every role it returns is absent or empty, so [`combine`] keeps the positional reading and
/// the sentence need not be parsed for this trigger.
pub(crate) fn may_name_roles(
    s: &str,
    mentions: &[Mention],
    excluded: &[(usize, usize)],
    trigger: (usize, usize),
) -> bool {
    let eligible = Eligible::new(s, excluded, trigger);
    mentions.iter().any(|m| eligible.admits(m))
}

/// The parse's reading of the trigger at byte range `trigger` of the sentence.
pub(crate) fn syntax_roles<'m>(
    view: &ParseView<'_>,
    s: &str,
    mentions: &'m [Mention],
    excluded: &[(usize, usize)],
    trigger: (usize, usize),
) -> SyntaxRoles<'m> {
    let Some(v) = view.trigger_head(trigger) else { return SyntaxRoles::default() };
    let eligible = Eligible::new(s, excluded, trigger);
    let eligible = |m: &Mention| eligible.admits(m);
    let of = |arg: usize| view.mentions_of(arg, mentions, &eligible);
    // "forces, supported by Russia": a participle on a noun is passive — unless it has an object, when the parser
    // read "Regime forces attacked SDF positions" as a reduced relative and the noun is really the subject
    let has_object = view.child_with(v, &["obj"]).is_some();
    let reduced_relative = view.rel(v) == "acl" && view.parsed.tokens[v].xpos == "VBN" && !has_object;
    if view.rel(v) == "acl" && has_object {
        let mut roles = SyntaxRoles::default();
        if let Some(noun) = view.head(v) {
            roles.actors = Some(of(noun)).filter(|a| !a.is_empty());
        }
        roles.recipients = view.child_with(v, &["obj"]).map(of).filter(|r| !r.is_empty());
        return roles;
    }
    let passive = reduced_relative || view.child_with(v, &["nsubj:pass", "aux:pass"]).is_some();
    let upos = view.parsed.tokens[v].upos.as_str();
    let nominal = matches!(upos, "NOUN" | "PROPN");

    let mut roles = SyntaxRoles::default();
    if nominal {
        // "Turkey's offensive", "the Turkish strike", "strike by X"; "strike on X", "attack against X"
        for c in view.children(v) {
            let rel = view.rel(c);
            let case = view.case_of(c);
            if rel == "nmod:poss" || rel == "amod" || rel == "compound" || (rel == "nmod" && case.as_deref() == Some("by")) {
                let found = of(c);
                if !found.is_empty() && roles.actors.is_none() {
                    roles.actors = Some(found);
                }
            } else if rel == "nmod" && case.as_deref().is_some_and(|k| TARGET_CASES.contains(&k)) {
                let found = of(c);
                if !found.is_empty() && roles.recipients.is_none() {
                    roles.recipients = Some(found);
                }
            }
        }
        // "X launched an attack on Y": the light verb's subject acts
        if roles.actors.is_none() && view.rel(v) == "obj" {
            if let Some(verb) = view.head(v) {
                if let Some(subj) = view.child_with(verb, &["nsubj"]) {
                    roles.actors = Some(of(subj));
                }
            }
        }
        return roles;
    }

    if passive {
        if let Some(subj) = view.child_with(v, &["nsubj:pass"]) {
            roles.recipients = Some(of(subj));
        }
        let agent = view.children(v).into_iter().find(|&c| {
            view.rel(c) == "obl:agent" || view.rel(c) == "obl" && view.case_of(c).as_deref() == Some("by")
        });
        if let Some(agent) = agent {
            roles.actors = Some(of(agent));
        }
    } else {
        if let Some(subj) = view.child_with(v, &["nsubj"]) {
            roles.actors = Some(of(subj));
        } else if matches!(view.rel(v), "xcomp" | "conj") {
            // "threatened to attack", "killed 20 soldiers and seized weapons": the subject is shared
            if let Some(subj) = view.head(v).and_then(|h| view.child_with(h, &["nsubj"])) {
                roles.actors = Some(of(subj));
            }
        }
        if let Some(obj) = view.child_with(v, &["obj", "iobj"]) {
            let found = of(obj);
            if !found.is_empty() {
                roles.recipients = Some(found);
            }
        }
        if roles.recipients.is_none() {
            let target = view
                .children(v)
                .into_iter()
                .find(|&c| view.rel(c) == "obl" && view.case_of(c).as_deref().is_some_and(|k| TARGET_CASES.contains(&k)));
            if let Some(t) = target {
                let found = of(t);
                if !found.is_empty() {
                    roles.recipients = Some(found);
                }
            }
        }
    }
    // "Syrian forces, supported by Russia, ...": a participle modifying a noun acts on (passive) that noun
    if reduced_relative && roles.recipients.is_none() {
        if let Some(noun) = view.head(v) {
            let found = of(noun);
            if !found.is_empty() {
                roles.recipients = Some(found);
            }
        }
    }
    roles
}

/// The positional reading with each role the parse fills replaced by the parse's.
pub(crate) fn combine<'m>(positional: crate::roles::Roles<'m>, syntax: SyntaxRoles<'m>) -> crate::roles::Roles<'m> {
    let actors = syntax.actors.filter(|a| !a.is_empty()).unwrap_or(positional.actors);
    let recipients: Vec<&Mention> = syntax
        .recipients
        .filter(|r| !r.is_empty())
        .unwrap_or(positional.recipients)
        .into_iter()
        .filter(|r| !actors.iter().any(|a| std::ptr::eq(*a, *r)))
        .collect();
    crate::roles::Roles { actors, recipients, passive: positional.passive }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::MentionKind;

    fn mention(s: &str, word: &str) -> Mention {
        let start = s.find(word).unwrap();
        Mention {
            start,
            end: start + word.len(),
            name: word.to_string(),
            code: Some("X".into()),
            country: None,
            sector: None,
            kind: MentionKind::Named,
            locative: false,
            modifier: false,
        }
    }

    /// The coder skips the parse where `may_name_roles` says no mention is eligible: the parse must then name no one
    /// (every role absent or empty), so combining it changes nothing.
    #[test]
    fn no_eligible_mention_means_the_parse_names_no_one() {
        let cases: &[(&str, &str, &[&str], &[&str])] = &[
            // the only actors are inside the reporting phrase
            (
                "Seven soldiers were killed near the town, the Syrian army said.",
                "killed",
                &["Syrian army"],
                &["the Syrian army"],
            ),
            // before a dateline dash
            ("BAGHDAD, Iraq – Gunmen killed seven people on Monday.", "killed", &["Iraq"], &[]),
            // inside the trigger itself
            ("The army attack on the village killed seven people.", "army attack", &["army"], &[]),
        ];
        let nlp = sitrep_nlp::Pipeline::builtin().unwrap();
        for (text, trigger, actors, reporters) in cases {
            let sentence = &sitrep_nlp::split_sentences(text)[0];
            let parsed = nlp.parse_sentence(text, sentence);
            let mentions: Vec<Mention> = actors.iter().map(|a| mention(text, a)).collect();
            let excluded: Vec<(usize, usize)> =
                reporters.iter().map(|r| (text.find(r).unwrap(), text.find(r).unwrap() + r.len())).collect();
            let t0 = text.find(trigger).unwrap();
            let trigger = (t0, t0 + trigger.len());
            assert!(!may_name_roles(text, &mentions, &excluded, trigger), "{text}");
            let view = ParseView::new(&parsed, sentence.start);
            let roles = syntax_roles(&view, text, &mentions, &excluded, trigger);
            assert!(roles.actors.is_none_or(|a| a.is_empty()), "{text}");
            assert!(roles.recipients.is_none_or(|r| r.is_empty()), "{text}");
        }
        // and an eligible one is seen
        let text = "Seven soldiers were killed by the Syrian army.";
        let mentions = vec![mention(text, "Syrian army")];
        let t0 = text.find("killed").unwrap();
        assert!(may_name_roles(text, &mentions, &[], (t0, t0 + 6)));
    }

    /// Every label `syntax_roles` reads must be one `labels_read` asks the parser for: a word outside it would be
    /// read as `_` and the roles would silently differ from a fully labelled parse.
    #[test]
    fn labels_read_covers_every_label_the_roles_read() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "Seven soldiers were killed by al-Shabaab fighters near Mogadishu.",
                "killed",
                &["soldiers", "al-Shabaab"],
            ),
            (
                "Government forces, supported by Russian jets, shelled rebel positions.",
                "supported",
                &["Government", "Russian"],
            ),
            (
                "Government forces, supported by Russian jets, shelled rebel positions.",
                "shelled",
                &["Government", "rebel"],
            ),
            (
                "Turkey's offensive against the Kurdish militia entered its third week.",
                "offensive",
                &["Turkey", "Kurdish"],
            ),
            (
                "Police arrested protesters and journalists in Cairo and Alexandria.",
                "arrested",
                &["Police", "protesters", "journalists"],
            ),
            (
                "The rebels threatened to attack the army and the police.",
                "attack",
                &["rebels", "army", "police"],
            ),
            (
                "Israel launched an attack on Hamas positions in Gaza.",
                "attack",
                &["Israel", "Hamas"],
            ),
            (
                "Regime forces attacked SDF positions near the town.",
                "attacked",
                &["Regime", "SDF"],
            ),
        ];
        let nlp = sitrep_nlp::Pipeline::builtin().unwrap();
        for (text, trigger, actors) in cases {
            let sentence = &sitrep_nlp::split_sentences(text)[0];
            let parsed = nlp.parse_sentence(text, sentence);
            let mentions: Vec<Mention> = actors.iter().map(|a| mention(text, a)).collect();
            let t0 = text.find(trigger).unwrap();
            let view = ParseView::new(&parsed, sentence.start);
            let full = syntax_roles(&view, text, &mentions, &[], (t0, t0 + trigger.len()));
            let ranges: Vec<(usize, usize)> =
                parsed.tokens.iter().map(|t| (t.start, t.end)).collect();
            let heads: Vec<usize> = parsed.tokens.iter().map(|t| t.head).collect();
            let wanted = labels_read(&ranges, &heads, &[(t0, t0 + trigger.len())]);
            let seen = view.labels_seen.borrow().clone();
            assert!(!seen.is_empty(), "{text}: the roles read no label");
            for i in seen {
                assert!(
                    wanted.contains(&i),
                    "{text}: label of {:?} read but not asked for",
                    parsed.tokens[i].form
                );
            }
            // and the partially labelled parse gives the same roles
            let partial = nlp.parse_sentence_labelling(text, sentence, |heads| {
                labels_read(&ranges, heads, &[(t0, t0 + trigger.len())])
            });
            let view = ParseView::new(&partial, sentence.start);
            let again = syntax_roles(&view, text, &mentions, &[], (t0, t0 + trigger.len()));
            let names = |r: &Option<Vec<&Mention>>| {
                r.as_ref()
                    .map(|v| v.iter().map(|m| m.name.clone()).collect::<Vec<_>>())
            };
            assert_eq!(names(&full.actors), names(&again.actors), "{text}");
            assert_eq!(names(&full.recipients), names(&again.recipients), "{text}");
        }
    }
}
