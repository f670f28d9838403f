//! Actor mentions: lexicon hits composed into noun phrases ("Syrian" + "government forces" → Syrian government
//! forces, SYRMIL), with place uses ("in Syria") and modifier uses ("Iran-backed") told apart from actors.

use chrono::NaiveDate;
use sitrep_lexicon::{ActorEntry, ActorKind, Lexicon};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    Country,
    Demonym,
    Capital,
    Named,
    Agent,
}

/// A mention in one sentence; `start..end` are byte offsets into the sentence text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub kind: MentionKind,
    /// Used as a place ("in Syria", "near Moscow", "Syria's Idlib province"): not an actor.
    pub locative: bool,
    /// Describes another actor ("Iran-backed militias", "Britain-based Observatory"): not an actor itself.
    pub modifier: bool,
}

impl Mention {
    /// Whether this mention can fill an actor or recipient role.
    pub fn is_actor(&self) -> bool {
        !self.locative && !self.modifier
    }
}

/// Words between a country word and an agent that keep them one phrase ("Syrian [state] television").
const LINKING_MODIFIERS: &[&str] = &[
    "'s", "’s", "government", "state", "security", "special", "armed", "local", "elite", "riot", "regime", "federal",
    "national", "military", "army", "navy", "interior", "defence", "defense", "foreign", "border", "news", "top",
    "senior", "former", "acting", "police", "opposition", "pro-government", "allied", "backed", "led", "elected",
];
/// Words that open a phrase of their own: a possessive's describing words stop at them.
const PHRASE_STARTERS: &[&str] = &[
    "to", "for", "of", "in", "on", "with", "that", "by", "from", "against", "at", "into", "over", "about", "as", "who",
    "which", "is", "are", "was", "were", "has", "have", "had", "be", "been",
];
const LOCATIVE_BEFORE: &[&str] =
    &["in", "near", "at", "from", "into", "across", "inside", "outside", "over", "toward", "towards", "to", "of", "around", "throughout", "within"];
const MODIFIER_SUFFIXES: &[&str] = &["-backed", "-led", "-based", "-allied", "-controlled", "-held", "-supported", "-born", "-made", "-linked"];

fn last_word(text: &str) -> Option<&str> {
    text.split_whitespace().next_back()
}

/// Words that, right before a surname, say it names an office-holder ("President Assad", "Mr Clinton").
const TITLES: &[&str] = &[
    "president", "minister", "premier", "chancellor", "king", "queen", "prince", "emir", "sheikh", "general", "gen.",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "secretary", "senator", "ambassador", "governor", "ayatollah",
    "colonel", "col.", "judge", "leader", "dictator", "envoy", "spokesman", "spokeswoman", "chairman", "commander",
];

