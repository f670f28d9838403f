//! Writing events and documents in the formats users asked for: JSONL, JSON, CSV and a readable table.

use std::io::{self, Write};

use sitrep_model::{Count, Document, DocumentRecord, Event};

use crate::cli::{EmitArg, FormatArg};

/// Writes records as they come, so nothing already coded is lost if a later input fails.
pub struct Sink<W: Write> {
    format: FormatArg,
    emit: EmitArg,
    out: W,
    written: usize,
}

fn lower(v: &impl serde::Serialize) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn csv_line(fields: &[impl AsRef<[u8]>]) -> io::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    w.write_record(fields).map_err(io::Error::other)?;
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

fn describe_count(label: &str, c: &Option<Count>) -> Option<String> {
    let c = c.as_ref()?;
    let figure = |k: &sitrep_model::CountClaim| {
        let n = match (k.low, k.best, k.high) {
            (Some(l), Some(b), None) if l == b => format!("{b}+"),
            (None, Some(b), Some(_)) => format!("up to {b}"),
            (Some(l), _, Some(h)) if l != h => format!("{l}–{h}"),
            (_, Some(b), _) => b.to_string(),
            _ => "?".into(),
        };
        let who = k.reporter.as_deref().map(|r| format!(" per {r}")).unwrap_or_default();
        format!("{n} ({}){who}", lower(&k.party))
    };
    let text = if c.claims.is_empty() {
        figure(&c.primary)
    } else {
        c.claims.iter().map(figure).collect::<Vec<_>>().join("  |  ")
    };
    Some(format!("   {label:<9}{text}"))
}

fn table_entry(e: &Event) -> String {
    let mut lines = Vec::new();
    let mode = e.mode.as_deref().map(|m| format!(" ({m})")).unwrap_or_default();
    let acled = e.acled.as_ref().map(|a| format!(" · ACLED {} / {}", a.event_type, a.sub_event_type)).unwrap_or_default();
    lines.push(format!(
        "── {}{mode} · CAMEO {}{acled} · confidence {:.2}",
        e.event_type,
        e.cameo.as_deref().unwrap_or("-"),
        e.confidence
    ));
    let side = |a: &[sitrep_model::Actor]| {
        if a.is_empty() {
            "(unknown)".to_string()
        } else {
            a.iter().map(|x| format!("{} [{}]", x.text, x.code.as_deref().unwrap_or("-"))).collect::<Vec<_>>().join(", ")
        }
    };
    lines.push(format!("   {:<9}{} → {}", "who", side(&e.actors), side(&e.recipients)));
    let when = match (&e.date.value, &e.date.text) {
        (Some(v), Some(t)) => format!("{v} ({}, from \"{t}\")", lower(&e.date.precision)),
        (Some(v), None) => format!("{v} ({}, {} date)", lower(&e.date.precision), lower(&e.date.basis)),
        (None, Some(t)) => format!("unresolved (\"{t}\")"),
        (None, None) => "unresolved".into(),
    };
    lines.push(format!("   {:<9}{when}", "when"));
    if let Some(l) = &e.location {
        let from = l.text.as_deref().map(|t| format!(", from \"{t}\"")).unwrap_or_else(|| ", document focus".into());
        lines.push(format!("   {:<9}{} ({}, {}{from})", "where", l.name, lower(&l.precision), l.country.as_deref().unwrap_or("-")));
    }
    lines.extend(describe_count("killed", &e.casualties.killed));
    lines.extend(describe_count("injured", &e.casualties.injured));
    lines.extend(describe_count("arrested", &e.casualties.arrested));
    if !e.weapons.is_empty() {
        let w: Vec<String> = e.weapons.iter().map(|w| format!("{} ({})", w.text, lower(&w.class))).collect();
        lines.push(format!("   {:<9}{}", "weapons", w.join(", ")));
    }
    if !e.reporters.is_empty() {
        let r: Vec<&str> = e.reporters.iter().map(|r| r.text.as_str()).collect();
        lines.push(format!("   {:<9}{}", "said by", r.join("; ")));
    }
    let m = &e.modality;
    let flags: Vec<&str> = [(m.negated, "NEGATED"), (m.hypothetical, "HYPOTHETICAL"), (m.future, "FUTURE"), (m.hedged, "HEDGED")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, f)| *f)
        .collect();
    if !flags.is_empty() {
        lines.push(format!("   {:<9}{}", "flags", flags.join(", ")));
    }
    lines.push(format!("   {:<9}#{} \"{}\"", "evidence", e.sentence_index, e.evidence));
    lines.join("\n") + "\n"
}

impl<W: Write> Sink<W> {
    pub fn new(format: FormatArg, emit: EmitArg, out: W) -> Self {
        Sink { format, emit, out, written: 0 }
    }

    /// Writes one document's events (or the document itself with `--emit documents`).
    pub fn write(&mut self, doc: &Document, events: &[Event]) -> io::Result<()> {
        match self.emit {
            EmitArg::Documents => {
                let record = DocumentRecord { document: doc, events };
                match self.format {
                    FormatArg::Json => self.json_item(&record)?,
                    _ => writeln!(self.out, "{}", serde_json::to_string(&record)?)?,
                }
            }
            EmitArg::Events => match self.format {
                FormatArg::Jsonl => {
                    for e in events {
                        writeln!(self.out, "{}", serde_json::to_string(e)?)?;
                    }
                }
                FormatArg::Json => {
                    for e in events {
                        self.json_item(e)?;
                    }
                }
                FormatArg::Csv => {
                    if self.written == 0 {
                        self.out.write_all(&csv_line(sitrep_store::FLAT_CSV_HEADER)?)?;
                        self.written = 1;
                    }
                    for e in events {
                        self.out.write_all(&csv_line(&sitrep_store::flat_csv_row(e))?)?;
                    }
                }
                FormatArg::Table => {
                    let meta: Vec<String> = [doc.source.clone(), doc.publication_date.clone()].into_iter().flatten().collect();
                    let meta = if meta.is_empty() { String::new() } else { format!(" ({})", meta.join(", ")) };
                    writeln!(self.out, "\n══ {}{meta}: {} event(s)", doc.id, events.len())?;
                    if let Some(t) = &doc.title {
                        writeln!(self.out, "   {t}")?;
                    }
                    for e in events {
                        write!(self.out, "{}", table_entry(e))?;
                    }
                }
            },
        }
        self.out.flush()
    }

    fn json_item(&mut self, item: &impl serde::Serialize) -> io::Result<()> {
        let body = serde_json::to_string_pretty(item)?;
        let indented = body.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n");
        let lead = if self.written == 0 { "[\n" } else { ",\n" };
        write!(self.out, "{lead}{indented}")?;
        self.written += 1;
        Ok(())
    }

    /// Closes what the format opened (the JSON array).
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == FormatArg::Json {
            let close = if self.written == 0 { "[]\n" } else { "\n]\n" };
            self.out.write_all(close.as_bytes())?;
        }
        self.out.flush()
    }
}
