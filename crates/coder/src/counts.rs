//! Casualty and arrest counts: "14 civilians were killed", "killed more than 20 soldiers", "the death toll rose to
//! 23", "between 10 and 15 wounded", "dozens were arrested" — with the record's low/best/high rules.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::numbers::parse_number;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountKind {
    Killed,
    Injured,
    Arrested,
    /// People hit by gunfire, dead or alive unsaid ("three people were shot"): the caller decides, from the rest
    /// of the document, whether they are wounded (no one died) or nothing can be said.
    Shot,
}

/// A count in one sentence; byte offsets into the sentence text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CountMention {
    pub kind: CountKind,
    pub start: usize,
    pub end: usize,
    pub best: Option<u64>,
    pub low: Option<u64>,
    pub high: Option<u64>,
    /// The counted noun phrase ("civilians", "members of the PKK"), byte range, when the text names one.
    pub noun: Option<(usize, usize)>,
}

const NUM: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|both|a dozen|dozens|tens of thousands|tens|scores|hundreds|thousands|several|a handful)(?:\s+(?:hundred|thousand))?";
const QUAL: &str = r"at least|more than|over|nearly|almost|about|around|some|up to|as many as|no fewer than|no less than|roughly|approximately|an estimated|at most|fewer than|less than|close to|between";
const KILLED: &str = r"killed|dead|died|slain|perished|lost their lives|were killed|murdered|executed";
const INJURED: &str = r"wounded|injured|hurt|maimed";
const ARRESTED: &str = r"arrested|detained|rounded up|taken into custody|jailed|apprehended";
/// Shooting verbs that say the outcome; listed before a bare "shot" so the longer reading wins at one position.
const SHOT_KILLED: &str = r"shot and killed|shot to death|shot dead|fatally shot|found shot to death|found shot dead";
const SHOT_KILLING: &str = r"fatally shooting|shooting and killing";
const SHOT_INJURED: &str = r"shot and wounded|shot and injured";

static NUMBER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(&format!(
        r"(?i)\b(?:(?P<qual>{QUAL})\s+)?(?P<num>{NUM})(?:\s*(?:-|–|to|and|or)\s*(?P<num2>{NUM}))?(?P<noun>(?:\s+[A-Za-z'’()-]+){{0,7}}?)(?:\s*(?:,|—|–|--)\s*including\s+[^,—–;.]{{1,60}}?\s*(?:,|—|–|--))?\s+(?:(?:were|was|have|had|has|been|are|is|being|got|reportedly|also|later|all|among|the|confirmed)\s+){{0,4}}(?P<verb>{SHOT_KILLED}|{SHOT_INJURED}|{KILLED}|{INJURED}|{ARRESTED}|shot)\b"
    ))
    .expect("valid count pattern")
});
static VERB_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(&format!(
        r"(?i)\b(?P<verb>{SHOT_KILLED}|{SHOT_KILLING}|{SHOT_INJURED}|shooting and wounding|shot|shooting|kill|kills|killed|killing|wound|wounds|wounded|wounding|injure|injured|injuring|arrest|arrested|arresting|detain|detained|detaining|leaving|left|(?:shooting )?deaths? of|killings? of|murders? of)\s+(?:(?P<qual>{QUAL})\s+)?(?P<num>{NUM})(?:\s*(?:-|–|to|and|or)\s*(?P<num2>{NUM}))?\b(?P<noun>(?:\s+[A-Za-z'’()-]+){{0,6}})"
    ))
    .expect("valid count pattern")
});
/// "a soldier was killed", "one civilian wounded": one person, named by a singular noun.
static ONE_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(&format!(
        r"(?i)\b(?P<num>a|an|one)\s+(?:[a-z-]+\s+){{0,2}}?(?P<noun>soldier|civilian|man|woman|child|boy|girl|policeman|policewoman|police officer|officer|journalist|member|fighter|militant|rebel|protester|student|farmer|worker|person|teenager|doctor|nurse|official|guard|commander|citizen|resident|villager|shepherd|guerrilla|insurgent|gunman)\s+(?P<aux>(?:was|has been|had been|is)\s+)?(?:reportedly\s+)?(?P<verb>{KILLED}|{INJURED}|{ARRESTED}|shot dead)\b"
    ))
    .expect("valid count pattern")
});
static DEATH_TOLL: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(&format!(
        r"(?i)\bdeath toll\b(?:\s+\w+){{0,3}}?\s+(?:to|at|of|reached|hit)\s+(?:(?P<qual>{QUAL})\s+)?(?P<num>{NUM})\b"
    ))
    .expect("valid count pattern")
});

fn kind_of(verb: &str) -> Option<CountKind> {
    let v = verb.to_lowercase();
    let v = v.as_str();
    if v == "shot" || v == "shooting" {
        Some(CountKind::Shot)
    } else if v.starts_with("kill") || v.contains(" kill") || v.contains("death") || v.contains("dead") || v.starts_with("fatally") || ["dead", "died", "slain", "perished", "lost their lives", "were killed", "murdered", "executed"].contains(&v) {
        Some(CountKind::Killed)
    } else if v.starts_with("wound") || v.starts_with("injur") || v.contains(" wound") || v.contains(" injur") || v == "hurt" || v == "maimed" {
        Some(CountKind::Injured)
    } else if v.starts_with("arrest") || v.starts_with("detain") || ["rounded up", "taken into custody", "jailed", "apprehended"].contains(&v) {
        Some(CountKind::Arrested)
    } else {
        None
    }
}

/// Applies the qualifier to a number: see the event record's rules for open-ended counts.
fn bounds(qual: Option<&str>, n: u64, n2: Option<u64>, open_ended: bool) -> (Option<u64>, Option<u64>, Option<u64>) {
    if let Some(hi) = n2.filter(|hi| *hi > n) {
        return (Some(n), Some(n), Some(hi));
    }
    match qual.map(|q| q.to_lowercase()).as_deref() {
        Some("at least" | "no fewer than" | "no less than") => (Some(n), Some(n), None),
        Some("more than" | "over") => (Some(n + 1), Some(n + 1), None),
        Some("up to" | "as many as" | "at most") => (None, Some(n), Some(n)),
        Some("fewer than" | "less than") => (None, Some(n.saturating_sub(1)), Some(n.saturating_sub(1))),
        Some("nearly" | "almost" | "close to") => (None, Some(n), Some(n)),
        Some("about" | "around" | "some" | "roughly" | "approximately" | "an estimated") => (None, Some(n), None),
        _ if open_ended => (Some(n), Some(n), None),
        _ => (Some(n), Some(n), Some(n)),
    }
}

