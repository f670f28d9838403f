//! Readers for PETRARCH (TABARI-style) dictionaries, so PETRARCH users can bring their own actors, agents and verbs
//! (`sitrep extract --dictionaries DIR`). The formats are described in PETRARCH2's `docs/dictionaries.rst`:
//!
//! - **actors**: a primary phrase (`BILL_CLINTON_`, optionally `[CODE]`), synonyms on `+` lines, and date restrictions
//!   on tab-indented lines, `[USAGOV 930120-010120]`, `[RUSGOV >080508]`, `[USAELI <930120]` or `[USAELI]`
//!   (the default). Dates are YYMMDD (years below 30 are 20xx) or YYYYMMDD. A phrase with no code at all is null-coded
//!   and skipped.
//! - **agents**: `PHRASE {plural} [~CODE]` (`[CODE~]` puts the code before the actor's), `!MACRO! = A, B` substitution
//!   sets, regular plurals made unless `{}` or a trailing `_` says otherwise.
//! - **verbs**: blocks opened by `--- NAME [CODE] ---`; each verb line (`ABANDON`, `+ABANDON_SHIP`, `KLM_+RST [002]`,
//!   `COME_UPON {CAME_UPON ...}`) becomes a verb trigger with its own code or the block's; simple patterns
//!   (`- * DIPLOMATIC TIES [064]`, synsets `&NAME` allowed after the verb) refine the code from the words after the
//!   verb ([`TriggerEntry::cameo_after`]); other patterns and transformations are skipped.
//!
//! `#` starts a comment; `<...>` lines (XML-style headers) are skipped.

use chrono::NaiveDate;
use sitrep_model::EventType;

use crate::entries::{
    code_parts, ActorEntry, ActorKind, AgentEntry, DictionaryVerb, PatternElement, PatternItem, Role, TriggerEntry, TriggerPos,
    VerbPattern, SECTORS,
};
use crate::LexiconError;

fn bad(file: &str, line: usize, message: impl Into<String>) -> LexiconError {
    LexiconError::BadLine { file: file.to_string(), line, message: message.into() }
}

/// Data lines: comments cut, blank and `<...>` lines skipped; the leading whitespace is kept (it marks restrictions).
fn lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source.lines().enumerate().filter_map(|(i, raw)| {
        let line = raw.split('#').next().unwrap_or("").trim_end();
        let t = line.trim_start();
        (!t.is_empty() && !t.starts_with('<')).then_some((i + 1, line))
    })
}

/// `PRESIDENT_BILL_CLINTON_` → `PRESIDENT BILL CLINTON`; parenthesised parts are dropped.
fn phrase(raw: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in raw.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '_' => out.push(' '),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `[...]` groups of a line and the text outside them.
fn bracketed(line: &str) -> (String, Vec<&str>) {
    let mut head = String::new();
    let mut codes = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        head.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']') else {
            rest = &rest[open..];
            break;
        };
        codes.push(rest[open + 1..open + close].trim());
        rest = &rest[open + close + 1..];
    }
    head.push_str(rest);
    (head, codes)
}

/// YYMMDD or YYYYMMDD.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let full = match s.len() {
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            format!("{}{s}", if yy < 30 { "20" } else { "19" })
        }
        8 => s.to_string(),
        _ => return None,
    };
    NaiveDate::parse_from_str(&full, "%Y%m%d").ok()
}

/// `USAGOV 930120-010120` → a role; `---` (the null code) → None.
fn restriction(body: &str, is_country: &dyn Fn(&str) -> bool) -> Result<Option<Role>, String> {
    let mut parts = body.split_whitespace();
    let Some(code) = parts.next() else { return Ok(None) };
    if code.starts_with("---") {
        return Ok(None);
    }
    let code = code.to_ascii_uppercase();
    let when: String = parts.collect();
    let date = |s: &str| parse_date(s).ok_or_else(|| format!("bad date {s:?} in [{body}]"));
    let (from, to) = if when.is_empty() {
        (None, None)
    } else if let Some(d) = when.strip_prefix('<') {
        (None, Some(date(d)?))
    } else if let Some(d) = when.strip_prefix('>') {
        (Some(date(d)?), None)
    } else if let Some((a, b)) = when.split_once('-') {
        (Some(date(a)?), Some(date(b)?))
    } else {
        return Err(format!("bad date restriction [{body}]"));
    };
    let (country, sector) = code_parts(&code, is_country);
    Ok(Some(Role { code, country, sector, from, to }))
}

