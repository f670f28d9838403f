//! The event record: who did what to whom, where, when, with what, how many were hurt, and who says so.
//! Every extracted field carries the span of text it came from. Unknowns are `null` or `unresolved`, never guessed.

use serde::{Deserialize, Serialize};

use crate::Span;

/// The 16 PLOVER event types (PLOVER manual), the record's primary label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Mobilize,
    Sanction,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Mobilize,
        EventType::Sanction,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Mobilize => "MOBILIZE",
            EventType::Sanction => "SANCTION",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// Parses an upper- or lower-case PLOVER type name.
    pub fn parse(name: &str) -> Option<EventType> {
        let upper = name.trim().to_ascii_uppercase();
        EventType::ALL.iter().copied().find(|t| t.as_str() == upper)
    }

    /// Material conflict: the types ACLED and UCDP count as political violence or repression.
    pub fn is_violent(&self) -> bool {
        matches!(self, EventType::Assault | EventType::Coerce)
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// ACLED's event type and sub-event type, through sitrep's documented crosswalk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acled {
    pub event_type: String,
    pub sub_event_type: String,
}

/// A party to an event as the text names it, with what sitrep knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The words in the text ("Syrian government forces").
    pub text: String,
    /// Canonical name ("Syria" for the state, "Islamic State" for ISIS/ISIL/Daesh).
    pub name: String,
    /// CAMEO-style actor code: country + sector, e.g. `SYRMIL`, `USAGOV`, `IMGSDF`; null when unknown.
    pub code: Option<String>,
    /// ISO 3166-1 alpha-3 country, or null.
    pub country: Option<String>,
    /// GOV, MIL, COP, REB, UAF (unidentified armed), OPP, CVL, MED, NGO, IGO, or null.
    pub sector: Option<String>,
    pub span: Span,
}

/// How precisely an event's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
    Unresolved,
}

/// Where an event's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// A time expression in the text tied to the event.
    Text,
    /// No expression: the publication date stands in, with a coarse precision.
    Publication,
    /// Neither: the date is unresolved.
    None,
}

/// When the event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, following `precision`; null when unresolved.
    pub value: Option<String>,
    /// First day the event may have happened on (`YYYY-MM-DD`), or null.
    pub start: Option<String>,
    /// Last day the event may have happened on (`YYYY-MM-DD`), or null.
    pub end: Option<String>,
    pub precision: DatePrecision,
    pub basis: DateBasis,
    pub text: Option<String>,
    pub span: Option<Span>,
}

impl EventDate {
    pub fn unresolved() -> Self {
        EventDate {
            value: None,
            start: None,
            end: None,
            precision: DatePrecision::Unresolved,
            basis: DateBasis::None,
            text: None,
            span: None,
        }
    }
}

/// How precisely an event's place is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationPrecision {
    Exact,
    Town,
    Admin2,
    Admin1,
    Country,
    Unresolved,
}

/// Where the event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    pub geonameid: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub precision: LocationPrecision,
    pub text: Option<String>,
    pub span: Option<Span>,
}

/// Whose dead, wounded or detained a count reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Party {
    Actor,
    Recipient,
    Civilians,
    Unknown,
}

/// One source's figure. Open-ended figures keep null for the bound the text does not give:
/// "more than 100" → low 101, best 101, high null; "up to 30" → low null, best 30, high 30; "dozens" → 24, 24, null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountClaim {
    pub best: Option<u64>,
    pub low: Option<u64>,
    pub high: Option<u64>,
    pub party: Party,
    pub text: String,
    pub span: Span,
    /// Who the text attributes the figure to ("Syrian Observatory for Human Rights"), or null.
    pub reporter: Option<String>,
    pub sentence_index: usize,
}

/// A count as recorded: the primary claim's figures, and every claim when sources disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    #[serde(flatten)]
    pub primary: CountClaim,
    /// Every claim, the primary first, when more than one source gave a figure; empty otherwise.
    pub claims: Vec<CountClaim>,
}

impl Count {
    pub fn single(claim: CountClaim) -> Self {
        Count { primary: claim, claims: Vec::new() }
    }
    /// Adds another source's figure, keeping all claims side by side.
    pub fn add_claim(&mut self, claim: CountClaim) {
        if self.claims.is_empty() {
            self.claims.push(self.primary.clone());
        }
        self.claims.push(claim);
    }
}

/// Killed, injured and arrested.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Casualties {
    pub killed: Option<Count>,
    pub injured: Option<Count>,
    pub arrested: Option<Count>,
}

impl Casualties {
    pub fn is_empty(&self) -> bool {
        self.killed.is_none() && self.injured.is_none() && self.arrested.is_none()
    }
}

/// The weapon classes of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeaponClass {
    Aircraft,
    Drone,
    Artillery,
    Armor,
    SmallArms,
    Explosive,
    Missile,
    Naval,
    Chemical,
    Other,
}

impl WeaponClass {
    pub fn parse(name: &str) -> Option<WeaponClass> {
        Some(match name {
            "aircraft" => WeaponClass::Aircraft,
            "drone" => WeaponClass::Drone,
            "artillery" => WeaponClass::Artillery,
            "armor" => WeaponClass::Armor,
            "small_arms" => WeaponClass::SmallArms,
            "explosive" => WeaponClass::Explosive,
            "missile" => WeaponClass::Missile,
            "naval" => WeaponClass::Naval,
            "chemical" => WeaponClass::Chemical,
            "other" => WeaponClass::Other,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weapon {
    pub text: String,
    pub class: WeaponClass,
    pub span: Span,
}

/// Who the sentence attributes its claim to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reporter {
    pub text: String,
    pub span: Span,
    /// For a pronoun reporter ("she said"): the named person or organisation it was resolved to, from an earlier
    /// sentence of the document; `null` when the reporter is a name or the pronoun could not be resolved.
    #[serde(default)]
    pub refers_to: Option<ReporterName>,
}

/// The name a pronoun reporter stands for, and where the document gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReporterName {
    pub text: String,
    pub span: Span,
}

/// Whether the event is asserted as having happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Modality {
    /// "did not attack", "denied attacking", "would not engage".
    pub negated: bool,
    /// "could strike if", "would", "may".
    pub hypothetical: bool,
    /// "will", "plans to", "is set to".
    pub future: bool,
    /// "reportedly", "allegedly", "is believed to".
    pub hedged: bool,
}

impl Modality {
    /// True when the text does not assert the event as having happened.
    pub fn is_unasserted(&self) -> bool {
        self.negated || self.hypothetical || self.future
    }
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable: a hash of the document id, the trigger's position and type, and the sitrep version.
    pub id: String,
    pub doc_id: String,
    /// 0-based index of the evidence sentence in the document.
    pub sentence_index: usize,
    /// The sentence the event was coded from.
    pub evidence: String,
    pub evidence_span: Span,
    /// The word(s) that signalled the event ("air strike", "were killed").
    pub trigger: Trigger,
    pub event_type: EventType,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub acled: Option<Acled>,
    pub actors: Vec<Actor>,
    pub recipients: Vec<Actor>,
    pub date: EventDate,
    pub location: Option<Location>,
    pub casualties: Casualties,
    pub weapons: Vec<Weapon>,
    pub reporters: Vec<Reporter>,
    pub modality: Modality,
    /// 0 to 1: how sure the coder is that the event and its roles are right.
    pub confidence: f32,
    pub sitrep_version: String,
}

/// The words that signalled an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    pub text: String,
    pub span: Span,
}