/// "President Assad": a known surname after a title, as a hit on the person who held office at `date` (the one
/// person with that surname, or the only one of several whose role then was in government). Skipped where another
/// actor or agent already covers the words.
fn titled_people<'l>(
    lexicon: &'l Lexicon,
    s: &str,
    date: Option<NaiveDate>,
    actors: &[sitrep_lexicon::Hit<'l, ActorEntry>],
    agents: &[sitrep_lexicon::Hit<'l, sitrep_lexicon::AgentEntry>],
) -> Vec<sitrep_lexicon::Hit<'l, ActorEntry>> {
    let mut out = Vec::new();
    for hit in lexicon.surnames.find(s) {
        if actors.iter().any(|a| a.start < hit.end && hit.start < a.end) {
            continue;
        }
        // the mention starts at the title: "President Assad" is one actor, not a president and an Assad
        let before = s[..hit.start].trim_end();
        let lower = before.to_lowercase();
        let title = TITLES.iter().find(|t| {
            lower.ends_with(*t) && lower[..lower.len() - t.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
        });
        let start = match (title, agents.iter().find(|g| g.end <= hit.start && s[g.end..hit.start].trim().is_empty())) {
            (_, Some(agent)) => agent.start,
            (Some(t), None) if before.is_char_boundary(before.len() - t.len()) => before.len() - t.len(),
            (Some(_), None) => continue,
            (None, None) => continue,
        };
        let people = hit.value;
        let in_office = |p: &&ActorEntry| matches!(p.at(date).sector, Some("GOV" | "MIL" | "IGO" | "LEG" | "JUD" | "COP"));
        let chosen = if people.len() == 1 {
            people.first()
        } else {
            let mut current = people.iter().filter(in_office);
            match (current.next(), current.next()) {
                (Some(p), None) => Some(p),
                _ => None,
            }
        };
        if let Some(p) = chosen {
            out.push(sitrep_lexicon::Hit { start, end: hit.end, value: p });
        }
    }
    out
}

/// Mentions of a sentence as of no particular date: people get their most recent role.
#[cfg(test)]
pub(crate) fn find_mentions(lexicon: &Lexicon, s: &str) -> Vec<Mention> {
    find_mentions_at(lexicon, s, None)
}

/// Mentions of a sentence in a document of `date` (its publication date): a person's code is the role they held
/// then ("President Bill Clinton" is USAGOV in 1998 and USAELI in 2010). (Coding reads the actor hits the
/// document pass found, through [`mentions_from_actor_hits`].)
#[cfg(test)]
pub(crate) fn find_mentions_at(lexicon: &Lexicon, s: &str, date: Option<NaiveDate>) -> Vec<Mention> {
    mentions_from_actor_hits(lexicon, s, date, lexicon.actors.find(s))
}

/// [`find_mentions_at`] with the actor dictionary's hits in `s` already found (the document pass finds them once).
pub(crate) fn mentions_from_actor_hits<'l>(
    lexicon: &'l Lexicon,
    s: &str,
    date: Option<NaiveDate>,
    actor_hits: Vec<sitrep_lexicon::Hit<'l, sitrep_lexicon::ActorEntry>>,
) -> Vec<Mention> {
    let all_agents = lexicon.agents.find(s);
    let titled = titled_people(lexicon, s, date, &actor_hits, &all_agents);
    let agent_hits: Vec<_> = all_agents
        .into_iter()
        .filter(|g| !actor_hits.iter().chain(titled.iter()).any(|a| a.start < g.end && g.start < a.end))
        .collect();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut used_agents = vec![false; agent_hits.len()];
    for hit in actor_hits.iter().chain(titled.iter()) {
        let entry = hit.value;
        let kind = match entry.kind {
            ActorKind::Country => MentionKind::Country,
            ActorKind::Demonym => MentionKind::Demonym,
            ActorKind::Capital => MentionKind::Capital,
            ActorKind::Named => MentionKind::Named,
        };
        let after = &s[hit.end..];
        let modifier = MODIFIER_SUFFIXES.iter().any(|suf| after.starts_with(suf));
        let now = entry.at(date);
        let mut m = Mention {
            start: hit.start,
            end: hit.end,
            name: entry.name.clone(),
            code: now.code.map(str::to_string),
            country: now.country.map(str::to_string),
            sector: now.sector.map(str::to_string),
            kind,
            locative: false,
            modifier,
        };
        // "Vietnamese-led forces", "Saudi-led coalition": the leader's country is the led force's
        let leads = after.starts_with("-led") && matches!(kind, MentionKind::Country | MentionKind::Demonym | MentionKind::Capital);
        if leads {
            let rest_start = hit.end + "-led".len();
            if let Some((k, agent)) = agent_hits
                .iter()
                .enumerate()
                .find(|(k, g)| !used_agents[*k] && g.start >= rest_start && s[rest_start..g.start].trim().is_empty())
            {
                if let Some(country) = now.country {
                    used_agents[k] = true;
                    mentions.push(Mention {
                        start: agent.start,
                        end: agent.end,
                        name: s[agent.start..agent.end].to_lowercase(),
                        code: Some(agent.value.compose(country)),
                        country: Some(country.to_string()),
                        sector: Some(agent.value.sector.clone()),
                        kind: MentionKind::Agent,
                        locative: false,
                        modifier: false,
                    });
                }
            }
        }
        // compose with a following agent noun: "Syrian troops", "Turkey's defence ministry", "al-Shabaab fighters"
        if !modifier {
            if let Some((k, agent)) = agent_hits.iter().enumerate().find(|(_, g)| g.start >= hit.end) {
                let gap = &s[hit.end..agent.start];
                let links = gap.split_whitespace().all(|w| LINKING_MODIFIERS.contains(&w.to_lowercase().as_str()))
                    && gap.split_whitespace().count() <= 3
                    && !gap.contains([',', ';', '(', ')', '"']);
                // "Ithilen's awful and evil minister": after a possessive, a few plain describing words (no
                // preposition or verb particle, which would start another phrase: "Iran's support for rebels")
                let described = (gap.starts_with("'s") || gap.starts_with("’s"))
                    && gap.split_whitespace().count() <= 5
                    && gap.split_whitespace().skip(1).all(|w| {
                        w.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !PHRASE_STARTERS.contains(&w)
                    });
                let gap_ok = links || gap.starts_with("'s") || gap.starts_with("’s");
                if gap_ok && (gap.split_whitespace().count() <= 3 || described) && !gap.contains(',') {
                    used_agents[k] = true;
                    m.end = agent.end;
                    // a named actor with a bare three-letter code (a PETRARCH country or IGO, "ARN") composes like a
                    // country: "Arnor soldiers" → ARNMIL; named groups keep their own code ("Hezbollah fighters")
                    let bare = m.code.clone().filter(|c| {
                        c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()) && !sitrep_lexicon::SECTORS.contains(&c.as_str())
                    });
                    if kind != MentionKind::Named || m.sector.is_none() {
                        m.sector = Some(agent.value.sector.clone());
                    }
                    if kind != MentionKind::Named {
                        m.code = m.country.as_ref().map(|c| agent.value.compose(c));
                    } else if let Some(base) = bare {
                        m.code = Some(agent.value.compose(&base));
                    }
                }
            }
        }
        mentions.push(m);
    }
    share_coordinated_agents(s, &mut mentions);
    for (k, agent) in agent_hits.iter().enumerate() {
        if used_agents[k] {
            continue;
        }
        // a dictionary agent whose code goes first ("MSF Arnor" with MSF [NGO~] → NGOARN) joins the actor it names
        if agent.value.prefix {
            if let Some(next) = mentions
                .iter_mut()
                .filter(|n| n.start >= agent.end && n.kind != MentionKind::Agent && n.code.is_some())
                .min_by_key(|n| n.start)
                .filter(|n| s[agent.end..n.start].trim().is_empty())
            {
                next.start = agent.start;
                next.code = next.code.as_ref().map(|c| agent.value.compose(c));
                continue;
            }
        }
        let mut m = Mention {
            start: agent.start,
            end: agent.end,
            name: s[agent.start..agent.end].to_lowercase(),
            code: None,
            country: None,
            sector: Some(agent.value.sector.clone()),
            kind: MentionKind::Agent,
            locative: false,
            modifier: false,
        };
        // "police in Iran", "authorities in Kenya": police and civil authorities belong to the country they are in
        // (troops and militias often do not, so they are left alone); "the ambassadors of Arnor", "activists of
        // Amnesty International": whoever is "of" a country (or a dictionary actor coded like one) belongs to it
        let domestic = matches!(agent.value.sector.as_str(), "COP" | "GOV");
        let next = mentions
            .iter()
            .filter(|n| n.start > agent.end && matches!(n.kind, MentionKind::Country | MentionKind::Named) && !n.modifier)
            .min_by_key(|n| n.start);
        if let Some(next) = next {
            let gap = s[agent.end..next.start].trim();
            // a named actor composes only with a bare three-letter code (a PETRARCH country or IGO, "ARN", as
            // below); named groups keep their own code ("members of ISIS" are ISIS)
            let bare = |n: &Mention| {
                n.code.as_ref().is_some_and(|c| {
                    c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()) && !sitrep_lexicon::SECTORS.contains(&c.as_str())
                })
            };
            let bare_code = bare(next);
            let belongs = match gap {
                "in" => domestic && next.kind == MentionKind::Country,
                "of" => next.kind == MentionKind::Country || bare_code,
                _ => false,
            };
            if belongs {
                let base = if next.kind == MentionKind::Country { next.country.clone() } else { next.code.clone() };
                m.end = next.end;
                m.country = next.country.clone();
                m.name = next.name.clone();
                m.code = base.as_ref().map(|c| agent.value.compose(c));
                let consumed = (next.start, next.end);
                // "the ambassadors of Arnor, Osgiliath and Gondor": the countries listed with it have them too
                let mut last_end = next.end;
                let mut listed: Vec<(usize, usize)> = Vec::new();
                let mut order: Vec<&Mention> = mentions.iter().filter(|n| n.start >= last_end).collect();
                order.sort_by_key(|n| n.start);
                for n in order {
                    let joint = s[last_end..n.start].trim();
                    let composes = n.kind == MentionKind::Country || n.kind == MentionKind::Named && bare(n);
                    if !matches!(joint, "," | "and" | ", and") || n.sector.is_some() || !composes {
                        break;
                    }
                    listed.push((n.start, n.end));
                    last_end = n.end;
                }
                for n in mentions.iter_mut().filter(|n| listed.contains(&(n.start, n.end))) {
                    let base = if n.kind == MentionKind::Country { n.country.clone() } else { n.code.clone() };
                    n.sector = Some(agent.value.sector.clone());
                    n.code = base.as_ref().map(|c| agent.value.compose(c));
                }
                mentions.retain(|n| (n.start, n.end) != consumed);
            }
        }
        mentions.push(m);
    }
    mentions.sort_by_key(|m| m.start);
    extend_titles_over_names(s, &mut mentions);
    mark_place_uses(s, &mut mentions);
    mentions
}