/// Reads a PETRARCH actor dictionary into (phrase, entry) pairs, one per primary phrase and synonym.
/// `is_country` tells which three-letter code heads are countries (for the entry's country and sector).
pub fn read_actors(
    source: &str,
    file: &str,
    is_country: &dyn Fn(&str) -> bool,
) -> Result<Vec<(String, ActorEntry)>, LexiconError> {
    struct Block {
        names: Vec<String>,
        roles: Vec<Role>,
    }
    let mut blocks: Vec<Block> = Vec::new();
    for (n, line) in lines(source) {
        let (head, codes) = bracketed(line);
        let mut roles = Vec::new();
        for c in codes {
            if let Some(r) = restriction(c, is_country).map_err(|m| bad(file, n, m))? {
                roles.push(r);
            }
        }
        let indented = line.starts_with(['\t', ' ']);
        if indented && head.trim().is_empty() {
            let block = blocks.last_mut().ok_or_else(|| bad(file, n, "date restriction before any actor"))?;
            block.roles.extend(roles);
        } else if let Some(syn) = head.trim_start().strip_prefix('+') {
            let block = blocks.last_mut().ok_or_else(|| bad(file, n, "synonym before any actor"))?;
            let name = phrase(syn);
            if !name.is_empty() {
                block.names.push(name);
            }
            block.roles.extend(roles);
        } else {
            let name = phrase(&head);
            if name.is_empty() {
                return Err(bad(file, n, "a code without a phrase"));
            }
            blocks.push(Block { names: vec![name], roles });
        }
    }
    let mut out = Vec::new();
    for b in blocks.into_iter().filter(|b| !b.roles.is_empty()) {
        // the code without a date: the most recent dated role (open end first), else the default
        let dated = b.roles.iter().filter(|r| r.from.is_some() || r.to.is_some());
        let latest = dated.max_by_key(|r| (r.to.is_none(), r.to, r.from)).or_else(|| b.roles.last());
        let Some(latest) = latest.cloned() else { continue };
        let entry = ActorEntry {
            name: b.names[0].clone(),
            code: Some(latest.code.clone()),
            country: latest.country.clone(),
            sector: latest.sector.clone(),
            kind: ActorKind::Named,
            roles: if b.roles.len() == 1 && b.roles[0].from.is_none() && b.roles[0].to.is_none() {
                Vec::new()
            } else {
                b.roles
            },
        };
        for name in &b.names {
            out.push((name.clone(), entry.clone()));
        }
    }
    Ok(out)
}

/// PETRARCH's regular plural of a word: +S, Y → IES, SS → SSES.
fn plural(word: &str) -> String {
    let upper = word.to_ascii_uppercase();
    if upper.ends_with('Y') && !upper.ends_with("AY") && !upper.ends_with("EY") && !upper.ends_with("OY") {
        format!("{}IES", &word[..word.len() - 1])
    } else if upper.ends_with("SS") || upper.ends_with("CH") || upper.ends_with("SH") || upper.ends_with('X') {
        format!("{word}ES")
    } else {
        format!("{word}S")
    }
}

/// The sitrep sector of a PETRARCH agent code (`GOVFRM` → GOV, `CHRCPT` → REL); unknown codes keep their first
/// three letters.
fn agent_sector(code: &str) -> String {
    const RELIGIONS: &[&str] = &["BUD", "CHR", "CTH", "MUS", "JEW", "HIN", "SHI", "SUN", "PRO", "CPT", "BAH", "SIK"];
    let mut rest = code;
    let mut religious = false;
    while rest.len() >= 3 && RELIGIONS.contains(&&rest[..3]) {
        rest = &rest[3..];
        religious = true;
    }
    match rest.get(..3) {
        Some(s) if SECTORS.contains(&s) => s.to_string(),
        _ if religious => "REL".to_string(),
        Some("PPL") => "CVL".to_string(),
        _ => code.get(..3).unwrap_or(code).to_string(),
    }
}