/// A count's number: any number, or "both" (two people, only as a count: not a quantity of anything else).
fn parse_count(text: &str) -> Option<crate::numbers::Quantity> {
    if text.trim().eq_ignore_ascii_case("both") {
        return Some(crate::numbers::Quantity { value: 2, open_ended: false });
    }
    parse_number(text)
}

fn mention(c: &Captures, kind: CountKind) -> Option<CountMention> {
    let num = parse_count(c.name("num")?.as_str())?;
    let n2 = c.name("num2").and_then(|m| parse_number(m.as_str())).map(|q| q.value);
    let qual = c.name("qual").map(|m| m.as_str());
    let (low, best, high) = bounds(qual, num.value, n2, num.open_ended);
    let whole = c.get(0)?;
    let noun = c.name("noun").filter(|m| !m.as_str().trim().is_empty()).map(|m| {
        let trimmed = m.as_str().trim_start();
        (m.end() - trimmed.len(), m.end())
    });
    Some(CountMention { kind, start: whole.start(), end: whole.end(), best, low, high, noun })
}

/// Units that make a number an amount of something other than people.
const NOT_PEOPLE: &[&str] = &[
    "lakh", "crore", "million", "billion", "percent", "per", "%", "dollars", "rupees", "euros", "pounds", "km",
    "kilometres", "kilometers", "miles", "metres", "meters", "hours", "days", "weeks", "months", "gmt", "pm", "am",
    // "shot five times", "killed 45 minutes later", "fired 20 rounds": how often or how long, not how many people
    "times", "minutes", "seconds", "years", "rounds", "shots", "bullets", "feet", "yards", "blocks", "inches",
    // "a 22 caliber handgun", "the 3300 block of Selena"
    "caliber", "calibre", "mm", "gauge", "block",
    // "two rockets killed five civilians", "three shells wounded four children", "crossed five lanes of traffic and
    // shot three more people": the weapons, vehicles and places counted before the verb are not its victims
    "rocket", "rockets", "missile", "missiles", "shell", "shells", "mortar", "mortars", "bomb", "bombs", "grenade",
    "grenades", "drone", "drones", "airstrikes", "explosions", "blasts", "car", "cars", "vehicle", "vehicles",
    "trucks", "buses", "house", "houses", "homes", "buildings", "lanes", "streets", "roads",
];

/// Whether the number at `s[start..end]` followed by `noun` can count people: not part of a date or time
/// ("5/9/2001", "10:30"), not money ("Rs 4 lakh", "$5 million"), not a measure, and not followed by another
/// number inside its own noun phrase (then that number is the count: "2001 Two soldiers").
fn counts_people(s: &str, start: usize, end: usize, noun: &str) -> bool {
    let before = s[..start].trim_end();
    let glued_before = s[..start].ends_with(['/', ':', '.', '-', '$', '£', '€']);
    let glued_after = s[end..].starts_with(['/', ':', '%']) || s[end..].starts_with(|c: char| c.is_ascii_digit());
    let money = ["rs", "rs.", "inr", "usd", "us$", "$", "£", "€"].iter().any(|m| before.to_lowercase().ends_with(m));
    let first = noun.split_whitespace().next().unwrap_or("");
    let another_number = noun.split_whitespace().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        || (first != "a" && first != "an" && parse_number(first).is_some());
    let number = &s[start..end];
    let next_word = s[end..].trim_start();
    // "911 operators", "2014 West Side Shooting", "around 4 p.m.", "14 A teen died": a phone number, a year, a time,
    // or a stray figure before another noun phrase
    let emergency = number == "911";
    // a four-digit figure of recent decades without a separator is a year ("in 2015 where the friend was killed")
    let year = number.len() == 4
        && number.parse::<u32>().is_ok_and(|y| (1950..=2030).contains(&y) || (1900..=2099).contains(&y) && next_word.starts_with(|c: char| c.is_uppercase()));
    // "17-year-old", "3-month": a compound word, not a count
    let compound = s[end..].starts_with('-') && s[end + 1..].starts_with(|c: char| c.is_alphabetic());
    let time = ["a.m", "p.m", "am ", "pm ", "o'clock", "o’clock"].iter().any(|t| next_word.to_lowercase().starts_with(t))
        || next_word.eq_ignore_ascii_case("am") || next_word.eq_ignore_ascii_case("pm");
    let article_after = first == "a" || first == "an";
    !(glued_before || glued_after || money || NOT_PEOPLE.contains(&first) || another_number || emergency || year || compound || time || article_after)
}

/// Singular nouns for one person, as crime reports name victims, suspects and bystanders.
const PERSON: &str = r"(?:man|woman|boy|girl|teen|teenager|child|baby|infant|toddler|person|victim|driver|passenger|motorist|pedestrian|bystander|father|mother|dad|mom|son|daughter|stepson|stepdaughter|husband|wife|boyfriend|girlfriend|fiancee|fiance|brother|sister|uncle|aunt|cousin|nephew|niece|grandmother|grandfather|grandson|granddaughter|friend|roommate|neighbor|neighbour|resident|student|clerk|cashier|employee|worker|owner|customer|officer|deputy|trooper|policeman|guard|suspect|gunman|shooter|robber|intruder|homeowner|male|female|youth|juvenile|adult|veteran|pastor|rapper|soldier|civilian|policewoman|journalist|fighter|militant|farmer|teacher|doctor|nurse|official|commander|villager|shepherd|thief|burglar|attacker|assailant|gunwoman|mom|grandma|grandpa|stepfather|stepmother|homeless man|(?:\d{1,3}|[a-z]+)-(?:year|month|week|day)-old)";
/// One person: "a 10-month-old baby", "his 7-month-old daughter", a headline's bare "Teen", a name ("Jacob Setter",
/// "Jacob Setter, 14, of Graysville,"), or "he"/"she". The name part is case-sensitive: capitals mark a name.
const UNIT: &str = r"(?:(?:\b(?:a|an|the|his|her|their|one|another)\s+|^|(?:,|\bafter|\bwhen|\bwhile)\s+)(?:[\w'’.-]+\s+){0,4}?PERSON\b|(?-i:\b[A-Z][a-z'’-]+(?:\s+(?:[A-Z]\.|[A-Z][a-z'’-]+|Jr\.?)){1,3})|(?-i:\b(?:He|She|he|she)\b)|(?-i:^[A-Z][a-z'’-]+)|(?-i:\b[A-Z][a-z'’-]{2,}\b))(?:\s*,\s*[^,;]{1,40}?(?:,\s*[^,;]{1,40}?)??,)?";
/// Between conjuncts: "A and B", "A, B and C".
const AND: &str = r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)";
/// Words between subject and predicate that change nothing ("was", "has been", "critically").
const AUX: &str = r"(?:\s+(?:was|were|is|are|has been|have been|had been|has|have|had|who|that|later|also|accidentally|mistakenly|apparently|tragically|instantly|reportedly|allegedly|both|critically|seriously|severely|gravely|slightly|badly|then|eventually|subsequently|now|initially))*";
const PRED_KILLED: &str = r"found shot and killed|found fatally shot|shot and killed|fatally shot|fatally wounded|fatally stabbed|fatally injured|shot dead|shot to death|killed|slain|murdered|pronounced dead|found dead|found shot dead|found shot to death|died|dies|succumbed|dead";
const PRED_INJURED: &str = r"shot and wounded|shot and injured|wounded|injured|hurt|hospitalized|hospitalised|grazed|shot";
const PRED_ARRESTED: &str = r"arrested|taken into custody|apprehended|detained|booked into|in custody";