/// "Sierra Leonean and Liberian refugees", "U.S. and Russian negotiators": a bare national word coordinated with a
/// composed national actor shares its agent (both are refugees, both negotiate), keeping its own country.
fn share_coordinated_agents(s: &str, mentions: &mut [Mention]) {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| mentions[i].start);
    for w in order.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (first, second) = (&mentions[a], &mentions[b]);
        let bare = matches!(first.kind, MentionKind::Demonym | MentionKind::Country)
            && first.sector.is_none()
            && first.country.is_some()
            && !first.modifier;
        let composed = matches!(second.kind, MentionKind::Demonym | MentionKind::Country) && second.sector.is_some();
        if !(bare && composed && first.end <= second.start) {
            continue;
        }
        let gap = s[first.end..second.start].trim();
        if gap != "and" && gap != "or" && gap != "," {
            continue;
        }
        let (sector, country) = (second.sector.clone(), first.country.clone());
        let m = &mut mentions[a];
        m.sector = sector.clone();
        m.code = match (&country, &sector) {
            (Some(c), Some(sec)) => Some(format!("{c}{sec}")),
            _ => m.code.clone(),
        };
    }
}

/// Month and weekday names: capitalised, but never part of a person's name after a title.
const CALENDAR_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "today", "yesterday",
];