/// Reads a PETRARCH agent dictionary into (phrase, agent) pairs, macros expanded and plurals made.
pub fn read_agents(source: &str, file: &str) -> Result<Vec<(String, AgentEntry)>, LexiconError> {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    for (n, line) in lines(source) {
        let line = line.trim();
        if line.starts_with('!') {
            if let Some((name, list)) = line.split_once('=') {
                let items = list.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                macros.push((name.trim().to_string(), items));
                continue;
            }
        }
        // the code: `[~GOV]` (some files close it with `}` by mistake)
        let Some(open) = line.find('[') else {
            return Err(bad(file, n, "agent without a [code]"));
        };
        let close = line[open..].find([']', '}']).map(|c| open + c).ok_or_else(|| bad(file, n, "unclosed [code"))?;
        let code = line[open + 1..close].trim();
        let (code, prefix) = match (code.strip_prefix('~'), code.strip_suffix('~')) {
            (Some(c), _) => (c.trim(), false),
            (None, Some(c)) => (c.trim(), true),
            _ => (code, false),
        };
        if code.is_empty() || code.starts_with("---") {
            continue;
        }
        let head = &line[..open];
        let (phrase_raw, plural_field) = match head.find('{') {
            Some(b) => {
                let end = head[b..].find('}').map(|e| b + e).ok_or_else(|| bad(file, n, "unclosed {plural}"))?;
                (head[..b].trim(), Some(head[b + 1..end].trim()))
            }
            None => (head.trim(), None),
        };
        if phrase_raw.is_empty() {
            return Err(bad(file, n, "agent code without a phrase"));
        }
        let mut forms: Vec<String> = Vec::new();
        if let Some((name, items)) = macros.iter().find(|(m, _)| phrase_raw.contains(m.as_str())) {
            forms.extend(items.iter().map(|i| phrase_raw.replace(name.as_str(), i)));
        } else {
            forms.push(phrase_raw.to_string());
            match plural_field {
                Some(p) => forms.extend(p.split_whitespace().map(str::to_string)),
                None if !phrase_raw.ends_with('_') => {
                    let base = phrase_raw.trim_end_matches('_');
                    let (front, last) = base.rsplit_once('_').map_or(("", base), |(f, l)| (f, l));
                    let sep = if front.is_empty() { "" } else { "_" };
                    forms.push(format!("{front}{sep}{}", plural(last)));
                }
                None => {}
            }
        }
        let entry = AgentEntry { sector: agent_sector(code), code: code.to_ascii_uppercase(), prefix };
        for f in forms {
            let p = phrase(&f);
            if !p.is_empty() {
                out.push((p, entry.clone()));
            }
        }
    }
    Ok(out)
}

/// The PLOVER type of a CAMEO code, by its two-digit root. Codes outside CAMEO's 20 roots (and 01, public
/// statements, which PLOVER does not code) become CONSULT so the event is kept with its CAMEO code.
pub fn plover_of_cameo(code: &str) -> EventType {
    match code.get(..2).and_then(|r| r.parse::<u8>().ok()) {
        Some(2) | Some(10) => EventType::Request,
        Some(3) => EventType::Agree,
        Some(4) => EventType::Consult,
        Some(5) => EventType::Support,
        Some(6) => EventType::Cooperate,
        Some(7) => EventType::Aid,
        Some(8) if code.starts_with("087") => EventType::Retreat,
        Some(8) => EventType::Concede,
        Some(9) | Some(11) => EventType::Accuse,
        Some(12) => EventType::Reject,
        Some(13) => EventType::Threaten,
        Some(14) => EventType::Protest,
        Some(15) => EventType::Mobilize,
        Some(16) => EventType::Sanction,
        Some(17) => EventType::Coerce,
        Some(18..=20) => EventType::Assault,
        _ => EventType::Consult,
    }
}

/// Regular English forms of a verb: ATTACK → ATTACKS, ATTACKED, ATTACKING.
fn verb_forms(verb: &str) -> Vec<String> {
    let v = verb.to_ascii_uppercase();
    let mut out = vec![v.clone()];
    let stem_e = v.strip_suffix('E');
    let consonant_y = v.ends_with('Y') && !v.ends_with("AY") && !v.ends_with("EY") && !v.ends_with("OY");
    out.push(if consonant_y {
        format!("{}IES", &v[..v.len() - 1])
    } else if v.ends_with("SS") || v.ends_with("CH") || v.ends_with("SH") || v.ends_with('X') {
        format!("{v}ES")
    } else {
        format!("{v}S")
    });
    out.push(match (stem_e, consonant_y) {
        (Some(_), _) => format!("{v}D"),
        (None, true) => format!("{}IED", &v[..v.len() - 1]),
        _ => format!("{v}ED"),
    });
    out.push(match stem_e {
        Some(stem) if !v.ends_with("EE") => format!("{stem}ING"),
        _ => format!("{v}ING"),
    });
    out
}