/// "Jacob Setter, 14, was pronounced dead", "A young father and his 7-month-old daughter were found dead".
static PERSON_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    let unit = UNIT.replace("PERSON", PERSON);
    crate::patterns::compile(&format!(
        r"(?i)(?P<subj>{unit}(?:{AND}{unit}){{0,5}})(?P<aux>{AUX})(?P<post>\s+(?:shot|wounded|stabbed|injured|hurt|found|[a-z]+ing)(?:\s+[\w'’-]+){{0,4}}?)?\s+(?P<verb>{PRED_KILLED}|{PRED_INJURED}|{PRED_ARRESTED})\b"
    ))
    .expect("valid count pattern")
});
/// "accused of fatally shooting his cousin, Joshua Hagrin, 17", "police arrested a 19-year-old man".
static PERSON_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    // an object needs no determiner: "kills 7-year-old daughter" (headlines drop them)
    let unit = UNIT.replace("PERSON", PERSON).replace(r"\s+|^|(?:,|\bafter|\bwhen|\bwhile)\s+)", r"\s+|)");
    crate::patterns::compile(&format!(
        r"(?i)\b(?P<verb>fatally shooting|fatally shot|fatally shoots|fatally stabbing|fatally stabbed|shot and killed|shoots and kills|shooting and killing|killing|killed|kills|murdering|murdered|(?:the\s+)?(?:fatal shooting|shooting death|death|killing|murder|slaying) of|shot and wounded|shooting and wounding|wounding|injuring|arrested|arresting)\s+(?P<subj>{unit}(?:{AND}{unit}){{0,5}})"
    ))
    .expect("valid count pattern")
});
static SHOT_SELF: LazyLock<Regex> =
    LazyLock::new(|| crate::patterns::compile(r"(?i)\b(?:shot|shoots|shooting)\s+(?:himself|herself)\b").expect("valid pattern"));
static WITH_WOUND: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(&format!(
        r"(?i)\b(?:a|an|one)\s+(?:[\w'’-]+\s+){{0,3}}?{PERSON}\b[^.;]{{0,80}}?\bwith\s+(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?(?:gunshot|bullet) wound\b"
    ))
    .expect("valid pattern")
});
/// A headline's attribution label before its subject: "Police: Teen found shot to death".
static HEADLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| crate::patterns::compile(r"^[\w.'’ ]{2,30}:\s+").expect("valid label"));
/// A headline's list of the dead: "Mother, 2 children found dead", "3 children, 1 adult found dead", "Man,
/// 17-month-old child dead in apparent murder-suicide".
static HEADLINE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    let item = format!(r"(?:{NUM}\s+(?:[a-z'’-]+\s+){{0,2}}?(?:children|kids|adults|people|men|women|teens|teenagers|boys|girls|brothers|sisters|sons|daughters|relatives|family members|victims)|(?:[a-z0-9'’-]+\s+){{0,2}}?{PERSON})");
    crate::patterns::compile(&format!(
        r"(?i)^(?P<list>{item}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s+){item}){{1,3}})\s+(?:(?:were|are|have been|all|both)\s+)*(?:found\s+)?(?:dead|killed|slain|shot dead|shot to death|shot and killed)\b"
    ))
    .expect("valid pattern")
});
/// How many dead a headline's list names: each item's number, else one.
fn headline_list_count(s: &str) -> Option<CountMention> {
    static ITEM_SPLIT: LazyLock<Regex> = LazyLock::new(|| crate::patterns::compile(r"(?i)\s*(?:,|\band\b|&)\s*").expect("valid split"));
    static LEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| crate::patterns::compile(&format!(r"(?i)^(?:{NUM})\b")).expect("valid number"));
    let c = HEADLINE_LIST.captures(s)?;
    let (whole, list) = (c.get(0)?, c.name("list")?);
    let mut n = 0;
    for item in ITEM_SPLIT.split(list.as_str()).filter(|i| !i.trim().is_empty()) {
        n += match LEADING_NUMBER.find(item.trim()) {
            Some(m) if !item.trim()[m.end()..].starts_with('-') => parse_count(m.as_str())?.value,
            _ => 1,
        };
    }
    Some(CountMention { kind: CountKind::Killed, start: whole.start(), end: whole.end(), best: Some(n), low: Some(n), high: Some(n), noun: Some((list.start(), list.end())) })
}
/// "pronounced the victim dead", "pronounced him dead at the scene".
static PRONOUNCED_DEAD: LazyLock<Regex> = LazyLock::new(|| {
    // a small pattern (one person, or a name) rather than UNIT's lists: it runs on every sentence with "pronounced"
    crate::patterns::compile(&format!(
        r"(?i)\bpronounced\s+(?P<subj>him|her|(?:the|a|an|his|her)\s+(?:[a-z0-9'’-]+\s+){{0,2}}?{PERSON}|(?-i:[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){{0,2}}))\s+dead\b"
    ))
    .expect("valid pattern")
});
/// "a triple homicide", "the double murder": the number of dead in one word.
static MULTIPLE_KILLING: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(r"(?i)\b(?P<times>double|triple|quadruple|quintuple)\s+(?:homicide|murder|slaying|killing|fatal shooting)s?\b").expect("valid pattern")
});
static ONE_UNIT: LazyLock<Regex> = LazyLock::new(|| crate::patterns::compile(&format!("(?i){}", UNIT.replace("PERSON", PERSON))).expect("valid unit pattern"));

