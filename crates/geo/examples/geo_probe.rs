//! Prints what the recogniser finds in each argument (one sentence each, one document): for inspection while tuning.
use sitrep_geo::{DocumentContext, Gazetteer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sentences: Vec<&str> = args.iter().map(String::as_str).collect();
    let gaz = Gazetteer::builtin();
    for (i, found) in gaz.find_in_document(&sentences, &DocumentContext::default()).iter().enumerate() {
        for m in found {
            println!("{i}\t{}\t{:?}", &sentences[i][m.start..m.end], m.place);
        }
    }
    for s in &sentences {
        for w in s.split_whitespace() {
            let ids = gaz.lookup(w);
            println!("lookup {w}: {} {:?}", ids.len(), ids.iter().take(8).map(|&i| (gaz.place(i).name, gaz.place(i).country, gaz.place(i).admin1, gaz.place(i).population)).collect::<Vec<_>>());
        }
    }
}
