//! PETRARCH/TABARI verb dictionaries (`--dictionaries`) are coded the dictionary's way: its patterns (words before
//! and after the verb, `_` joins, synsets, `$` source, `+` target, `%` compound, `^` skipped phrase), paired codes,
//! null-coded verbs that code only through a pattern, verbs only where they are verbs, and no reading of "will" as
//! an intention. The dictionaries here are invented for the tests.

use std::sync::LazyLock;

use sitrep_coder::Coder;
use sitrep_lexicon::Lexicon;
use sitrep_model::{Document, Event};

const ACTORS: &str = "ARNOR_ [ARN]\nGONDOR_ [GON]\nROHAN_ [ROH]\nMORDOR_ [MOR]\n";
const AGENTS: &str = "MINISTER [~GOV]\nMSF {} [NGO~]\n";
const VERBS: &str = "\
&CURRENCY
+DOLLARS
+SWISS FRANCS

&VALUABLES_
+&CURRENCY
+GOLD

--- PRAISE [051] ---
PRAISE
- WARMLY_* [052]
- LATER * [053]

--- HAND [070] ---
HAND
- + WAS_* TO $ [074]

--- DONATE [070] ---
DONATE
- * &VALUABLES [071]

--- MEET [040:041] ---
MEET {MET MEETS MEETING}

--- AGREE [030] ---
AGREE
- % * [031]

--- BURN [---] ---
BURN
- * DOWN [222]

--- ATTACK [190] ---
ATTACK

--- CONDEMN [122] ---
CONDEMN

--- WARN [160] ---
WARN
- * AT ^ + [162]

--- ACT [100] ---
ACT
- INDICATED WOULD * NOW [101]
";

/// A coder over the built-in lexicon with the dictionaries above (built once: a coder needs a `&'static`).
fn coder() -> Coder {
    static LEXICON: LazyLock<&'static Lexicon> = LazyLock::new(|| {
        let dir = std::env::temp_dir().join(format!("sitrep-dictionary-verb-patterns-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("Test.actors.txt"), ACTORS).expect("write actors");
        std::fs::write(dir.join("Test.agents.txt"), AGENTS).expect("write agents");
        std::fs::write(dir.join("Test.verbs.txt"), VERBS).expect("write verbs");
        let (lexicon, _) = Lexicon::builtin_with(&dir).expect("the test dictionaries load");
        std::fs::remove_dir_all(&dir).ok();
        Box::leak(Box::new(lexicon))
    });
    Coder::with_lexicon(*LEXICON)
}

/// (source, target, CAMEO) of each event, PETRARCH-style: `---` for a missing party.
fn triples(text: &str) -> Vec<(String, String, String)> {
    let events: Vec<Event> = coder().code(&Document::from_text("t", text));
    let code = |a: Option<&sitrep_model::Actor>| a.and_then(|a| a.code.clone()).unwrap_or_else(|| "---".into());
    let mut out: Vec<_> = events
        .iter()
        .map(|e| (code(e.actors.first()), code(e.recipients.first()), e.cameo.clone().unwrap_or_default()))
        .collect();
    out.sort();
    out
}

fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

#[test]
fn words_before_the_verb_pick_the_code_and_an_underscore_joins_them() {
    assert_eq!(triples("Arnor warmly praised Gondor."), [t("ARN", "GON", "052")]);
    // a space in the pattern lets words come between
    assert_eq!(triples("Arnor later publicly praised Gondor."), [t("ARN", "GON", "053")]);
    // "WARMLY_*" needs the two words side by side
    assert_eq!(triples("Arnor warmly and publicly praised Gondor."), [t("ARN", "GON", "051")]);
}

#[test]
fn source_and_target_markers_name_the_parties() {
    // the sentence's subject is the pattern's target, the one after "to" its source
    assert_eq!(triples("Gondor was handed to Arnor."), [t("ARN", "GON", "074")]);
}

#[test]
fn synsets_nest_and_their_words_are_no_parties() {
    // "Swiss" is a built-in demonym, but here it is part of the currency the pattern names
    assert_eq!(triples("Arnor donated a million Swiss francs to Gondor."), [t("ARN", "GON", "071")]);
    assert_eq!(triples("Arnor donated gold to Gondor."), [t("ARN", "GON", "071")]);
    assert_eq!(triples("Arnor donated bread to Gondor."), [t("ARN", "GON", "070")]);
}

#[test]
fn a_future_act_keeps_the_dictionary_code() {
    // sitrep's own reading would make "will donate" an intention (AGREE 033); the dictionary codes the act
    assert_eq!(triples("Arnor will donate dollars to Gondor."), [t("ARN", "GON", "071")]);
}

#[test]
fn a_paired_code_also_codes_what_the_target_does_in_return() {
    assert_eq!(triples("Arnor met Gondor on Monday."), [t("ARN", "GON", "040"), t("GON", "ARN", "041")]);
}

#[test]
fn a_compound_before_the_verb_acts_on_itself() {
    assert_eq!(
        triples("Arnor and Gondor agree that the dispute is over."),
        [t("ARN", "GON", "031"), t("GON", "ARN", "031")]
    );
}

#[test]
fn a_null_coded_verb_codes_only_through_its_patterns() {
    assert_eq!(triples("Mordor burned down the bridge."), [t("MOR", "---", "222")]);
    assert!(triples("Mordor burned the letters.").is_empty());
}

#[test]
fn a_dictionary_verb_used_as_a_noun_codes_nothing() {
    // "attack" is in the dictionary, but here it is a noun: only the condemning is an event
    assert_eq!(triples("Gondor condemned the attack by Mordor."), [t("GON", "MOR", "122")]);
}

#[test]
fn a_skipped_phrase_passes_over_an_actor() {
    assert_eq!(triples("Arnor warned at Gondor about Mordor."), [t("ARN", "MOR", "162")]);
}

#[test]
fn a_pronoun_subject_and_a_shared_subject_are_the_actor_named_before() {
    assert_eq!(triples("Arnor indicated it would act now against Rohan."), [t("ARN", "ROH", "101")]);
    assert_eq!(
        triples("Arnor condemned Mordor and praised Gondor."),
        [t("ARN", "GON", "051"), t("ARN", "MOR", "122")]
    );
}

#[test]
fn dictionary_agents_compose_with_actors() {
    // [NGO~] goes before the actor's code; "minister of X" belongs to X
    assert_eq!(triples("MSF Arnor praised Gondor."), [t("NGOARN", "GON", "051")]);
    assert_eq!(triples("The minister of Rohan praised Gondor."), [t("ROHGOV", "GON", "051")]);
}