/// The code of a `[...]` field: `013:012` → `013` (the first of a pair; `:190` → `190`); the null code `---` and
/// TABARI's special codes (`+++`, `###`) → None.
fn verb_code(field: &str) -> Option<String> {
    let c = field.split(':').map(str::trim).find(|c| !c.is_empty())?;
    c.chars().all(|ch| ch.is_ascii_alphanumeric()).then(|| c.to_string())
}

/// The second code of a paired code `031:032` (what the target does in return), if it is a code.
fn reverse_code(field: &str) -> Option<String> {
    let (first, second) = field.split_once(':')?;
    let second = second.trim();
    (!first.trim().is_empty() && !second.is_empty() && second.chars().all(|ch| ch.is_ascii_alphanumeric()))
        .then(|| second.to_string())
}

/// Whether a `[...]` field is the null code (`---`, or empty).
fn is_null_code(field: &str) -> bool {
    let first = field.split(':').map(str::trim).next().unwrap_or("");
    first.is_empty() || first.chars().all(|c| c == '-')
}

/// A synset: its name (without `&` and a trailing `_`) and its members, each a run of lower-case words.
type Synset = (String, Vec<Vec<String>>);

fn synset<'a>(synsets: &'a [Synset], name: &str) -> Option<&'a Vec<Vec<String>>> {
    let name = name.trim_end_matches('_');
    synsets.iter().rev().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, m)| m)
}