/// Capitalised words that open sentences without naming one person.
const NOT_A_SURNAME: &[&str] = &[
    "police", "authorities", "officers", "officials", "investigators", "deputies", "troopers", "detectives", "witnesses",
    "nobody", "none", "no", "everyone", "everybody", "someone", "somebody", "anyone", "many", "several", "others", "some",
    "they", "it", "this", "that", "these", "those", "who", "what", "which", "gunfire", "shooting", "shootings",
    "suspects", "victims", "residents", "neighbors", "neighbours", "people", "family", "friends", "prosecutors",
    "sheriff", "all", "most", "we", "you", "i", "there", "here", "children", "kids", "men", "women", "teens", "students",
    "firefighters", "paramedics", "medics", "doctors", "both", "each", "one", "two", "three", "four", "five", "another",
    "if", "when", "after", "before", "while", "as", "but", "and", "or", "so", "then", "now", "later", "earlier", "also",
    "still", "not", "never", "once", "hundreds", "dozens", "thousands", "more", "fewer", "few", "less", "least",
    // "fatally shot Tuesday": days and months follow verbs as times, not as victims
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "today", "tonight",
];

/// Whether a subject or object is one capitalised word that names no person: a day, a month, a group word.
fn lone_non_name(phrase: &str) -> bool {
    let first = phrase.split(|ch: char| !ch.is_alphanumeric() && ch != '\'' && ch != '’').next().unwrap_or("");
    let rest = phrase[first.len()..].trim_start().to_lowercase();
    let lone = rest.is_empty() || rest.starts_with(',') || rest.starts_with("and ") || rest.starts_with('&');
    lone && NOT_A_SURNAME.contains(&first.to_lowercase().as_str())
}

/// Whether a text tells of any death: then a count of people shot may include the dead. "Attempted murder" and
/// "deadly weapon" are charges in shootings no one died of, so neither counts.
pub(crate) fn mentions_any_death(text: &str) -> bool {
    static DEATH: LazyLock<Regex> = LazyLock::new(|| {
        crate::patterns::compile(r"(?i)\b(?:died|dies|die|dying|dead|killed|killing|kills|fatal|fatally|death|deaths|homicide|homicides|murdered|slain|deceased|succumbed|lost (?:his|her|their) li(?:fe|ves)|murder-suicide|manslaughter|autopsy|coroner|medical examiner)\b")
            .expect("valid death pattern")
    });
    // "the Homicide Unit is responding", "I could've died": a squad's name and an escape tell of no death
    DEATH.find_iter(text).any(|m| {
        let before = text[..m.start()].to_lowercase();
        let after = text[m.end()..].trim_start().to_lowercase();
        let word = m.as_str().to_lowercase();
        let squad = word.starts_with("homicide")
            && ["unit", "division", "detective", "squad", "investigator", "bureau", "section", "task", "team", "sergeant", "lieutenant"].iter().any(|w| after.starts_with(w));
        let escape = ["could've ", "could have ", "would've ", "would have ", "might have ", "almost ", "nearly ", "not ", "never ", "didn't ", "did not ", "going to "]
            .iter()
            .any(|w| before.ends_with(w));
        !squad && !escape
    })
}

/// Words saying someone died in the sentence: a plain "shot" there is not a survivor's wound.
fn mentions_death(lower: &str) -> bool {
    ["died", "dies", "dead", "killed", "fatal", "death", "succumbed", "slain", "murder"].iter().any(|w| lower.contains(w))
}