/// "President Laurent Gbagbo", "Judge Alejandro Rivera", "Nigerian President Olusegun Obasanjo": a capitalised title
/// (an agent noun written as a title) followed by a name the lexicon does not know takes the name into its span.
fn extend_titles_over_names(s: &str, mentions: &mut [Mention]) {
    let words: Vec<&str> = s.split_whitespace().collect();
    let capitalised = words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    if sitrep_lexicon::is_all_caps(s) || capitalised * 2 > words.len() {
        return; // all capitals or a title-case headline: case cannot tell a name from an ordinary word
    }
    let starts: Vec<usize> = mentions.iter().map(|m| m.start).collect();
    for m in mentions.iter_mut() {
        if m.sector.is_none() || !matches!(m.kind, MentionKind::Agent | MentionKind::Demonym | MentionKind::Country) {
            continue;
        }
        let title = last_word(&s[m.start..m.end]).unwrap_or("");
        let title_case = title.chars().next().is_some_and(char::is_uppercase)
            && title.chars().skip(1).any(char::is_lowercase);
        if !title_case || title.eq_ignore_ascii_case("forces") {
            continue;
        }
        let mut end = m.end;
        let mut taken = 0;
        while taken < 4 {
            let Some(rest) = s[end..].strip_prefix(' ') else { break };
            let word_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == '\'')).unwrap_or(rest.len());
            let word = rest[..word_len].trim_end_matches('.');
            // "President Assad's": the possessive ends the name and stays out of it
            let (word, possessive) = match word.strip_suffix("'s") {
                Some(w) => (w, true),
                None => (word, false),
            };
            let capitalised = word.chars().next().is_some_and(char::is_uppercase) && word.chars().any(char::is_lowercase);
            if !capitalised || CALENDAR_WORDS.contains(&word.to_lowercase().as_str()) || starts.contains(&(end + 1)) {
                break;
            }
            end += 1 + word.len();
            taken += 1;
            if possessive {
                break;
            }
        }
        if taken > 0 {
            m.end = end;
        }
    }
}

