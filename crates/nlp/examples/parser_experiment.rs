//! Parser experiments with gold tags: `cargo run --release -p sitrep-nlp --example parser_experiment -- UD_DIR EPOCHS EXPLORE_P`.
use sitrep_nlp::conllu::read_conllu_file;
use sitrep_nlp::{Parser, ParserConfig, Tagger, TaggerConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, epochs, p] = args.as_slice() else {
        return Err("usage: parser_experiment UD_EWT_DIR EPOCHS EXPLORE_P".into());
    };
    let dir = std::path::Path::new(dir);
    let epochs: usize = epochs.parse()?;
    let p: f64 = p.parse()?;
    let train = read_conllu_file(&dir.join("en_ewt-ud-train.conllu"))?;
    let dev = read_conllu_file(&dir.join("en_ewt-ud-dev.conllu"))?;
    let tagger = Tagger::train(&train, &TaggerConfig { epochs: 1, two_pass: false, ..Default::default() })?;
    // The tagger's own predictions on its training data: near-gold tags, quick to get (not jackknifed).
    let tags: Vec<Vec<u64>> = train.iter().map(|s| tagger.tag_keys(&s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>())).collect();
    let cfg = ParserConfig { epochs, explore_p: p, label_epochs: 1, ..Default::default() };
    let parser = Parser::train(&train, &tags, &cfg)?;
    let (mut ok, mut n) = (0, 0);
    for s in &dev {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let t = tagger.tag_keys(&forms);
        let parse = parser.parse(&forms, &t);
        for (w, h) in s.words.iter().zip(parse.heads) {
            n += 1;
            ok += (w.head == h) as usize;
        }
    }
    println!("epochs {epochs} p {p}: dev UAS {:.2}", 100.0 * ok as f64 / n as f64);
    Ok(())
}