/// Reads a PETRARCH verb dictionary into verb triggers: every verb form with its CAMEO code (the verb's own or its
/// block's) and the block's patterns. Null-coded verbs (`---`) are kept: they make an event only through a pattern,
/// and they keep sitrep's own triggers of the same spelling out (the dictionary says what the verb means).
pub fn read_verbs(source: &str, file: &str) -> Result<Vec<(String, TriggerEntry)>, LexiconError> {
    let mut out: Vec<(String, TriggerEntry)> = Vec::new();
    let mut block_code: Option<String> = None;
    let mut block_reverse: Option<String> = None;
    let mut block_special = false;
    let mut in_block = false;
    let mut synsets: Vec<Synset> = Vec::new();
    // the synset being defined, and whether its phrases get regular plurals (not when the label ends with `_`)
    let mut in_synset: Option<bool> = None;
    // the verbs of the current block (indexes into `out`), which its patterns apply to
    let mut block_start = 0;
    for (n, line) in lines(source) {
        let t = line.trim();
        if let Some(header) = t.strip_prefix("---") {
            let (_, codes) = bracketed(header);
            block_code = codes.first().and_then(|c| verb_code(c));
            block_reverse = codes.first().and_then(|c| reverse_code(c));
            // TABARI's special codes (`+++`, `###`) make no trigger; `---` (or none) is the null code
            block_special = codes.first().is_some_and(|c| !is_null_code(c) && verb_code(c).is_none());
            in_block = true;
            in_synset = None;
            block_start = out.len();
            continue;
        }
        if let Some(name) = t.strip_prefix('&') {
            let label = name.split_whitespace().next().unwrap_or("");
            synsets.push((label.trim_end_matches('_').to_ascii_uppercase(), Vec::new()));
            in_synset = Some(!label.ends_with('_'));
            continue;
        }
        if let (Some(plurals), Some(member)) = (in_synset, t.strip_prefix('+')) {
            let member = member.trim();
            // a synset inside a synset stands for all its members
            let new: Vec<Vec<String>> = match member.strip_prefix('&') {
                Some(inner) => synset(&synsets, inner).cloned().unwrap_or_default(),
                None => {
                    let words: Vec<String> = phrase(member).split_whitespace().map(str::to_lowercase).collect();
                    let mut forms = vec![words.clone()];
                    if plurals && !member.ends_with('_') {
                        if let Some(last) = words.last() {
                            let mut plural_form = words.clone();
                            *plural_form.last_mut().expect("non-empty") = plural(last).to_lowercase();
                            forms.push(plural_form);
                        }
                    }
                    forms.into_iter().filter(|w| !w.is_empty()).collect()
                }
            };
            if let Some((_, members)) = synsets.last_mut() {
                members.extend(new);
            }
            continue;
        }
        if let Some(body) = t.strip_prefix('-') {
            if in_block {
                if let Some(p) = parse_pattern(body, &synsets) {
                    for (_, entry) in &mut out[block_start..] {
                        entry.patterns.push(p.clone());
                    }
                }
            }
            continue;
        }
        if t.starts_with('~') || t.starts_with('=') || !in_block {
            continue; // transformations
        }
        in_synset = None;
        let (head, codes) = bracketed(t);
        let (code, reverse) = match codes.first() {
            Some(c) if is_null_code(c) => (None, None),
            Some(c) => match verb_code(c) {
                Some(code) => (Some(code), reverse_code(c)),
                None => continue, // TABARI's special codes
            },
            None if block_special => continue,
            None => (block_code.clone(), block_reverse.clone()),
        };
        // `COME_UPON {CAME_UPON ...}`: irregular forms in braces replace the regular ones
        let (verb, irregular) = match head.find('{') {
            Some(b) => {
                let end = head[b..].find('}').map(|e| b + e).ok_or_else(|| bad(file, n, "unclosed {forms}"))?;
                (head[..b].trim(), Some(&head[b + 1..end]))
            }
            None => (head.trim(), None),
        };
        let verb = verb.trim_start_matches('+');
        if verb.is_empty() {
            continue;
        }
        let mut forms: Vec<String> = Vec::new();
        // the word marked `+` inflects ("WIRE_+TAP"); else the first word ("CORDON_OFF")
        let words: Vec<&str> = verb.split('_').filter(|w| !w.is_empty()).collect();
        let marked = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
        let Some(head_word) = words.get(marked) else { continue };
        let regular = match irregular {
            Some(_) => vec![head_word.trim_start_matches('+').to_string()],
            None => verb_forms(head_word.trim_start_matches('+')),
        };
        for form in regular {
            let mut ws: Vec<String> = words.iter().map(|w| w.trim_start_matches('+').to_string()).collect();
            ws[marked] = form;
            forms.push(ws.join(" "));
        }
        if let Some(irr) = irregular {
            forms.extend(irr.split_whitespace().map(|f| phrase(&f.replace('+', ""))));
        }
        let null_coded = code.is_none();
        let code = code.unwrap_or_else(|| "---".to_string());
        let entry = TriggerEntry {
            event_type: plover_of_cameo(&code),
            mode: None,
            cameo: code,
            acled: None,
            pos: TriggerPos::Verb,
            priority: 5,
            patterns: Vec::new(),
            dictionary: Some(DictionaryVerb { null_coded, reverse_cameo: reverse }),
        };
        for f in forms {
            out.push((f.to_lowercase(), entry.clone()));
        }
    }
    Ok(out)
}

