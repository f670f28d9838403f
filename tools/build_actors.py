#!/usr/bin/env python3
"""Build sitrep's imported actor and agent lexicons from the PETRARCH/Phoenix dictionaries and the UCDP actor list.

Writes (UTF-8, tab-separated, documented in docs/lexicon.md):
  data/lexicon/people.tsv          office-holders with dated roles   (Phoenix.Countries / Phoenix.International)
  data/lexicon/organisations.tsv   IGOs, NGOs, institutions, armed non-state groups
                                   (Phoenix.International, Phoenix.MilNonState, Phoenix.Countries institutions, UCDP)
  data/lexicon/agents-phoenix.tsv  agent nouns → sitrep sectors (Phoenix.agents, macros expanded, plurals generated)

Sources and licences:
  * petrarch2-dictionaries/dictionaries/{Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
    Phoenix.MilNonState.actors.txt, Phoenix.agents.txt}: openeventdata/petrarch2, MIT licence
    (Copyright (c) 2014 Open Event Data Alliance; Parus Analytics / Penn State / KU event data projects).
  * ucdp-actors/ucdp-actor-221.csv: UCDP Actor Dataset v22.1 (Uppsala Conflict Data Program), published free of charge
    with a citation requirement (Davies, Pettersson & Oberg 2022; Pettersson 2022 codebook), CC BY 4.0 per UCDP.

The hand-written data/lexicon/actors.tsv and agents.tsv are read and always win: an alias or agent form they already
have is not written again. Selection keeps precision: aliases that are common English words (lower-case words of
UD English-EWT), shorter than 3 characters, or that name a country, demonym or capital are dropped; a one-word person
alias is kept only when Phoenix lists it, it is at least 5 letters and no other person or group claims it; an alias
claimed by entries with different codes is dropped.

Usage:  python3 tools/build_actors.py [RESOURCES_DIR] [--out-dir DIR] [-v]
RESOURCES_DIR defaults to ../shared/resources. Python 3, standard library only; the output is deterministic.
"""

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RESOURCES = REPO_ROOT.parent / "shared" / "resources"
DICTS = Path("petrarch2-dictionaries") / "dictionaries"
UCDP = Path("ucdp-actors") / "ucdp-actor-221.csv"
EWT = Path("ud-english-ewt") / "en_ewt-ud-train.conllu"

# sitrep's sectors (CAMEO-style). Codes in the sources are mapped onto these.
SECTORS = {
    "GOV", "MIL", "COP", "REB", "INS", "OPP", "CVL", "MED", "BUS", "NGO", "IGO", "UAF", "JUD", "LEG", "SPY", "AGR",
    "EDU", "LAB", "REF", "HLH", "ELI", "CRM", "PTY", "SEP", "MOD", "RAD", "REL", "ENV", "HRI", "DEV",
}
# Religion codes say which faith, not which role: "[~BUDUAF]" (a Buddhist warrior) is UAF, "[~CHRCTH]" is REL.
RELIGIONS = {"BUD", "CHR", "CTH", "MUS", "JEW", "HIN", "SHI", "SUN", "PRO", "ORT", "CPT", "MAR", "JAN", "SIK", "ZRO",
             "DOX", "ALE", "ATH", "BAH", "CON", "DRZ", "ITH", "SFI", "TAO", "MOS"}
# Agent codes that are not sitrep sectors, mapped (documented in docs/lexicon.md).
SECTOR_ALIASES = {"PPL": "CVL", "IMG": "REB", "NGM": "NGO", "INT": "IGO", "MNC": "BUS", "UIS": "UAF"}
# Non-country code prefixes: the first three letters of the code say the sector.
NON_STATE_PREFIX = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "NGM": "NGO", "MNC": "BUS", "UIS": "UAF", "INT": "IGO"}

TITLES = ("president ", "prime minister ", "mr ", "mr. ", "mrs ", "ms ", "minister ", "foreign minister ",
          "premier ", "king ", "queen ", "general ", "gen. ", "chancellor ", "secretary ", "sheikh ", "ayatollah ")