/// After a headline's "Man shot": a place, time or manner, not an object of the shooting.
fn shot_then_place(after: &str) -> bool {
    let next = after.trim_start().split(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    next.is_empty()
        || [
            "in", "on", "at", "near", "outside", "inside", "during", "after", "while", "early", "late", "overnight", "multiple",
            "twice", "once", "several", "following", "by", "this", "last", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday",
        ]
        .contains(&next.as_str())
}

/// Words saying a person shot survived: in hospital, in some condition, hit in a limb.
fn mentions_survival(lower: &str) -> bool {
    [
        "hospital", "condition", "non-life", "expected to survive", "expected to recover", "treated", "in the leg",
        "in the arm", "in the foot", "in the hand", "in the shoulder", "in the hip", "in the thigh", "in the back",
        "in the buttocks", "in the ankle", "in the knee", "in the stomach", "in the abdomen", "survived", "wounded",
        "injured", "injuries",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Without "was"/"were", a transitive verb followed by its object is active, and its subject is the killer, not
/// the killed: "A man killed his wife" (the object reading counts her), unlike the headline "Man killed in Akron".
fn active_with_object(s: &str, verb: &str, verb_end: usize) -> bool {
    const TRANSITIVE: &[&str] = &[
        "killed", "shot and killed", "fatally shot", "murdered", "slain", "shot dead", "fatally stabbed", "arrested",
        "wounded", "injured", "shot", "shot and wounded", "shot and injured", "hurt", "detained", "apprehended",
        "executed", "rounded up", "jailed", "maimed",
    ];
    let after = s[verb_end..].trim_start();
    let next = after.split(|ch: char| !ch.is_alphanumeric() && ch != '\'').next().unwrap_or("").to_lowercase();
    let object = ["a", "an", "the", "his", "her", "their", "him", "them", "two", "three", "one", "both", "another", "police", "officers", "at", "least"]
        .contains(&next.as_str())
        || after.starts_with(|ch: char| ch.is_ascii_digit() || ch.is_uppercase());
    TRANSITIVE.contains(&verb.to_lowercase().as_str()) && object
}

fn kind_of_predicate(verb: &str) -> Option<CountKind> {
    let v = verb.to_lowercase();
    if PRED_KILLED.split('|').any(|p| p == v) || v.starts_with("fatally") || v.ends_with(" of") || v.contains("kill") || v.starts_with("murder") {
        Some(CountKind::Killed)
    } else if PRED_ARRESTED.split('|').any(|p| p == v) || v.starts_with("arrest") {
        Some(CountKind::Arrested)
    } else if PRED_INJURED.split('|').any(|p| p == v) || v.contains("wound") || v.starts_with("injur") {
        Some(CountKind::Injured)
    } else {
        None
    }
}

/// How many people a subject or object phrase names: one per conjunct joined by "and" ("A, 33, and B, 28";
/// "a father and his daughter"). Commas alone set off another name for the same person ("his cousin, Joshua
/// Hagrin"), so they do not add anyone.
fn conjuncts(phrase: &str) -> u64 {
    static AND_SPLIT: LazyLock<Regex> = LazyLock::new(|| crate::patterns::compile(r"(?i)\s*,?\s*(?:\band\b|&)\s*").expect("valid split"));
    let n = AND_SPLIT.split(phrase).filter(|part| ONE_UNIT.is_match(part)).count();
    n.max(1) as u64
}

/// Counts of people named one by one rather than by a number: "A 10-month-old baby was killed", "Ronald Williams,
/// 33, and Kendra Hill, 28, were killed", "She was pronounced dead", "police arrested a 19-year-old man".
fn person_counts(s: &str) -> Vec<CountMention> {
    // "Police: Teen found shot to death": a headline's attribution label, then its subject
    let skip = HEADLINE_LABEL.find(s).map_or(0, |m| m.end());
    let mut out = person_counts_from(&s[skip..]);
    for m in &mut out {
        m.start += skip;
        m.end += skip;
        m.noun = m.noun.map(|(a, b)| (a + skip, b + skip));
    }
    out
}

fn person_counts_from(s: &str) -> Vec<CountMention> {
    let lower = s.to_lowercase();
    let mut out = Vec::new();
    for c in PERSON_SUBJECT.captures_iter(s) {
        let (Some(whole), Some(subj), Some(verb)) = (c.get(0), c.name("subj"), c.name("verb")) else { continue };
        let v = verb.as_str().to_lowercase();
        let aux = c.name("aux").map_or("", |m| m.as_str()).to_lowercase();
        // "was"/"were"/"been" make the subject the one it happened to; "who", "has" or an adverb alone do not
        let copula = aux.split_whitespace().any(|w| ["was", "were", "is", "are", "been"].contains(&w));
        let Some(mut kind) = kind_of_predicate(&v) else { continue };
        if !copula && active_with_object(s, &v, verb.end()) {
            continue;
        }
        // "dead" alone needs its copula: "the man is dead", not "the dead man" — or a headline's subject: "Teen dead
        // after double shooting"
        if v == "dead" && !copula && !(subj.start() == 0 && shot_then_place(&s[verb.end()..])) {
            continue;
        }
        if v == "shot" {
            // a person shot is wounded if the sentence says they lived; otherwise shot, dead or alive unsaid, and
            // only with "was"/"were" or as a headline's subject ("Man shot in Englewood"): "A gunman shot into a
            // crowd" shot no one of the subject
            let headline_subject = subj.start() == 0 && shot_then_place(&s[verb.end()..]);
            if !copula && !headline_subject {
                continue;
            }
            kind = if !mentions_death(&lower) && mentions_survival(&lower) { CountKind::Injured } else { CountKind::Shot };
        }
        if kind == CountKind::Injured && v != "shot" && lower[verb.start()..].starts_with("hospitali") && mentions_death(&lower) {
            continue;
        }
        // a lone capitalised word is a surname ("Arwood was pronounced dead", "found Hockman had been fatally
        // wounded") unless it is one of the words that open sentences about groups or nobody
        if lone_non_name(subj.as_str()) {
            continue;
        }
        let n = conjuncts(subj.as_str());
        out.push(CountMention { kind, start: whole.start(), end: whole.end(), best: Some(n), low: Some(n), high: Some(n), noun: Some((subj.start(), subj.end())) });
    }
    for c in PRONOUNCED_DEAD.captures_iter(s) {
        let (Some(whole), Some(subj)) = (c.get(0), c.name("subj")) else { continue };
        let n = if matches!(subj.as_str().to_lowercase().as_str(), "him" | "her") { 1 } else { conjuncts(subj.as_str()) };
        out.push(CountMention { kind: CountKind::Killed, start: whole.start(), end: whole.end(), best: Some(n), low: Some(n), high: Some(n), noun: Some((subj.start(), subj.end())) });
    }
    for c in MULTIPLE_KILLING.captures_iter(s) {
        let (Some(whole), Some(times)) = (c.get(0), c.name("times")) else { continue };
        let n = match times.as_str().to_lowercase().as_str() {
            "double" => 2,
            "triple" => 3,
            "quadruple" => 4,
            _ => 5,
        };
        out.push(CountMention { kind: CountKind::Killed, start: whole.start(), end: whole.end(), best: Some(n), low: Some(n), high: Some(n), noun: None });
    }
    // "accidentally shot himself in the leg", "a girl showed up at a hospital with a gunshot wound": one person shot
    for c in SHOT_SELF.captures_iter(s).chain(WITH_WOUND.captures_iter(s)) {
        let Some(whole) = c.get(0) else { continue };
        out.push(CountMention { kind: CountKind::Shot, start: whole.start(), end: whole.end(), best: Some(1), low: Some(1), high: Some(1), noun: None });
    }
    for c in PERSON_OBJECT.captures_iter(s) {
        let (Some(whole), Some(subj), Some(verb)) = (c.get(0), c.name("subj"), c.name("verb")) else { continue };
        let Some(kind) = kind_of_predicate(verb.as_str()) else { continue };
        if lone_non_name(subj.as_str()) {
            continue;
        }
        let n = conjuncts(subj.as_str());
        out.push(CountMention { kind, start: whole.start(), end: whole.end(), best: Some(n), low: Some(n), high: Some(n), noun: Some((subj.start(), subj.end())) });
    }
    out
}

fn next_char_boundary(s: &str, mut at: usize) -> usize {
    while at < s.len() && !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Words that open a clause: after one, a number no longer counts the people of the verb that follows.
const CLAUSE_WORDS: &[&str] = &["that", "and", "or", "but", "when", "while", "after", "before", "because", "as", "if", "since", "until", "so", "than", "where", "which", "then"];

/// "Two people were shot, one fatally", "3 shot, 1 killed": the dead among the people shot. Gives the killed
/// count when the pattern names it ("one fatally"), and the wounded: the people shot less the dead, over the span
/// from the shot count to the killed one. `found` is sorted by start.
fn split_shot(s: &str, found: &[CountMention]) -> Vec<CountMention> {
    static FATALLY: LazyLock<Regex> = LazyLock::new(|| {
        crate::patterns::compile(&format!(r"(?i)^\s*(?:,|;|--?|–|—)?\s*(?:and\s+|with\s+)?(?P<num>{NUM})\s+(?:of (?:them|those|whom)\s+)?(?:fatally|mortally)\b"))
            .expect("valid fatally pattern")
    });
    static BETWEEN: LazyLock<Regex> = LazyLock::new(|| crate::patterns::compile(r"^\s*(?:,|;|--?|–|—|and)\s*(?:and\s+)?$").expect("valid joint pattern"));
    let mut out = Vec::new();
    for (i, shot) in found.iter().enumerate().filter(|(_, m)| m.kind == CountKind::Shot) {
        let (Some(n), Some(_)) = (shot.best, shot.high) else { continue };
        let dead = if let Some(c) = FATALLY.captures(&s[shot.end..]) {
            let (Some(whole), Some(k)) = (c.get(0), c.name("num").and_then(|m| parse_count(m.as_str()))) else { continue };
            let killed = CountMention { kind: CountKind::Killed, start: shot.end + whole.start(), end: shot.end + whole.end(), best: Some(k.value), low: Some(k.value), high: Some(k.value), noun: None };
            out.push(killed.clone());
            killed
        } else {
            // "3 shot, 1 killed": an exact killed count right after
            match found.get(i + 1) {
                Some(k) if k.kind == CountKind::Killed && k.low == k.high && k.best.is_some() && BETWEEN.is_match(&s[shot.end..k.start]) => k.clone(),
                _ => continue,
            }
        };
        let Some(k) = dead.best.filter(|k| *k < n) else { continue };
        let wounded = n - k;
        out.push(CountMention { kind: CountKind::Injured, start: shot.start, end: dead.end, best: Some(wounded), low: Some(wounded), high: Some(wounded), noun: shot.noun });
    }
    out
}

/// "killed two people before turning the gun on himself": the killer's own death after the victims'.
static SELF_KILL: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(
        r"(?i)\b(?:(?:before|then|and|after)\s+)?(?:then\s+)?(?:(?:fatally\s+)?(?:killing|killed|kills|shooting|shot|shoots)(?:\s+and\s+killing|\s+and\s+killed)?|turning the gun on|turned the gun on|turns the gun on|turning the weapon on|turned the weapon on|took|taking|takes)\s+(?:himself|herself|self|his own life|her own life)\b|\b(?:before|then|and)\s+(?:then\s+)?committ(?:ed|ing) suicide\b|(?:\band|,)\s+(?:then )?(?:himself|herself)\b",
    )
    .expect("valid self-kill pattern")
});

/// The victims' death count and the killer's own death in one sentence make one toll: "shot his wife and two
/// children before killing himself" is four dead. Spans from the victims' count to the suicide; only exact counts.
fn with_self_kill(s: &str, found: &[CountMention]) -> Option<CountMention> {
    let own = SELF_KILL.find(s)?;
    let Some(victims) = found.iter().filter(|m| m.kind == CountKind::Killed && m.end <= own.start() && m.low == m.high && m.best.is_some()).last() else {
        // "Man kills self after shooting girlfriend": the killer is the one death the sentence tells of ("shot
        // himself" alone may have been a wound)
        let words = own.as_str().to_lowercase();
        let kills = ["kill", "own life", "turn", "suicide"].iter().any(|w| words.contains(w));
        let alone = kills && !found.iter().any(|m| m.kind == CountKind::Killed);
        return alone.then(|| CountMention { kind: CountKind::Killed, start: own.start(), end: own.end(), best: Some(1), low: Some(1), high: Some(1), noun: None });
    };
    // only victims the killer killed ("killed his wife before"); "A boy died after accidentally shooting himself"
    // is one death told twice
    let opens = s[victims.start..].to_lowercase();
    if !["kill", "shot and killed", "shooting and killing", "fatally", "murder"].iter().any(|v| opens.starts_with(v)) {
        return None;
    }
    // the killer killed: a clause of someone else's between them ("Police shot and killed him") is not this
    let between = &s[victims.end..own.start()];
    if between.len() > 80 || between.contains(['.', ';']) {
        return None;
    }
    let n = victims.best? + 1;
    Some(CountMention { kind: CountKind::Killed, start: victims.start, end: own.end(), best: Some(n), low: Some(n), high: Some(n), noun: victims.noun })
}

/// All counts in sentence `s`, non-overlapping, in text order.
pub(crate) fn find_counts(s: &str) -> Vec<CountMention> {
    let mut out: Vec<CountMention> = Vec::new();
    if !MAY_COUNT.is_match(s) {
        return out;
    }
    let mut add = |m: Option<CountMention>| {
        if let Some(m) = m {
            if !out.iter().any(|o| o.start < m.end && m.start < o.end) {
                out.push(m);
            }
        }
    };
    // a headline's list of the dead first: its items' own numbers are parts of the toll
    let skip = HEADLINE_LABEL.find(s).map_or(0, |m| m.end());
    add(headline_list_count(&s[skip..]).map(|m| CountMention { start: m.start + skip, end: m.end + skip, noun: m.noun.map(|(a, b)| (a + skip, b + skip)), ..m }));
    for c in DEATH_TOLL.captures_iter(s) {
        add(mention(&c, CountKind::Killed));
    }
    for c in ONE_PERSON.captures_iter(s) {
        let verb = c.name("verb").map_or("", |m| m.as_str());
        let kind = if verb.eq_ignore_ascii_case("shot dead") { Some(CountKind::Killed) } else { kind_of(verb) };
        let verb_end = c.name("verb").map_or(0, |m| m.end());
        if c.name("aux").is_none() && active_with_object(s, verb, verb_end) {
            continue;
        }
        if let Some(kind) = kind {
            let whole = c.get(0).expect("group 0");
            let noun = c.name("noun").map(|m| (m.start(), m.end()));
            add(Some(CountMention { kind, start: whole.start(), end: whole.end(), best: Some(1), low: Some(1), high: Some(1), noun }));
        }
    }
    let mut from = 0;
    while let Some(c) = NUMBER_FIRST.captures_at(s, from) {
        let (Some(whole), Some(num)) = (c.get(0), c.name("num")) else { break };
        let noun = c.name("noun").map_or("", |m| m.as_str()).to_lowercase();
        // "a 52-year-old", "in 2017", "AFP 5/9/2001 Two soldiers killed", "a reward of Rs 4 lakh" are not counts
        // of people; when the phrase holds a later number, that one may be the count, so search on from here
        // "58 - Five Killed": a second number no larger is no range, and the first is no count of these people
        let falls = c.name("num2").and_then(|m| parse_number(m.as_str())).zip(parse_count(num.as_str())).is_some_and(|(b, a)| b.value <= a.value);
        // "at 5 and died", "5 that her son was shot": a clause follows the number, not the people it counts
        let clause = noun.split_whitespace().next().is_some_and(|w| CLAUSE_WORDS.contains(&w));
        if falls || clause || noun.trim_start().starts_with("year") || noun.contains(" people's") || !counts_people(s, num.start(), num.end(), &noun) {
            from = next_char_boundary(s, num.end());
            continue;
        }
        if let Some(kind) = c.name("verb").and_then(|v| kind_of(v.as_str())) {
            add(mention(&c, kind));
        }
        from = whole.end();
    }
    for c in VERB_FIRST.captures_iter(s) {
        let verb = c.name("verb").map_or("", |m| m.as_str()).to_lowercase();
        let kind = if verb == "leaving" || verb == "left" {
            // "leaving 12 dead"
            let noun = c.name("noun").map_or("", |m| m.as_str()).to_lowercase();
            if noun.contains("dead") {
                Some(CountKind::Killed)
            } else if noun.contains("wounded") || noun.contains("injured") {
                Some(CountKind::Injured)
            } else {
                None
            }
        } else if verb.ends_with(" of") {
            Some(CountKind::Killed)
        } else {
            kind_of(&verb)
        };
        // "killing 22 year old Corey Engleman": an age, not a count
        let noun = c.name("noun").map_or("", |m| m.as_str()).to_lowercase();
        let num = c.name("num").expect("num group");
        if noun.trim_start().starts_with("year") || !counts_people(s, num.start(), num.end(), &noun) {
            continue;
        }
        if let Some(kind) = kind {
            add(mention(&c, kind));
        }
    }
    // people named one by one come last: a number elsewhere in the same words is the better reading
    for m in person_counts(s) {
        add(Some(m));
    }
    // "kill thousands of people every year", "165 people were murdered so far this year": a running total or a
    // rate, not the toll of one event
    if STATISTIC.is_match(s) {
        out.retain(|m| m.best.is_none_or(|b| b < 5));
    }
    out.sort_by_key(|m| m.start);
    // derived last, and allowed to overlap the counts they come from: the wounded span both
    let mut split = split_shot(s, &out);
    if let Some(toll) = with_self_kill(s, &out) {
        // the victims and the killer are one toll: the victims' count alone no longer stands beside it
        out.retain(|m| !(m.kind == CountKind::Killed && m.start == toll.start));
        split.push(toll);
    }
    if !split.is_empty() {
        out.extend(split);
        out.sort_by_key(|m| m.start);
    }
    out
}

/// Every count pattern needs one of these stems (a verb or noun of killing, injuring or arresting): a sentence
/// without any is skipped before the costlier patterns run. Case-blind and by stem, so it admits a superset.
static MAY_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(
        r"(?i)kill|dead|die|slain|slay|perish|lost their lives|murder|execut|wound|injur|hurt|maim|arrest|detain|rounded up|custody|jail|apprehend|leaving|left|death|shot|shoot|stab|succumb|hospitali|grazed|booked",
    )
    .expect("valid count prefilter")
});

