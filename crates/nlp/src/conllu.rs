//! CoNLL-U: reading treebanks and writing parses. Comments, multiword-token ranges and empty nodes are kept as they
//! were given, so a file read and written again is unchanged.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::NlpError;

/// One syntactic word (a line whose ID is an integer).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root, otherwise the 1-based index of the head word.
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// One sentence: its comment lines, its words, and the other lines (ranges, empty nodes) with their positions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluSentence {
    /// Comment lines without the leading `# `-less change: stored exactly as written, `#` included.
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    /// Multiword-token and empty-node lines, each with the number of words that precede it.
    pub extra: Vec<(usize, String)>,
}

impl ConlluSentence {
    /// A sentence of bare forms (every other column `_`, heads 0), for tagging and parsing pre-tokenised text.
    pub fn from_forms<S: AsRef<str>>(forms: &[S]) -> Self {
        let words = forms
            .iter()
            .map(|f| Word {
                form: f.as_ref().to_string(),
                lemma: "_".into(),
                upos: "_".into(),
                xpos: "_".into(),
                feats: "_".into(),
                head: 0,
                deprel: "_".into(),
                deps: "_".into(),
                misc: "_".into(),
            })
            .collect();
        ConlluSentence { comments: Vec::new(), words, extra: Vec::new() }
    }

    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let (k, v) = rest.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// Writes the sentence in CoNLL-U, ending with the blank line.
    pub fn write_to(&self, out: &mut String) {
        for c in &self.comments {
            out.push_str(c);
            out.push('\n');
        }
        let mut extra = self.extra.iter().peekable();
        for (i, w) in self.words.iter().enumerate() {
            while let Some((_, line)) = extra.next_if(|(pos, _)| *pos <= i) {
                out.push_str(line);
                out.push('\n');
            }
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.xpos,
                w.feats,
                w.head,
                w.deprel,
                w.deps,
                w.misc
            );
        }
        for (_, line) in extra {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
}

/// Reads a CoNLL-U file.
pub fn read_conllu_file(path: &Path) -> Result<Vec<ConlluSentence>, NlpError> {
    let text = std::fs::read_to_string(path).map_err(|source| NlpError::Io { path: path.to_path_buf(), source })?;
    parse_conllu(&text, &path.display().to_string())
}

/// Parses CoNLL-U text; `name` is used in error messages.
pub fn parse_conllu(text: &str, name: &str) -> Result<Vec<ConlluSentence>, NlpError> {
    let mut sentences = Vec::new();
    let mut cur = ConlluSentence::default();
    let bad = |line: usize, reason: &str| NlpError::BadConllu { file: name.to_string(), line, reason: reason.to_string() };
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                sentences.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            cur.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(bad(line_no, &format!("{} columns, expected 10", cols.len())));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            cur.extra.push((cur.words.len(), line.to_string()));
            continue;
        }
        let id: usize = cols[0].parse().map_err(|_| bad(line_no, "ID is not a number"))?;
        if id != cur.words.len() + 1 {
            return Err(bad(line_no, &format!("word ID {id} out of sequence")));
        }
        let head = if cols[6] == "_" { 0 } else { cols[6].parse().map_err(|_| bad(line_no, "HEAD is not a number"))? };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() || !cur.comments.is_empty() {
        sentences.push(cur);
    }
    for s in &sentences {
        if s.words.iter().any(|w| w.head > s.words.len()) {
            return Err(bad(0, &format!("a HEAD points outside sentence {:?}", s.comment("sent_id").unwrap_or("?"))));
        }
    }
    Ok(sentences.into_iter().filter(|s| !s.words.is_empty()).collect())
}

/// Writes sentences as CoNLL-U.
pub fn write_conllu(sentences: &[ConlluSentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        s.write_to(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a-1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\n";

    #[test]
    fn round_trip_keeps_every_line() {
        let s = parse_conllu(SAMPLE, "sample").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 5);
        assert_eq!(s[0].words[0].head, 4);
        assert_eq!(s[0].comment("sent_id"), Some("a-1"));
        assert_eq!(write_conllu(&s), SAMPLE);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = parse_conllu("1\tI\tI\n", "x.conllu").unwrap_err().to_string();
        assert!(err.contains("x.conllu:1"), "{err}");
        let err = parse_conllu("1\ta\ta\tX\tX\t_\t9\tdep\t_\t_\n", "y").unwrap_err().to_string();
        assert!(err.contains("outside"), "{err}");
    }
}