MIN_ALIAS = 3


def log(verbose, *a):
    if verbose:
        print(*a, file=sys.stderr)


# ---------------------------------------------------------------------------------------------------------------
# PETRARCH actor dictionaries
# ---------------------------------------------------------------------------------------------------------------

def strip_comment(line):
    """Drops a `#` comment and a TABARI-style ` ;` comment."""
    line = line.split("#", 1)[0]
    m = re.search(r"\s;", line)
    return line[: m.start()] if m else line


def parse_date(s):
    """YYMMDD or YYYYMMDD → 'YYYY-MM-DD' (two-digit years below 30 are 20xx, as PETRARCH reads them)."""
    s = s.strip()
    if not s.isdigit() or len(s) not in (6, 8):
        return None
    if len(s) == 6:
        yy = int(s[:2])
        s = ("20" if yy < 30 else "19") + s
    y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_restriction(body):
    """'USAGOV 930120-010120' / 'RUSGOV >080508' / 'USAELI' → (code, from, to) or None when unreadable or null."""
    parts = body.split()
    if not parts or parts[0].startswith("---"):
        return None
    code = parts[0].upper()
    if not re.fullmatch(r"[A-Z0-9]{3,15}", code):
        return None
    if len(parts) == 1:
        return (code, None, None)
    when = "".join(parts[1:])
    if when.startswith("<"):
        d = parse_date(when[1:])
        return (code, None, d) if d else None
    if when.startswith(">"):
        d = parse_date(when[1:])
        return (code, d, None) if d else None
    if "-" in when:
        a, b = when.split("-", 1)
        da, db = parse_date(a), parse_date(b)
        return (code, da, db) if da and db else None
    return None