static STATISTIC: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(r"(?i)\b(?:every|each|per|a) year\b|\bannually\b|\bso far (?:this|in)\b|\bthis year\b|\blast year\b|\bsince (?:january|the start|the beginning)\b|\bin (?:19|20)\d\d\b")
        .expect("valid statistic pattern")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(s: &str) -> Vec<(CountKind, Option<u64>, Option<u64>, Option<u64>)> {
        find_counts(s).into_iter().map(|c| (c.kind, c.low, c.best, c.high)).collect()
    }

    /// The prefilter may only skip sentences no count pattern could match: it must admit every verb and noun
    /// alternative the patterns are built from.
    #[test]
    fn count_prefilter_admits_every_pattern_verb() {
        let person_object_verbs = "fatally shooting|fatally stabbing|shooting and killing|murdering|fatal shooting|shooting death|slaying of|shooting and wounding|wounding|injuring|arresting";
        let verb_first = "kill|wound|injure|arrest|detain|leaving|left|deaths of|killings of|murders of|death toll";
        for list in [KILLED, INJURED, ARRESTED, PRED_KILLED, PRED_INJURED, PRED_ARRESTED, person_object_verbs, verb_first] {
            for verb in list.split('|') {
                assert!(MAY_COUNT.is_match(verb), "{verb}");
                assert!(MAY_COUNT.is_match(&verb.to_uppercase()), "{verb}");
            }
        }
        assert!(!MAY_COUNT.is_match("The two ministers met in Geneva on Tuesday."));
        assert!(find_counts("The two ministers met in Geneva on Tuesday.").is_empty());
    }

    #[test]
    fn passive_counts_with_a_shared_verb() {
        assert_eq!(
            counts("The Observatory said 14 civilians were killed and 30 wounded."),
            [(CountKind::Killed, Some(14), Some(14), Some(14)), (CountKind::Injured, Some(30), Some(30), Some(30))]
        );
    }

    #[test]
    fn open_ended_qualifiers_follow_the_record_rules() {
        assert_eq!(counts("more than 100 people were killed")[0], (CountKind::Killed, Some(101), Some(101), None));
        assert_eq!(counts("up to 30 were injured")[0], (CountKind::Injured, None, Some(30), Some(30)));
        assert_eq!(counts("dozens were arrested")[0], (CountKind::Arrested, Some(24), Some(24), None));
        assert_eq!(counts("between 10 and 15 people were killed")[0], (CountKind::Killed, Some(10), Some(10), Some(15)));
    }

    #[test]
    fn active_verbs_and_death_tolls() {
        assert_eq!(counts("A drone strike killed four members of the PKK.")[0].1, Some(4));
        assert_eq!(counts("Herdsmen Kill 2, Benue")[0].1, Some(2));
        assert_eq!(counts("Police arrested more than 200 people")[0], (CountKind::Arrested, Some(201), Some(201), None));
        assert_eq!(counts("The death toll rose to 23.")[0].1, Some(23));
    }

    #[test]
    fn a_single_named_person_counts_as_one() {
        assert_eq!(counts("A soldier was killed and one civilian wounded.")[0], (CountKind::Killed, Some(1), Some(1), Some(1)));
        assert_eq!(counts("A roadside bomb killed 5 people.")[0].1, Some(5));
    }

    #[test]
    fn dates_money_and_measures_are_not_counts() {
        assert_eq!(counts("AFP 5/9/2001 Two soldiers killed in bomb explosion")[0].1, Some(2));
        assert!(counts("Maoist carrying reward of Rs 4 lakh killed in encounter").is_empty());
        assert!(counts("At 10:30 gunmen killed a guard").iter().all(|c| c.1 != Some(30)));
        assert_eq!(counts("10 members of one family were killed")[0].1, Some(10));
    }

    #[test]
    fn ages_and_years_are_not_counts() {
        assert!(counts("a 52-year-old shopkeeper was wounded").is_empty());
        assert_eq!(counts("an insurgency since 1984 in which more than 40,000 people have been killed")[0].1, Some(40001));
    }

    fn killed(s: &str) -> Option<u64> {
        find_counts(s).into_iter().find(|c| c.kind == CountKind::Killed).and_then(|c| c.best)
    }

    fn of_kind(s: &str, kind: CountKind) -> Option<u64> {
        find_counts(s).into_iter().find(|c| c.kind == kind).and_then(|c| c.best)
    }

    #[test]
    fn a_person_named_by_a_singular_noun_phrase_is_one_dead() {
        assert_eq!(killed("A 10-month-old baby was killed in a double shooting Saturday in Marrero."), Some(1));
        assert_eq!(killed("14-year-old Sullivan County boy dies in shooting"), Some(1));
        assert_eq!(killed("The victim was found shot dead in his car."), Some(1));
    }

    #[test]
    fn a_named_person_or_pronoun_pronounced_dead_is_one_dead() {
        assert_eq!(killed("Jacob Setter, 14, of Graysville, was pronounced dead on the scene."), Some(1));
        assert_eq!(killed("She was pronounced dead at the scene."), Some(1));
    }

    #[test]
    fn coordinated_subjects_count_their_conjuncts() {
        let s = "Ronald Williams, 33, and Kendra Hill, 28, were killed, and Jason Kimble and Laquintin Carter were injured in the shooting.";
        assert_eq!(killed(s), Some(2));
        assert_eq!(of_kind(s, CountKind::Injured), Some(2));
        assert_eq!(killed("A young father and his 7-month-old daughter were found dead in a car"), Some(2));
    }

    #[test]
    fn a_headline_death_with_numbered_wounded() {
        let s = "Teen shot in Miami dies, two others wounded";
        assert_eq!(killed(s), Some(1));
        assert_eq!(of_kind(s, CountKind::Injured), Some(2));
    }

    #[test]
    fn the_object_of_a_killing_is_one_dead() {
        assert_eq!(killed("Investigators said Gue is accused of fatally shooting his cousin, Joshua Hagrin, 17"), Some(1));
        assert_eq!(killed("He was charged with murdering a woman"), Some(1));
    }

    #[test]
    fn an_active_killer_is_not_counted_dead() {
        // the subject killed someone: only the object counts
        assert_eq!(find_counts("A man killed his wife on Sunday.").iter().filter(|c| c.kind == CountKind::Killed).count(), 1);
        assert_eq!(killed("A gunman killed two people."), Some(2));
    }

    #[test]
    fn a_person_shot_is_wounded_only_when_the_sentence_says_they_lived() {
        assert_eq!(of_kind("A man was shot in the leg and taken to a hospital.", CountKind::Injured), Some(1));
        assert_eq!(of_kind("A man was wounded.", CountKind::Injured), Some(1));
        assert_eq!(of_kind("A man was shot and taken to a hospital, where he died.", CountKind::Injured), None);
        assert_eq!(of_kind("A man was shot Saturday night.", CountKind::Injured), None);
    }

    #[test]
    fn arrests_of_one_person_and_of_a_number() {
        assert_eq!(of_kind("Police arrested a 19-year-old man.", CountKind::Arrested), Some(1));
        assert_eq!(of_kind("Two suspects were taken into custody.", CountKind::Arrested), Some(2));
        assert_eq!(of_kind("Both were taken into custody.", CountKind::Arrested), Some(2));
    }

    #[test]
    fn ages_of_named_people_are_not_counts() {
        let found = find_counts("Ronald Williams, 33, was killed.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].best, Some(1));
    }

    #[test]
    fn perfect_tense_relative_clauses_and_lone_surnames() {
        assert_eq!(killed("A 12-year-old girl has died after being hit by gunfire."), Some(1));
        assert_eq!(killed("the mother of a 7-year-old girl who died in a shooting"), Some(1));
        assert_eq!(killed("Arwood was pronounced dead on the scene."), Some(1));
        assert_eq!(killed("Benton 17-year-old killed in officer involved shooting"), Some(1));
        assert!(find_counts("Police arrested him on Sunday.").is_empty());
        assert!(find_counts("Nobody was killed.").is_empty());
    }

    #[test]
    fn commas_name_the_same_person_again() {
        assert_eq!(killed("Chief Deputy John Campbell was shot and killed"), Some(1));
        assert_eq!(killed("Officers fatally shot Jamar Clark, an unarmed 24-year-old black man"), Some(1));
        assert_eq!(killed("His son and daughter were killed"), Some(2));
    }

    #[test]
    fn deaths_of_a_number_of_people() {
        assert_eq!(killed("Rangers are assisting in the death of two children."), Some(2));
        assert_eq!(killed("police investigated the fatal shooting of James Gustafson, 13"), Some(1));
    }

    #[test]
    fn running_totals_are_not_one_events_toll() {
        assert!(find_counts("Guns kill thousands of people every year.").is_empty());
        assert!(find_counts("165 people were murdered in the city so far this year.").is_empty());
        assert_eq!(killed("A man was killed Sunday, the city's 40th homicide this year."), Some(1));
    }

    #[test]
    fn the_death_of_a_person_named_without_a_determiner_is_one_death() {
        assert_eq!(killed("He faces charges in the shooting death of 17-year-old Malik Causey."), Some(1));
        assert_eq!(killed("Avoyelles Parish man kills 7-year-old daughter, himself"), Some(2));
    }

    #[test]
    fn phone_numbers_years_times_and_ages_are_not_counts() {
        assert_eq!(killed("the defendant was sentenced for a shooting in 2015 where the friend was killed"), Some(1));
        assert_eq!(killed("she called 911 operators when she was killed"), Some(1));
        assert_eq!(killed("Arrest made in 2014 West Side Shooting That Left Teen Dead"), None);
        assert_eq!(killed("He was killing 22 year old Corey Engleman"), None);
        assert!(find_counts("Gunmen killed around 4 p.m. on Friday").iter().all(|c| c.best != Some(4)));
    }
}

