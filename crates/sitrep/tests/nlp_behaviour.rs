//! The built-in tagger and parser on hard sentences for event coding: passive agents, apposition, coordination,
//! reported speech and ALL-CAPS wire copy.

use sitrep_nlp::{ParsedSentence, Pipeline};

fn parse(text: &str) -> ParsedSentence {
    let nlp = Pipeline::builtin().expect("the built-in models load");
    let mut sentences = nlp.analyze(text);
    assert_eq!(sentences.len(), 1, "one sentence in {text:?}");
    sentences.remove(0)
}

fn index(s: &ParsedSentence, form: &str) -> usize {
    s.tokens.iter().position(|t| t.form == form).unwrap_or_else(|| panic!("no token {form:?}"))
}

fn head_form(s: &ParsedSentence, i: usize) -> String {
    s.head_of(i).map_or("ROOT".into(), |h| h.form.clone())
}

fn show(s: &ParsedSentence) -> String {
    s.tokens.iter().map(|t| format!("{}/{}/{}->{}", t.form, t.upos, t.deprel, t.head)).collect::<Vec<_>>().join(" ")
}

#[test]
fn passive_with_by_agent() {
    let s = parse("Seven soldiers were killed by al-Shabaab fighters on Monday.");
    let soldiers = index(&s, "soldiers");
    assert_eq!(s.tokens[soldiers].deprel, "nsubj:pass", "{}", show(&s));
    assert_eq!(head_form(&s, soldiers), "killed", "{}", show(&s));
    let fighters = index(&s, "fighters");
    assert_eq!(head_form(&s, fighters), "killed", "{}", show(&s));
    assert!(s.tokens[fighters].deprel.starts_with("obl"), "{}", show(&s));
    let by = index(&s, "by");
    assert_eq!((s.tokens[by].deprel.as_str(), s.tokens[by].head), ("case", fighters + 1), "{}", show(&s));
    assert_eq!(s.tokens[index(&s, "were")].deprel, "aux:pass", "{}", show(&s));
    assert_eq!(s.tokens[index(&s, "killed")].lemma, "kill");
}

#[test]
fn apposition() {
    let s = parse("Igor Girkin, an ex-commander of the separatist forces, was arrested in Moscow.");
    let commander = index(&s, "ex-commander");
    assert_eq!(s.tokens[commander].deprel, "appos", "{}", show(&s));
    assert!(["Igor", "Girkin"].contains(&head_form(&s, commander).as_str()), "{}", show(&s));
}

#[test]
fn coordination() {
    let s = parse("Russian forces shelled the town with tanks and artillery.");
    let artillery = index(&s, "artillery");
    assert_eq!(s.tokens[artillery].deprel, "conj", "{}", show(&s));
    assert_eq!(head_form(&s, artillery), "tanks", "{}", show(&s));
    let and = index(&s, "and");
    assert_eq!((s.tokens[and].deprel.as_str(), s.tokens[and].head), ("cc", artillery + 1), "{}", show(&s));
}

fn assert_reported(text: &str, verb: &str, subject: &str) {
    let s = parse(text);
    let v = index(&s, verb);
    assert_eq!(s.tokens[v].deprel, "ccomp", "{}", show(&s));
    assert_eq!(head_form(&s, v), "said", "{}", show(&s));
    let subj = index(&s, subject);
    assert_eq!(s.tokens[subj].deprel, "nsubj", "{}", show(&s));
    assert_eq!(head_form(&s, subj), verb, "{}", show(&s));
}

#[test]
fn reported_speech() {
    assert_reported("Russia said the strikes only killed 25.", "killed", "strikes");
    assert_reported("Russia said the strikes wounded 25 civilians.", "wounded", "strikes");
    assert_reported("The army said rebels attacked the town.", "attacked", "rebels");
}

/// Known failure, kept to show it: UD English-EWT has "wounded" only as an adjective (three times), so after "only"
/// and before a bare number the tagger reads it as ADJ and the clause loses its verb. See docs/nlp.md.
#[test]
#[ignore = "known tagger error: 'wounded' is ADJ in every EWT training use"]
fn reported_speech_with_adjective_like_participle() {
    assert_reported("Russia said the strikes only wounded 25.", "wounded", "strikes");
}

#[test]
fn all_caps_wire_copy() {
    let s = parse("GUERRILLAS KILLED SEVEN SOLDIERS IN THE NORTH ON MONDAY.");
    let killed = index(&s, "KILLED");
    assert_eq!(s.tokens[killed].upos, "VERB", "{}", show(&s));
    assert_eq!(s.tokens[killed].lemma, "kill", "{}", show(&s));
    let subject = index(&s, "GUERRILLAS");
    assert_eq!(s.tokens[subject].deprel, "nsubj", "{}", show(&s));
    assert_eq!(head_form(&s, subject), "KILLED", "{}", show(&s));
    assert_eq!(s.tokens[index(&s, "SOLDIERS")].deprel, "obj", "{}", show(&s));
}

#[test]
fn spans_point_into_the_text() {
    let text = "Kyiv said Russian drones hit a power plant.";
    let s = parse(text);
    for t in &s.tokens {
        assert_eq!(&text[t.start..t.end], t.form);
        let chars: String = text.chars().skip(t.span.start()).take(t.span.len()).collect();
        assert_eq!(chars, t.form);
    }
    let roots: Vec<_> = s.tokens.iter().filter(|t| t.head == 0).collect();
    assert_eq!(roots.len(), 1, "one root: {}", show(&s));
    assert_eq!(roots[0].deprel, "root");
}