def phrase_text(raw):
    """'PRESIDENT_BILL_CLINTON_' → 'PRESIDENT BILL CLINTON'; parenthesised acronyms are dropped."""
    s = raw.strip().replace("_", " ")
    s = re.sub(r"\([^)]*\)", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,")
    return s


def read_actor_dictionary(path, verbose=False):
    """Blocks of a PETRARCH .actors file: {'names': [...], 'roles': [(code, from, to)], 'file': name}.
    A primary phrase opens a block, `+` lines add synonyms, tab-indented `[...]` lines (or `[...]` after the phrase)
    add codes; a primary phrase with no code and no restriction before the next one is dropped (PETRARCH codes it
    null)."""
    blocks = []
    cur = None
    bad = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, raw in enumerate(f, 1):
            if raw.startswith("#") or not raw.strip():
                continue
            line = strip_comment(raw.rstrip("\n"))
            if not line.strip():
                continue
            codes = re.findall(r"\[([^\]]*)\]", line)
            head = re.sub(r"\[[^\]]*\]", " ", line)
            if line[0] in "\t " and line.strip().startswith("["):
                if cur is None:
                    bad += 1
                    continue
                for c in codes:
                    r = parse_restriction(c)
                    if r:
                        cur["roles"].append(r)
                    elif not c.strip().startswith("---"):
                        bad += 1
                continue
            if line.startswith("+"):
                if cur is None:
                    bad += 1
                    continue
                name = phrase_text(head[1:])
                if "+" in name:
                    bad += 1  # two synonyms glued on one line in the source
                    continue
                if name:
                    cur["names"].append(name)
                for c in codes:
                    r = parse_restriction(c)
                    if r:
                        cur["roles"].append(r)
                continue
            name = phrase_text(head)
            if not name:
                continue
            cur = {"names": [name], "roles": [], "file": path.name, "line": lineno}
            for c in codes:
                r = parse_restriction(c)
                if r:
                    cur["roles"].append(r)
            blocks.append(cur)
    if bad:
        log(verbose, f"{path.name}: {bad} unreadable lines or codes skipped")
    return [b for b in blocks if b["roles"]]


# ---------------------------------------------------------------------------------------------------------------
# Codes → country and sector
# ---------------------------------------------------------------------------------------------------------------

def code_parts(code, iso3s):
    """(country, sector) of a CAMEO-style code: USAGOV → (USA, GOV), IGOUNOKID → (None, IGO), ELI → (None, ELI)."""
    head = code[:3]
    if head in iso3s:
        rest = code[3:]
        while rest[:3] in RELIGIONS:
            rest = rest[3:]
        sec = rest[:3]
        sec = SECTOR_ALIASES.get(sec, sec)
        return head, (sec if sec in SECTORS else None)
    if head in NON_STATE_PREFIX:
        return None, NON_STATE_PREFIX[head]
    if head in SECTORS:
        return None, head
    return None, None


# ---------------------------------------------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------------------------------------------

def common_words(resources):
    """Lower-case word forms of UD English-EWT (train): words a name alias must not be on its own."""
    words = set()
    path = resources / EWT
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line or line[0] in "#\n":
                continue
            cols = line.split("\t")
            if len(cols) > 3 and cols[3] != "PROPN" and cols[1].isalpha():
                words.add(cols[1].lower())
    return words


def country_phrases(countries_tsv):
    """Every country name, alias, demonym and capital, lower-cased, and the set of ISO3 codes."""
    phrases, iso3s, by_name = set(), set(), {}
    with open(countries_tsv, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("iso3\t"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 5:
                continue
            iso3s.add(cols[0])
            for field in cols[1:5]:
                for form in field.split("|"):
                    if form.strip():
                        phrases.add(form.strip().lower())
            for form in [cols[1]] + cols[2].split("|"):
                if form.strip():
                    by_name[form.strip().lower()] = cols[0]
    return phrases, iso3s, by_name


def hand_written(path, cols_form):
    """Lower-cased forms already in a hand-written TSV (column `cols_form`)."""
    forms = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) > cols_form:
                forms.update(x.strip().lower() for x in cols[cols_form].split("|") if x.strip())
    return forms


# ---------------------------------------------------------------------------------------------------------------
# Display forms
# ---------------------------------------------------------------------------------------------------------------

SMALL = {"of", "the", "and", "for", "in", "on", "de", "la", "al", "el", "du", "des", "to", "at"}


COMMON = set()  # filled by build(): lower-case everyday words


def display(name):
    """'BILL CLINTON' → 'Bill Clinton'; a lone short word or a vowel-less one stays an acronym ('UN', 'NATO', 'ICRC')."""
    out = []
    words = name.split(" ")
    for i, w in enumerate(words):
        low = w.lower()
        if i > 0 and low in SMALL:
            out.append(low)
        elif low in ("mr", "mrs", "dr", "st", "gen", "lt", "col", "sgt", "ms", "sr", "jr") or low.rstrip(".") in ("mr", "dr", "st", "gen"):
            out.append(w[:1].upper() + w[1:].lower())
        elif w.isupper() and (len(words) == 1 and len(w) <= 5 or not re.search(r"[AEIOUY]", w) and len(w) >= 2
                               or w in ("UN", "US", "EU", "NATO", "UNHCR", "UNICEF") or re.fullmatch(r"([A-Z]\.)+", w)):
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def alias_form(name):
    """The form written to the TSV: an all-capital single word of 2-5 letters stays upper case (matched as written);
    everything else in display case (matched case-insensitively)."""
    if " " not in name and name.isupper() and 2 <= len(name) <= 5:
        return name
    return display(name)


# ---------------------------------------------------------------------------------------------------------------
# Selection
# ---------------------------------------------------------------------------------------------------------------

def alias_ok(alias, common, countries, taken, person):
    low = alias.lower()
    letters = re.sub(r"[^a-z]", "", low)
    if len(letters) < MIN_ALIAS or low in countries or low in taken:
        return False
    if not re.search(r"[a-z]", low) or len(alias) > 80:
        return False
    words = low.split()
    if len(words) == 1:
        if low in common:
            return False
        if person and (len(letters) < 5 or alias.isupper() and len(alias) <= 4):
            return False
    if person and len(words) == 2 and any(low.startswith(t) for t in TITLES) and words[1] in common:
        return False
    return True


def generic(alias, common, countries):
    """A name made only of everyday words ("Islamic Society", "Peace Action"): matched only as capitalised."""
    words = alias.lower().split()
    return len(words) > 1 and all(w in common or w in SMALL or w in countries for w in words)


def latest_role(roles):
    """The most recent dated role (open end first, then latest end, then latest start); else the undated one."""
    dated = [r for r in roles if r[1] or r[2]]
    if not dated:
        return roles[-1]
    return max(dated, key=lambda r: (r[2] is None, r[2] or "", r[1] or ""))


def role_text(r):
    code, a, b = r
    if not a and not b:
        return code
    return f"{code} {a or ''}..{b or ''}"


def build(resources, out_dir, verbose=False):
    lex = REPO_ROOT / "data" / "lexicon"
    common = common_words(resources)
    COMMON.update(common)
    countries, iso3s, country_by_name = country_phrases(lex / "countries.tsv")
    taken = hand_written(lex / "actors.tsv", 1)
    hand_agents = hand_written(lex / "agents.tsv", 0)
    log(verbose, f"{len(common)} common words, {len(countries)} country phrases, {len(taken)} hand-written aliases")

    d = resources / DICTS
    people, groups = [], []
    for fname in ["Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt", "Phoenix.Countries.actors.txt"]:
        for b in read_actor_dictionary(d / fname, verbose):
            dated = any(r[1] or r[2] for r in b["roles"])
            codes = {r[0] for r in b["roles"]}
            if fname.startswith("Phoenix.Countries") and all(code_parts(c, iso3s)[1] is None for c in codes):
                continue  # a country or territory block: countries.tsv has the country, its provinces are places
            (people if dated or "CountryInfo" in fname else groups).append(b)
    # Countries-file blocks without dates are institutions ("AFGHAN NATIONAL SECURITY FORCES [AFGMIL]")
    groups += [b for b in people if not any(r[1] or r[2] for r in b["roles"])]
    people = [b for b in people if any(r[1] or r[2] for r in b["roles"])]

    ucdp = []
    with open(resources / UCDP, encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            org = row.get("Org", "").strip()
            if org not in ("1", "2", "3"):
                continue  # 4 = state governments: countries.tsv covers them
            locs = [re.sub(r"\s*\(.*?\)", "", x).strip().lower() for x in row.get("Location", "").split(",")]
            isos = {country_by_name.get(x) for x in locs if x}
            country = isos.pop() if len(isos) == 1 and None not in isos else None
            sector = {"1": "REB", "2": "UAF", "3": "UAF"}[org]
            code = (country or "IMG") + sector if country else "IMG" + sector
            names = []
            for key in ["NameOrigFullEng", "NameData", "NameOrig", "NewNameFullEng", "NewName"]:
                v = re.sub(r"\s+", " ", row.get(key, "") or "").strip()
                if v and v.lower() != "n/a" and all(ord(c) < 0x250 or c in "’" for c in v):
                    names.append(v.replace("’", "'"))
            if names:
                ucdp.append({"names": names, "roles": [(code, None, None)], "country": country, "sector": sector,
                             "file": "ucdp-actor-221.csv"})

    # Which aliases are claimed by entries with different codes: those are ambiguous and dropped.
    claims = defaultdict(set)
    for b in people + groups:
        for n in b["names"]:
            claims[n.lower()].add(latest_role(b["roles"])[0][:3])
    for b in ucdp:
        for n in b["names"]:
            claims[n.lower()].add(b["roles"][0][0][:3])
    ambiguous = {a for a, c in claims.items() if len(c) > 1}
    # an alias two people share ("President Bush") names neither: the coder picks by title, surname and date
    person_claims = defaultdict(int)
    for b in people:
        for n in set(x.lower() for x in b["names"]):
            person_claims[n] += 1
    ambiguous |= {a for a, k in person_claims.items() if k > 1}

    def rows(blocks, person):
        out = []
        seen_here = set()
        for b in blocks:
            aliases = []
            for n in b["names"]:
                form = n if b["file"].startswith("ucdp") else alias_form(n)
                low = form.lower()
                if low in seen_here or low in ambiguous:
                    continue
                if not alias_ok(form, common, countries, taken, person):
                    continue
                seen_here.add(low)
                aliases.append("=" + form if generic(form, common, countries) else form)
            if not aliases:
                continue
            roles = b["roles"]
            code = latest_role(roles)[0]
            country, sector = code_parts(code, iso3s)
            if b["file"].startswith("ucdp"):
                country, sector = b["country"], b["sector"]
            name = display(b["names"][0]) if not b["file"].startswith("ucdp") else b["names"][0]
            role_col = "|".join(role_text(r) for r in roles) if person else ""
            out.append([name, "|".join(aliases), code, country or "", sector or "", role_col])
        for a in seen_here:
            taken.add(a)
        return out

    # people first: their dated roles say more than an undated institution-style block of the same name
    people_rows = rows(people, True)
    group_rows = rows(groups, False) + rows(ucdp, False)
    group_rows.sort(key=lambda r: r[0].lower())
    people_rows.sort(key=lambda r: r[0].lower())

    out_dir.mkdir(parents=True, exist_ok=True)
    head = ("# GENERATED by tools/build_actors.py from the PETRARCH2 Phoenix dictionaries (MIT, Open Event Data Alliance)\n"
            "# and the UCDP Actor Dataset v22.1 (Uppsala Conflict Data Program, CC BY 4.0). Do not edit: change\n"
            "# data/lexicon/actors.tsv (hand-written entries win) or the tool. Format: docs/lexicon.md.\n")
    cols = "# name\taliases\tcode\tcountry\tsector\troles (CODE [FROM..TO], |-separated; dates YYYY-MM-DD, open ends allowed)\n"
    with open(out_dir / "organisations.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(head + cols)
        for r in group_rows:
            f.write("\t".join(r[:5]) + "\n")
    with open(out_dir / "people.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(head + cols)
        for r in people_rows:
            f.write("\t".join(r) + "\n")
    log(verbose, f"organisations.tsv: {len(group_rows)} rows; people.tsv: {len(people_rows)} rows")

    agent_rows = read_agents(d / "Phoenix.agents.txt", hand_agents, common, verbose)
    with open(out_dir / "agents-phoenix.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# GENERATED by tools/build_actors.py from Phoenix.agents.txt (PETRARCH2, MIT, Open Event Data Alliance).\n"
                "# Do not edit: data/lexicon/agents.tsv is hand-written and wins. Format: docs/lexicon.md.\n"
                "# forms (|-separated, case-insensitive)\tsector\n")
        for sector in sorted(agent_rows):
            f.write("|".join(sorted(agent_rows[sector])) + "\t" + sector + "\n")
    log(verbose, f"agents-phoenix.tsv: {sum(len(v) for v in agent_rows.values())} forms")


# ---------------------------------------------------------------------------------------------------------------
# Agents
# ---------------------------------------------------------------------------------------------------------------

# Agent forms that name events, places, things or qualities rather than who acts ("uprising", "hospital", "jewish").
AGENT_STOPLIST = {
    "uprising", "uprisings", "rebellion", "rebellions", "revolt", "revolts", "insurgency", "insurgencies", "insurgence",
    "insurgences", "islamic", "jewish", "retired", "actor", "actors", "kingdom", "kingdoms", "prison", "prisons",
    "hospital", "hospitals", "school", "schools", "university", "universities", "college", "colleges", "preschool",
    "preschools", "kindergarten", "kindergartens", "kindergarden", "kindergardens", "neighborhood", "neighborhoods",
    "neighbourhood", "neighbourhoods", "community", "communities", "blog", "blogs", "website", "websites", "television",
    "televisions", "tvs", "medias", "magazine", "magazines", "publication", "publications", "gazette", "gazettes",
    "telecom", "telecoms", "aerospace", "industry", "industries", "business", "businesses", "airway", "airways",
    "carrier", "carriers", "representatives", "chamber", "chambers", "assemblage", "assemblages", "doc", "governance",
    "polity", "polities", "echelon", "echelons", "monastery", "monasteries", "diocese", "dioceses", "archdiocese",
    "archdioceses", "hebrew", "hebrews", "mob", "native", "natives", "producer", "producers", "monger",
    # everyday person nouns: in crime and accident reports they are in nearly every sentence, and as actors they
    # add little (agents.tsv keeps the plural collectives: civilians, residents, women, children)
    "man", "men", "woman", "person", "persons", "child", "girl", "girls", "boy", "boys", "mother", "mothers",
    "father", "fathers", "victim", "victims", "village", "villages", "infant", "infants", "hunter", "hunters",
    "king", "prince", "writer", "writers",
}


def plural(word):
    """PETRARCH's regular plural: +S, Y → IES, SS → SSES (and, for English, CH/SH/X → ES). Words that are already
    plural-looking ("GUNMEN") or abbreviations ("GEN.") get none."""
    if word.endswith(("MEN", "PEOPLE", "CHILDREN", ".", "S")) or any(c.isdigit() for c in word):
        return None
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("SS", "CH", "SH", "X")):
        return word + "ES"
    return word + "S"


def agent_sector(code):
    """'~GOVMED' → GOV, 'NGO~' → NGO, '~BUDUAF' → UAF, '~CHRCTH' → REL; None when unmapped."""
    c = code.strip().strip("~").upper()
    rest = c
    religious = False
    while rest[:3] in RELIGIONS:
        rest = rest[3:]
        religious = True
    sec = rest[:3]
    sec = SECTOR_ALIASES.get(sec, sec)
    if sec in SECTORS:
        return sec
    if religious:
        return "REL"
    return None


def read_agents(path, hand, common, verbose):
    """Phoenix.agents.txt → {sector: set(form)}: !MACRO! lines expanded, {plural} honoured, regular plurals made."""
    macros = {}
    out = defaultdict(set)
    skipped = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
            if m:
                macros[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
                continue
            m = re.match(r"([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]+)[\]}]", line)
            if not m:
                skipped += 1
                continue
            phrase, plur, code = m.group(1).strip(), m.group(2), m.group(3)
            sector = agent_sector(code)
            if sector is None:
                skipped += 1
                continue
            forms = []
            mac = re.search(r"![A-Z]+!", phrase)
            if mac and mac.group(0) in macros:
                forms = [phrase.replace(mac.group(0), v) for v in macros[mac.group(0)]]
            elif mac:
                skipped += 1
                continue
            else:
                forms = [phrase]
                no_plural = phrase.endswith("_") or plur is not None
                if plur is not None:
                    forms += [p for p in plur.strip("{} ").split() if p]
                if not no_plural:
                    words = phrase.rstrip("_").split("_")
                    p = plural(words[-1])
                    if p:
                        forms.append("_".join(words[:-1] + [p]))
            for form in forms:
                text = re.sub(r"\s+", " ", form.replace("_", " ")).strip().lower()
                letters = re.sub(r"[^a-z]", "", text)
                if len(letters) < 3 or text in hand or text in AGENT_STOPLIST:
                    continue
                out[sector].add(text)
    # one form, one sector: the first sector in sorted order keeps a form claimed twice
    seen = {}
    for sector in sorted(out):
        for form in sorted(out[sector]):
            seen.setdefault(form, sector)
    result = defaultdict(set)
    for form, sector in seen.items():
        result[sector].add(form)
    if skipped:
        log(verbose, f"{path.name}: {skipped} lines without a usable code skipped")
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("resources", nargs="?", type=Path, default=DEFAULT_RESOURCES)
    ap.add_argument("--out-dir", type=Path, default=REPO_ROOT / "data" / "lexicon")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    build(args.resources, args.out_dir, args.verbose)


if __name__ == "__main__":
    main()
