//! `sitrep parse`: plain text to CoNLL-U with sitrep's tokens, and CoNLL-U in with its tokenization kept.

mod common;

use common::{sitrep, sitrep_stdin, stderr};
use sitrep_nlp::conllu::parse_conllu;

const GOLD: &str = "# sent_id = t-1\n# text = Rebels didn't attack Kyiv.\n1\tRebels\trebel\tNOUN\tNNS\tNumber=Plur\t3\tnsubj\t3:nsubj\t_\n2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t4:aux\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n4\tattack\tattack\tVERB\tVB\t_\t0\troot\t0:root\t_\n5\tKyiv\tKyiv\tPROPN\tNNP\t_\t4\tobj\t4:obj\tSpaceAfter=No\n6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\n";

#[test]
fn plain_text_gives_conllu_with_ids_and_text() {
    let out = sitrep_stdin(&["parse"], b"Seven soldiers were killed on Monday. The army said so.\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let sentences = parse_conllu(&text, "stdout").expect("valid CoNLL-U");
    assert_eq!(sentences.len(), 2);
    assert_eq!(sentences[0].comment("sent_id"), Some("stdin-1"));
    assert_eq!(sentences[0].comment("text"), Some("Seven soldiers were killed on Monday."));
    assert_eq!(sentences[1].comment("sent_id"), Some("stdin-2"));
    let forms: Vec<&str> = sentences[0].words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(forms, ["Seven", "soldiers", "were", "killed", "on", "Monday", "."]);
    assert_eq!(sentences[0].words[5].misc, "SpaceAfter=No");
    for s in &sentences {
        assert_eq!(s.words.iter().filter(|w| w.head == 0).count(), 1, "one root");
        assert!(s.words.iter().all(|w| w.upos != "_" && w.xpos != "_" && w.lemma != "_" && w.deprel != "_"));
    }
}

#[test]
fn conllu_input_keeps_tokenization_and_scores() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("gold.conllu");
    std::fs::write(&path, GOLD).expect("write");
    let out = sitrep(&["parse", "--input", "conllu", "--score", path.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pred = parse_conllu(&String::from_utf8_lossy(&out.stdout), "stdout").expect("valid CoNLL-U");
    let gold = parse_conllu(GOLD, "gold").expect("gold");
    assert_eq!(pred[0].comments, gold[0].comments);
    assert_eq!(pred[0].extra, gold[0].extra, "multiword token line kept");
    let forms = |s: &sitrep_nlp::conllu::ConlluSentence| s.words.iter().map(|w| w.form.clone()).collect::<Vec<_>>();
    assert_eq!(forms(&pred[0]), forms(&gold[0]));
    assert_eq!(pred[0].words[0].feats, "Number=Plur", "other columns kept");
    assert!(pred[0].words.iter().all(|w| w.deps == "_"));
    let err = stderr(&out);
    assert!(err.contains("UPOS") && err.contains("UAS") && err.contains("LAS"), "{err}");
}

#[test]
fn bad_conllu_is_reported_with_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.conllu");
    std::fs::write(&path, "1\tonly\tthree\n").expect("write");
    let out = sitrep(&["parse", "--input", "conllu", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("bad.conllu:1"), "{}", stderr(&out));
}