/// Country and capital words used as places: after a locative preposition, after "Place, ", or as "Syria's X
/// province".
fn mark_place_uses(s: &str, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        if !matches!(m.kind, MentionKind::Country | MentionKind::Capital) {
            continue;
        }
        let composed = m.sector.is_some() && m.kind == MentionKind::Country;
        if composed {
            continue; // "Iran's police" is an actor
        }
        let before = s[..m.start].trim_end();
        let prev = last_word(before).map(|w| w.to_lowercase()).unwrap_or_default();
        let after = s[m.end..].trim_start();
        // "Jalalaqsi, Somalia" (but not "on Monday, Iraq said")
        let place_after_comma = before.ends_with(',')
            && last_word(before.trim_end_matches(',')).is_some_and(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && !CALENDAR_WORDS.contains(&w.to_lowercase().as_str())
            });
        let possessive_place = (after.starts_with("'s ") || after.starts_with("’s "))
            && after.split_whitespace().nth(1).is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let northern = ["northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern", "southwestern"];
        if LOCATIVE_BEFORE.contains(&prev.as_str())
            || northern.contains(&prev.as_str())
            || place_after_comma && m.kind == MentionKind::Country
            || possessive_place
        {
            m.locative = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors(s: &str) -> Vec<(String, Option<String>, bool)> {
        find_mentions(Lexicon::builtin(), s)
            .into_iter()
            .map(|m| (s[m.start..m.end].to_string(), m.code.clone(), m.is_actor()))
            .collect()
    }

    #[test]
    fn demonym_and_agent_make_one_national_actor() {
        let found = actors("Syrian government forces shelled the town.");
        assert_eq!(found[0], ("Syrian government forces".to_string(), Some("SYRMIL".to_string()), true));
    }

    #[test]
    fn possessive_country_and_agent() {
        let found = actors("Turkey's defence ministry said.");
        assert_eq!(found[0].0, "Turkey's defence ministry");
        assert_eq!(found[0].1.as_deref(), Some("TURGOV"));
    }

    #[test]
    fn agent_in_country_takes_the_country() {
        let found = actors("Police in Iran arrested more than 200 people.");
        assert_eq!(found[0], ("Police in Iran".to_string(), Some("IRNCOP".to_string()), true));
    }

    #[test]
    fn an_agent_of_a_country_belongs_to_it_and_so_do_the_countries_listed_with_it() {
        let found = actors("The ambassadors of Egypt, Jordan and Qatar met on Monday.");
        let codes: Vec<_> = found.iter().map(|(_, c, _)| c.as_deref()).collect();
        assert_eq!(codes, [Some("EGYGOV"), Some("JORGOV"), Some("QATGOV")]);
        // a named group keeps its own code: members of ISIS are ISIS, not some new ISIS sector
        let found = actors("Members of ISIS attacked the village.");
        assert!(found.iter().all(|(_, c, _)| c.as_deref() != Some("IMGISICVL")), "{found:?}");
    }

    #[test]
    fn a_possessive_takes_describing_words_but_not_a_new_phrase() {
        let found = actors("Egypt's new and powerful minister spoke.");
        assert_eq!(found[0].1.as_deref(), Some("EGYGOV"));
        let found = actors("Iran's strong support for local fighters grew.");
        assert!(found.iter().all(|(t, _, _)| !t.contains("support")), "{found:?}");
    }

    fn code_at(s: &str, date: &str) -> Vec<Option<String>> {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        find_mentions_at(Lexicon::builtin(), s, date).into_iter().map(|m| m.code).collect()
    }

    #[test]
    fn an_office_holder_is_the_government_only_while_in_office() {
        let s = "President Bill Clinton met the press.";
        assert_eq!(code_at(s, "1998-03-01"), [Some("USAGOV".to_string())]);
        let later = code_at(s, "2010-03-01");
        assert_eq!(later.len(), 1);
        assert!(later[0].as_deref().is_some_and(|c| c.starts_with("USA") && !c.contains("GOV")), "{later:?}");
        // without a date: the most recent role
        assert_eq!(actors(s)[0].1.as_deref(), Some("USAGOV"));
    }

    #[test]
    fn a_title_and_a_surname_name_the_office_holder_of_the_day() {
        let s = "President Bush rejected the offer.";
        let m = &find_mentions_at(Lexicon::builtin(), s, NaiveDate::from_ymd_opt(1990, 6, 1))[0];
        assert_eq!((&s[m.start..m.end], m.code.as_deref(), m.name.as_str()), ("President Bush", Some("USAGOV"), "George Bush"));
        let m = &find_mentions_at(Lexicon::builtin(), s, NaiveDate::from_ymd_opt(2007, 6, 1))[0];
        assert_eq!((m.code.as_deref(), m.name.as_str()), (Some("USAGOV"), "George W. Bush"));
        // a bare surname is not enough
        assert!(find_mentions_at(Lexicon::builtin(), "Bush rejected it.", None).iter().all(|m| m.code.is_none()));
    }

    #[test]
    fn leaders_organisations_and_alliances_have_codes() {
        let found = actors("Putin told Amnesty International that NATO and the Arab League would meet.");
        let codes: Vec<_> = found.iter().map(|f| (f.0.as_str(), f.1.as_deref().map(|c| &c[..3]))).collect();
        assert_eq!(
            codes,
            [("Putin", Some("RUS")), ("Amnesty International", Some("NGO")), ("NATO", Some("IGO")), ("Arab League", Some("IGO"))]
        );
    }

    #[test]
    fn imported_agents_compose_with_countries() {
        // "senators" and "fishermen" come from Phoenix.agents.txt (agents-phoenix.tsv), not the hand-written list
        let found = actors("Chinese senators and Kenyan fishermen protested.");
        assert_eq!(found[0], ("Chinese senators".to_string(), Some("CHNLEG".to_string()), true));
        assert_eq!(found[1], ("Kenyan fishermen".to_string(), Some("KENAGR".to_string()), true));
    }

    #[test]
    fn everyday_words_do_not_become_organisations() {
        // "Peace Action" and "Islamic Society" are organisations only when capitalised
        let found = actors("They called for peace action by the islamic society of the town.");
        assert!(found.iter().all(|f| f.1.is_none()), "{found:?}");
    }

    #[test]
    fn place_uses_and_modifiers_are_not_actors() {
        let found = actors("Fighting near Jalalaqsi, Somalia, and Iran-backed militias in Syria.");
        let somalia = found.iter().find(|f| f.0 == "Somalia").unwrap();
        assert!(!somalia.2);
        assert!(!found.iter().find(|f| f.0 == "Iran").unwrap().2);
        assert!(!found.iter().find(|f| f.0 == "Syria").unwrap().2);
        assert!(found.iter().find(|f| f.0 == "militias").unwrap().2);
    }
}