/// A TABARI/PETRARCH pattern (`- PLAN_TO_* $ WITH + [201]`): words, synsets (`&NAME`), `$` source, `+` target,
/// `%` compound, `^` skipped phrase, the verb `*`; `_` joins neighbours, a space allows words between them; a
/// trailing `_` (TABARI's "whole word") is read as a space, since sitrep matches whole words. PETRARCH2's
/// `(...)` prepositional and `{...}` noun-phrase brackets are read as their words. None for a pattern without a
/// verb, with an undefined synset, or with a special code (`+++`, `###`); `[---]` gives a pattern that makes no
/// event.
fn parse_pattern(body: &str, synsets: &[Synset]) -> Option<VerbPattern> {
    let (head, codes) = bracketed(body);
    let field = codes.first()?;
    let (cameo, reverse_cameo) = if is_null_code(field) { (None, None) } else { (Some(verb_code(field)?), reverse_code(field)) };
    let head = head.replace(['(', ')', '{', '}'], " ");
    let mut before: Vec<PatternElement> = Vec::new();
    let mut after: Vec<PatternElement> = Vec::new();
    let mut verb_seen = false;
    let mut verb_joined = false;
    for chunk in head.split_whitespace() {
        let parts: Vec<&str> = chunk.split('_').filter(|p| !p.is_empty()).collect();
        for (i, part) in parts.iter().enumerate() {
            let joined = i + 1 < parts.len();
            if *part == "*" || *part == "**" {
                if verb_seen {
                    return None;
                }
                verb_seen = true;
                verb_joined = joined;
                continue;
            }
            let item = match *part {
                "$" => PatternItem::Source,
                "+" => PatternItem::Target,
                "%" => PatternItem::Compound,
                "^" => PatternItem::Skip,
                p if p.starts_with('&') => PatternItem::Words(synset(synsets, &p[1..])?.clone()),
                p => PatternItem::Words(vec![vec![p.to_lowercase()]]),
            };
            let element = PatternElement { item, joined };
            if verb_seen {
                after.push(element);
            } else {
                before.push(element);
            }
        }
    }
    verb_seen.then_some(VerbPattern { before, verb_joined, after, cameo, reverse_cameo })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_patterns_refine_the_verb_code() {
        let src = "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n\
--- RESTORE [030] ---\n\
RESTORE\n\
- * DIPLOMATIC TIES [064]\n\
- * &TIETYPES TIES [065]\n\
- $ * + [099]\n";
        let verbs = read_verbs(src, "t.verbs").unwrap();
        let restore = &verbs.iter().find(|(f, _)| f == "restore").unwrap().1;
        assert_eq!(restore.patterns.len(), 3, "the actor-marker pattern is read too");
        assert_eq!(restore.cameo_after(&["full", "diplomatic", "ties", "with", "x"]), "064");
        assert_eq!(restore.cameo_after(&["economic", "ties"]), "065");
        assert_eq!(restore.cameo_after(&["ties", "diplomatic"]), "030");
    }

    fn pattern(body: &str, synsets: &[Synset]) -> VerbPattern {
        parse_pattern(body, synsets).unwrap_or_else(|| panic!("{body:?} parses"))
    }

    #[test]
    fn patterns_read_words_markers_and_joins_around_the_verb() {
        let p = pattern(" SO IN_AND_*_OUT_AGAIN NOW [074]", &[]);
        assert_eq!(p.cameo.as_deref(), Some("074"));
        assert_eq!(p.before.len(), 3);
        assert!(!p.before[0].joined && p.before[1].joined && p.before[2].joined, "IN_AND_ touch each other and the verb");
        assert!(p.verb_joined);
        assert_eq!(p.after.len(), 3);
        let p = pattern(" + WAS_ * TO_ ^ FROM $ [174:175]", &[]);
        assert_eq!(p.before[0].item, PatternItem::Target);
        assert!(!p.before[1].joined, "a trailing _ is TABARI's whole-word mark, not a join");
        assert_eq!(p.after[1].item, PatternItem::Skip);
        assert_eq!(p.after[3].item, PatternItem::Source);
        assert_eq!(p.reverse_cameo.as_deref(), Some("175"));
        assert_eq!(pattern(" PEACE-KEEPING * [---]", &[]).cameo, None, "[---] matches but codes nothing");
        assert!(parse_pattern(" * FXLL DIPLOMATIC [+++]", &[]).is_none(), "special codes are skipped");
        assert!(parse_pattern(" * &UNDEFINED [010]", &[]).is_none(), "an undefined synset drops the pattern");
        assert!(parse_pattern(" DIPLOMATIC TIES [064]", &[]).is_none(), "a pattern needs its verb");
    }

    #[test]
    fn patterns_match_around_the_verb_and_bind_actors() {
        let words: Vec<&str> = "gondor was handed over to arnor today".split(' ').collect();
        let actors = [(0, 1), (5, 6)];
        let p = pattern(" + WAS_* TO $ [074]", &[]);
        let m = p.match_at(&words, (2, 3), &actors).expect("matches");
        assert_eq!((m.source, m.target), (Some(1), Some(0)));
        // joined: nothing may come between "was" and the verb
        let words2: Vec<&str> = "gondor was quietly handed to arnor".split(' ').collect();
        assert!(p.match_at(&words2, (3, 4), &[(0, 1), (5, 6)]).is_none());
        // a word the pattern takes is recorded, so no actor there is a party
        let synsets = vec![("CURRENCY".to_string(), vec![vec!["swiss".to_string(), "francs".to_string()]])];
        let p = pattern(" * &CURRENCY [903]", &synsets);
        let words3: Vec<&str> = "arnor gave swiss francs".split(' ').collect();
        assert_eq!(p.match_at(&words3, (1, 2), &[(0, 1), (2, 3)]).map(|m| m.literal), Some(vec![(2, 4)]));
    }

    #[test]
    fn synsets_nest_and_make_plurals_unless_the_label_ends_with_an_underscore() {
        let src = "&TIES\n+MILITARY\n&PREP_\n+IN\n&ANY\n+&TIES\n+CLOSER\n\n\
--- RESTORE [030] ---\nRESTORE\n- * &ANY RELATIONS [064]\n- * &PREP PROGRAMS [065]\n";
        let verbs = read_verbs(src, "t.verbs").unwrap();
        let restore = &verbs.iter().find(|(f, _)| f == "restore").unwrap().1;
        assert_eq!(restore.patterns.len(), 2, "&PREP_ is found as &PREP");
        let PatternItem::Words(any) = &restore.patterns[0].after[0].item else { panic!("words") };
        let any: Vec<String> = any.iter().map(|w| w.join(" ")).collect();
        assert_eq!(any, ["military", "militaries", "closer", "closers"]);
        let PatternItem::Words(prep) = &restore.patterns[1].after[0].item else { panic!("words") };
        assert_eq!(prep, &[vec!["in".to_string()]]);
    }

    fn iso(c: &str) -> bool {
        ["USA", "RUS", "ARN", "GON"].contains(&c)
    }

    const ACTORS: &str = "# a comment\n\
<!-- header -->\n\
BILL_CLINTON_  # CountryInfo.txt\n\
+PRESIDENT_CLINTON\n\
+MR_CLINTON\n\
\t[USAELI 640101-930120]\n\
\t[USAGOV 930120-010120]\n\
\t[USAELI]\n\
ARNOR_  [ARN]\n\
+ARNORIAN_ARMY_(AA)\n\
NOBODY_\n\
KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]\n";

    #[test]
    fn actors_read_synonyms_and_date_restrictions() {
        let actors = read_actors(ACTORS, "t.actors", &iso).unwrap();
        let names: Vec<_> = actors.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["BILL CLINTON", "PRESIDENT CLINTON", "MR CLINTON", "ARNOR", "ARNORIAN ARMY", "KOFI ANNAN"]);
        let clinton = &actors[1].1;
        assert_eq!(clinton.roles.len(), 3);
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(clinton.at(d("1998-06-01")).code, Some("USAGOV"));
        assert_eq!(clinton.at(d("1998-06-01")).sector, Some("GOV"));
        assert_eq!(clinton.at(d("2010-06-01")).code, Some("USAELI"));
        // no date: the most recent dated role
        assert_eq!(clinton.at(None).code, Some("USAGOV"));
        assert_eq!(actors[5].1.at(d("2000-01-01")).code, Some("IGOUNO"));
        assert_eq!(actors[5].1.at(d("2010-01-01")).code, Some("ELI"));
    }

    #[test]
    fn a_synonym_shares_the_primary_code() {
        let actors = read_actors(ACTORS, "t.actors", &iso).unwrap();
        assert_eq!(actors[4].1.code.as_deref(), Some("ARN"));
        assert_eq!(actors[4].1.country.as_deref(), Some("ARN"));
        assert!(actors[4].1.roles.is_empty());
    }

    #[test]
    fn null_coded_actors_are_skipped_and_bad_dates_are_errors() {
        let actors = read_actors(ACTORS, "t.actors", &iso).unwrap();
        assert!(actors.iter().all(|(p, _)| p != "NOBODY"));
        let err = read_actors("X_\n\t[USAGOV 9301-010120]\n", "bad.actors", &iso).unwrap_err();
        assert!(err.to_string().starts_with("bad.actors:2:"), "{err}");
    }

    #[test]
    fn two_digit_years_follow_petrarch() {
        assert_eq!(parse_date("930120"), NaiveDate::from_ymd_opt(1993, 1, 20));
        assert_eq!(parse_date("080507"), NaiveDate::from_ymd_opt(2008, 5, 7));
        assert_eq!(parse_date("20080507"), NaiveDate::from_ymd_opt(2008, 5, 7));
        assert_eq!(parse_date("2004017"), None);
    }

    #[test]
    fn agents_expand_macros_and_make_plurals() {
        let src = "!PERSON! = MAN, MEN, WOMAN\n\
CONGRESS!PERSON! [~LEG] # comment\n\
FOREIGN_MINISTER [~GOVFRM]\n\
POLICE {} [~COP]\n\
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\n\
HUMAN_RIGHTS_BODY [NGO~]\n\
SECRETARY [~GOV}\n\
BUDDHIST_WARRIOR [~BUDUAF]\n";
        let agents = read_agents(src, "t.agents").unwrap();
        let forms: Vec<_> = agents.iter().map(|(p, a)| (p.as_str(), a.code.as_str())).collect();
        assert_eq!(
            forms,
            [
                ("CONGRESSMAN", "LEG"),
                ("CONGRESSMEN", "LEG"),
                ("CONGRESSWOMAN", "LEG"),
                ("FOREIGN MINISTER", "GOVFRM"),
                ("FOREIGN MINISTERS", "GOVFRM"),
                ("POLICE", "COP"),
                ("ATTORNEY GENERAL", "JUD"),
                ("ATTORNEYS GENERAL", "JUD"),
                ("HUMAN RIGHTS BODY", "NGO"),
                ("HUMAN RIGHTS BODIES", "NGO"),
                ("SECRETARY", "GOV"),
                ("SECRETARIES", "GOV"),
                ("BUDDHIST WARRIOR", "BUDUAF"),
                ("BUDDHIST WARRIORS", "BUDUAF"),
            ]
        );
        assert_eq!(agents[3].1.sector, "GOV");
        assert!(agents[8].1.prefix);
        assert_eq!(agents[8].1.compose("ARN"), "NGOARN");
        assert_eq!(agents[3].1.compose("ARN"), "ARNGOVFRM");
        assert_eq!(agents[12].1.sector, "UAF");
    }

    #[test]
    fn an_agent_without_a_code_is_an_error_naming_the_line() {
        let err = read_agents("POLICE\n", "x.agents").unwrap_err();
        assert_eq!(err.to_string(), "x.agents:1: agent without a [code]");
    }

    #[test]
    fn verbs_take_their_own_or_the_block_code() {
        let src = "&CURRENCY\n+YEN\n\n\
--- ABANDON  [345]  ---\n\
ABANDON    # pas\n\
+ABC_DEF\n\
KLM_+RST [002]\n\
- * EFFORT  [987]\n\
--- ACCORD  [---] ---\n\
ACCORD\n\
--- ADMIT  [013:012] ---\n\
ADMIT\n\
--- BLAST  [+++] ---\n\
BLAST\n\
--- CAJOLE  [:051] ---\n\
CAJOLE\n\
--- COME [040] ---\n\
COME_UPON {+CAME_UPON +COMES_UPON}\n";
        let verbs = read_verbs(src, "t.verbs").unwrap();
        let find = |f: &str| verbs.iter().find(|(p, _)| p == f).map(|(_, t)| t.cameo.as_str());
        assert_eq!(find("abandoned"), Some("345"));
        assert_eq!(find("abcs def"), Some("345"));
        assert_eq!(find("klm rsting"), Some("002"));
        assert_eq!(find("yen"), None, "synset members are not verbs");
        assert_eq!(find("accord"), Some("---"), "null-coded verbs are kept, to make events through patterns");
        let accord = verbs.iter().find(|(p, _)| p == "accord").map(|(_, t)| t).unwrap();
        assert!(accord.dictionary.as_ref().is_some_and(|d| d.null_coded));
        assert_eq!(find("admits"), Some("013"));
        assert_eq!(find("blasted"), None, "special codes make no trigger");
        assert_eq!(find("cajoles"), Some("051"));
        assert_eq!(find("came upon"), Some("040"));
        assert_eq!(find("comed upon"), None, "irregular forms replace the regular ones");
        assert_eq!(verbs.iter().find(|(p, _)| p == "admits").map(|(_, t)| t.event_type), Some(EventType::Consult));
    }

    #[test]
    fn cameo_roots_map_to_plover_types() {
        assert_eq!(plover_of_cameo("190"), EventType::Assault);
        assert_eq!(plover_of_cameo("0874"), EventType::Retreat);
        assert_eq!(plover_of_cameo("112"), EventType::Accuse);
        assert_eq!(plover_of_cameo("036"), EventType::Agree);
    }
}
