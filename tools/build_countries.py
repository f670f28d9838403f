#!/usr/bin/env python3
"""Build data/lexicon/countries.tsv, the country/territory lexicon of sitrep.

Sources and licences (the TSV is a database derived from both):
  * mledoze/countries, countries.json   (resources: countries/mledoze-countries.json)
      Open Database License (ODbL) 1.0, Mohammed Le Doze and contributors.
      Used: cca3, common/official English names, altSpellings, capital,
      capitalInfo.latlng (when present), latlng, demonyms.eng.m/f, and the
      native names / translations (only to recognise non-English forms).
  * CountryInfo.120116.txt              (resources: countryinfo/CountryInfo.120116.txt)
      Creative Commons Attribution-ShareAlike 3.0 Unported,
      Copyright (c) 2012 Philip A. Schrodt.
      Used: <CountryName>, <Nationality> (adjectival forms and synonyms),
      <Capital>.
The output must keep attribution to both sources and be shared under terms
compatible with ODbL 1.0 / CC BY-SA 3.0. The curated OVERRIDES below are
hand-written for sitrep.

Usage:
  python3 tools/build_countries.py [RESOURCES_DIR] [--out PATH] [-v]
RESOURCES_DIR defaults to ../shared/resources relative to the repository
root; --out defaults to data/lexicon/countries.tsv. Python 3.11, standard
library only. Deterministic: identical inputs give a byte-identical file.

Output: UTF-8, tab-separated, one header line, one row per mledoze entry
(ISO 3166-1 alpha-3; Kosovo as XKX), sorted by iso3:
  iso3 name aliases demonyms capitals lat lon capital_lat capital_lon
aliases/demonyms/capitals are '|'-separated, deduplicated case-insensitively
(hyphen and space count as equal), each value at most 60 characters.
"""

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RESOURCES = REPO_ROOT.parent / "shared" / "resources"
DEFAULT_OUT = REPO_ROOT / "data" / "lexicon" / "countries.tsv"
MLEDOZE_REL = Path("countries") / "mledoze-countries.json"
COUNTRYINFO_REL = Path("countryinfo") / "CountryInfo.120116.txt"

HEADER = ["iso3", "name", "aliases", "demonyms", "capitals",
          "lat", "lon", "capital_lat", "capital_lon"]
MAX_LEN = 60

# ---------------------------------------------------------------------------
# Curated overrides (hand-written; applied after the source-derived values).
#   name           replaces the mledoze common name (old name becomes alias)
#   iso3           replaces the mledoze cca3
#   aliases / demonyms / capitals            appended
#   drop_aliases / drop_demonyms / drop_capitals   removed (case-insensitive)
# capitals holds capital *cities* only; institutions used as metonyms
# (Kremlin, Pentagon, White House, Downing Street, ...) are handled elsewhere.
# ---------------------------------------------------------------------------
OVERRIDES = {
    "ARE": {"aliases": ["Emirates"]},
    "ARG": {"demonyms": ["Argentinian"]},
    "CHN": {"aliases": ["PRC", "Mainland China"]},
    "CIV": {"aliases": ["Côte d'Ivoire", "Cote d'Ivoire"]},
    "COD": {"name": "Democratic Republic of the Congo",
            "aliases": ["DR Congo", "DRC", "Congo-Kinshasa"]},
    # Bare "Congo" is ambiguous in news (often means the DRC): keep it out.
    "COG": {"name": "Republic of the Congo", "drop_aliases": ["Congo"],
            "aliases": ["Republic of Congo", "Congo-Brazzaville"]},
    "CPV": {"aliases": ["Cabo Verde"], "demonyms": ["Cape Verdean"]},
    "CZE": {"aliases": ["Czech Republic"]},
    "DJI": {"demonyms": ["Djiboutian"]},
    "ECU": {"demonyms": ["Ecuadorian"]},
    "GBR": {"aliases": ["UK", "U.K.", "Britain", "Great Britain"],
            "demonyms": ["Briton"]},
    "GGY": {"drop_aliases": ["Channel Island"]},
    "HRV": {"demonyms": ["Croat"]},
    "IRN": {"capitals": ["Teheran"]},
    "KAZ": {"capitals": ["Nur-Sultan"]},
    "KGZ": {"demonyms": ["Kyrgyz"]},
    "MMR": {"aliases": ["Burma"], "capitals": ["Nay Pyi Taw"]},
    "MNG": {"capitals": ["Ulaanbaatar"]},
    "NLD": {"aliases": ["Holland"]},
    "PSE": {"aliases": ["Palestinian territories",
                        "occupied Palestinian territories"],
            "drop_aliases": ["Occupied territories"]},
    "SAU": {"demonyms": ["Saudi"]},
    "SRB": {"demonyms": ["Serb"]},
    "TJK": {"demonyms": ["Tajik"]},
    "TUR": {"name": "Turkey", "aliases": ["Türkiye", "Turkiye"],
            "demonyms": ["Turk"]},
    "UKR": {"capitals": ["Kiev"]},
    "UNK": {"iso3": "XKX"},  # mledoze uses UNK; XKX is the common user code
    "USA": {"aliases": ["United States of America", "U.S.", "US", "U.S.A.",
                        "USA", "America"],
            "drop_aliases": ["States of America"],
            "capitals": ["Washington"]},
    "VGB": {"drop_aliases": ["Virgin Islands"]},  # ambiguous with VIR
    "YEM": {"capitals": ["Sanaa"]},
    "ZAF": {"drop_aliases": ["British South Africa"]},
    "SWE": {"demonyms": ["Swede"]},
    "DNK": {"demonyms": ["Dane"]},
    "FIN": {"demonyms": ["Finn"]},
    "PNG": {"aliases": ["PNG"]},
    "POL": {"demonyms": ["Pole"]},
    "ESP": {"demonyms": ["Spaniard"]},
}

# Plural forms that do not follow the "+s" rule.
IRREGULAR_PLURALS = {"Motswana": "Batswana", "Mosotho": "Basotho"}

# CountryInfo nationality forms that pass the generic demonym test but are
# foreign words or misspellings (case-folded).
CI_DEMONYM_DENY = {"faeroer", "barbadan", "saharaouian", "barthelemans",
                   "saint barthelemans", "monacan"}

# Two-letter upper-case aliases are kept only if listed here (country codes
# like IN/IS/IT/NO/TO/... are ordinary words; most others are noise in news
# text). "US" is only for the USA. Dotted forms (U.K., N.Z.) are not limited.
TWO_LETTER_OK = {"UK": "GBR", "US": "USA", "NZ": "NZL", "HK": "HKG"}
# Longer acronyms that are English words or too ambiguous in running text.
AMBIGUOUS_ACRONYMS = {"CAR", "ROC", "MAN", "PAN", "SEN", "SIN", "BIT", "CAN"}

FUNCTION_WORDS = {"of", "the", "and", "da", "de", "du", "del", "des",
                  "la", "le", "og", "e", "y"}
GENERIC_WORDS = FUNCTION_WORDS | {
    "republic", "kingdom", "state", "states", "united", "democratic",
    "people's", "peoples", "federal", "federation", "federated", "island",
    "islands", "isle", "territory", "territories", "commonwealth", "union",
    "socialist", "islamic", "arab", "independent", "sovereign", "north",
    "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "new", "saint", "st.", "great", "grand", "principality",
    "duchy", "collectivity", "country", "city", "nation", "british",
    "french", "american", "dutch", "guinea"}
COMPASS = {"north", "south", "east", "west", "northern", "southern",
           "eastern", "western", "central"}


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------
def nfc(s):
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u2019", "'").replace("\u02bc", "'")
    return re.sub(r"\s+", " ", s).strip()


def key(s):
    """Dedup key: case-insensitive, accents kept, hyphen == space."""
    return re.sub(r"[\s-]+", " ", nfc(s)).casefold()


def fold(s):
    """Comparison key: case- and accent-insensitive, hyphen == space."""
    s = unicodedata.normalize("NFKD", nfc(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\s-]+", " ", s).strip().casefold()


def is_latin(s):
    return all("LATIN" in unicodedata.name(c, "") for c in s if c.isalpha())


WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*\.?")


def words(s):
    """Words of a name (hyphens split; inner apostrophes, final dot kept)."""
    return WORD_RE.findall(nfc(s).replace("-", " "))


def cap1(w):
    return w[:1].upper() + w[1:]


def osa_distance(a, b):
    """Optimal-string-alignment edit distance (Damerau-Levenshtein)."""
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if (prev2 is not None and j > 1 and a[i - 1] == b[j - 2]
                    and a[i - 2] == b[j - 1]):
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def fmt_coord(v):
    if v is None or v == "":
        return ""
    s = ("%.6f" % float(v)).rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


class OrderedSet:
    """Deduplicated (see key()) list keeping the first spelling seen."""

    def __init__(self, exclude=()):
        self.items, self.seen = [], {key(x) for x in exclude}

    def add(self, s):
        s = nfc(s)
        if s and len(s) <= MAX_LEN and key(s) not in self.seen:
            self.seen.add(key(s))
            self.items.append(s)

    def remove(self, s):
        self.items = [x for x in self.items if key(x) != key(s)]
        self.seen.discard(key(s))

    def __contains__(self, s):
        return key(s) in self.seen


# ---------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------
def read_mledoze(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = []
    for c in data:
        eng = (c.get("demonyms") or {}).get("eng") or {}
        dem = []
        for g in ("m", "f"):  # "Antiguan, Barbudan", "Kittitian or Nevisian"
            dem += [p.strip() for p in re.split(r",| or ", eng.get(g) or "")
                    if p.strip()]
        foreign = set()
        tables = dict(c.get("translations") or {})
        for lang, v in (c["name"].get("native") or {}).items():
            if lang != "eng":
                tables["native-" + lang] = v
        for v in tables.values():
            foreign |= {fold(x) for x in v.values()}
        cinfo = c.get("capitalInfo") or {}
        out.append({
            "cca3": c["cca3"],
            "independent": bool(c.get("independent")),
            "common": nfc(c["name"]["common"]),
            "official": nfc(c["name"]["official"]),
            "alt": [nfc(a) for a in c.get("altSpellings") or []],
            "capitals": [nfc(a) for a in c.get("capital") or []],
            "latlng": c.get("latlng") or [],
            "cap_latlng": cinfo.get("latlng") or [],
            "demonyms": dem,
            "foreign": foreign,
        })
    return out


def read_countryinfo(path):
    """Parse CountryInfo.txt.

    Format (from the file's own header): an XML comment <!-- ... --> with
    documentation, then <Country> ... </Country> blocks. One-line fields look
    like <CountryCode>SYR</CountryCode>; list fields (<Nationality>,
    <Capital>, ...) hold one entry per line. '#' starts a comment. Names are
    upper case ASCII with '_' for spaces and usually a trailing '_'.
    """
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    end = text.find("-->")
    if end >= 0:
        text = text[end + 3:]
    blocks = []
    for raw in re.split(r"^<Country>[ \t]*$", text, flags=re.M)[1:]:
        raw = raw.split("</Country>")[0]
        body = "\n".join(ln.split("#", 1)[0] for ln in raw.split("\n"))

        def field(tag):
            m = re.search(r"<%s>(.*?)</%s>" % (re.escape(tag), re.escape(tag)),
                          body, re.S)
            return m.group(1).strip() if m else ""

        def entries(tag):
            return [ln.strip() for ln in field(tag).split("\n") if ln.strip()]

        blocks.append({
            "code": field("CountryCode"), "name": field("CountryName"),
            "a3": field("ISO3166-alpha3"),
            "nationality": entries("Nationality"), "capital": entries("Capital"),
        })
    return blocks


def ci_clean(entry):
    """CountryInfo entry -> upper-case text with spaces, or None."""
    if "\ufffd" in entry or "\x00" in entry:
        return None  # damaged characters in the source
    s = entry.replace("_", " ").replace("&", " AND ")
    s = re.sub(r"\s+", " ", s).strip()
    if not s or re.search(r"[(),/\d\[\]{}\"]", s):
        return None  # "CONGO_(KINSHASA)", "KOREA,_NORTH": list formats
    if s.startswith("THE "):
        s = s[4:]
    if s.startswith("'") or s.endswith("'"):
        return None
    return s


# ---------------------------------------------------------------------------
# Acronyms and demonyms
# ---------------------------------------------------------------------------
def acronym_forms(name):
    """Initials of a name: 'of' optional, 'the'/'and' skipped."""
    forms = {""}
    for w in words(name):
        lw = w.rstrip(".").casefold()
        if lw in ("the", "and"):
            continue
        nxt = {f + w[0].upper() for f in forms}
        if lw == "of":
            nxt |= forms
        forms = nxt
    return {f for f in forms if len(f) >= 2}


def run_acronyms(name):
    """Acronyms of contiguous runs of >= 2 words ('DR' in 'DR Congo')."""
    ws = words(name)
    out = set()
    for i in range(len(ws)):
        for j in range(i + 2, len(ws) + 1):
            out |= acronym_forms(" ".join(ws[i:j]))
    return out


def stem(w):
    """Name word -> stem for demonym derivation (syria -> syr)."""
    if len(w) > 4 and w.endswith("s"):
        w = w[:-1]
    return re.sub(r"[aeiouy]+$", "", w) or w


DEMONYM_SUFFIXES = ("an", "ian", "ean", "ese", "ish", "i", "er", "ot", "on",
                    "ine", "man", "woman", "ois", "ais")


def singular(w):
    if w.endswith("women"):
        return w[:-5] + "woman"
    if w.endswith("men") and len(w) > 5:
        return w[:-3] + "man"
    if w.endswith("s") and not w.endswith(("ss", "ois", "ais")):
        return w[:-1]
    return w


def ci_demonym(fe, own_names, own_demonyms, all_name_words):
    """Is a folded CountryInfo nationality entry an English demonym of the
    country? It must be a stem of one of the country's own (non-generic)
    name words plus a demonym suffix, must not be a spelling variant of a
    place name, and must not be a misspelling of a known demonym."""
    ws = fe.split(" ")
    if len(ws) > 3 or any(fe.replace(" ", "") == d.replace(" ", "")
                          for d in own_demonyms):
        return False  # "puertorican"
    if len(ws) > 1:  # "saint helenians": leading words must match
        lead = ws[:-1]
        if not any(x.split(" ")[:len(lead)] == lead
                   for x in own_demonyms + own_names):
            return False
    last = singular(ws[-1])
    if len(last) < 4 or not last.endswith(DEMONYM_SUFFIXES):
        return False
    own_words = {w for n in own_names for w in n.split(" ")
                 if len(w) >= 4 and w not in GENERIC_WORDS}
    ok = False
    for w in own_words:
        st = stem(w)
        if last.startswith(st) and len(last) > len(st):
            if last.endswith("i") and last not in (st + "i", w + "i"):
                continue  # only Iraq -> Iraqi style for -i
            ok = True
    for d in own_demonyms:  # Dutch -> Dutchman
        if last.startswith(d.split(" ")[-1]) and last.endswith(("man", "woman")):
            ok = True
    if not ok:
        return False
    for w in all_name_words:  # Portugali, Grenadines, Zimbabwei ...
        if osa_distance(last, w) <= 1:
            return False
    for d in own_demonyms:
        dl = d.split(" ")[-1]
        if last != dl and osa_distance(last, dl) <= 2:
            return False  # Isreali, Belizian, Argentinean ...
    return fe not in CI_DEMONYM_DENY and last not in CI_DEMONYM_DENY


ASCII_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                             "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                             "Æ": "Ae", "œ": "oe", "ı": "i", "ʻ": "'"})


def ascii_variant(s):
    """Accent-stripped spelling of s if it differs and is pure ASCII."""
    t = unicodedata.normalize("NFKD", s.translate(ASCII_EXTRA))
    t = "".join(c for c in t if not unicodedata.combining(c))
    return t if t != s and t.isascii() else None


def plural(d):
    if d in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[d]
    w = d.split(" ")[-1]
    lw = w.casefold()
    if "-" in w and w[:1].islower() or d.startswith(("I-", "Ni-")):
        return None  # I-Kiribati, Ni-Vanuatu
    if lw.endswith("woman"):
        return d[:-5] + d[-5:].replace("woman", "women")
    if lw.endswith("man") and lw not in ("german", "oman", "roman"):
        return d[:-3] + "men"
    if lw.endswith(("men", "ese", "ish", "ch", "sh", "ss", "s", "x", "z",
                    "y", "ic", "ais", "ois")):
        return None
    return d + "s"


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------
def build(resources):
    mled = read_mledoze(resources / MLEDOZE_REL)
    ci_blocks = read_countryinfo(resources / COUNTRYINFO_REL)
    by3 = {c["cca3"]: c for c in mled}

    # English vocabulary with preferred casing: mledoze English names,
    # capitals and demonyms, curated overrides, then CountryInfo names.
    counts = {}

    def learn(text, only_new=False):
        for w in words(text):
            lw = w.casefold()
            if w.isupper() and len(w.rstrip(".")) <= 4:
                continue  # acronyms are not vocabulary
            if only_new and lw in counts:
                continue
            counts.setdefault(lw, {}).setdefault(w, 0)
            counts[lw][w] += 1

    for c in mled:
        for t in [c["common"], c["official"]] + c["capitals"] + c["demonyms"]:
            learn(t)
    for iso in sorted(OVERRIDES):
        ov = OVERRIDES[iso]
        for t in [ov.get("name", "")] + ov.get("aliases", []) + \
                ov.get("capitals", []) + ov.get("demonyms", []):
            learn(t)
    for b in ci_blocks:  # <CountryName> is English (upper case)
        learn(" ".join(cap1(w.lower()) for w in
                       b["name"].replace("_", " ").split()), only_new=True)
    vocab = {lw: sorted(f.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
             for lw, f in counts.items()}

    def recase(upper_text, acronyms_ok):
        """Upper-case CountryInfo text -> cased text, or None when a word is
        not English vocabulary (misspellings, foreign forms)."""
        out = []
        for i, w in enumerate(upper_text.split(" ")):
            lw = w.casefold()
            if lw in vocab:
                cw = lw if lw in FUNCTION_WORDS else vocab[lw]
                out.append(cap1(cw) if i == 0 else cw)
            elif lw in ("st.", "st"):
                out.append("St.")
            elif re.fullmatch(r"[A-Z]\.", w) and i == 0:
                out.append(w)          # "N. Korea", "S. Africa"
            elif re.fullmatch(r"[A-Z]{2,4}", w) and w in acronyms_ok:
                out.append(w)          # "DR Congo", "US Virgin Islands"
            else:
                return None
        if all(re.fullmatch(r"[A-Z.]+", w) for w in out):
            return None
        return " ".join(out)

    # Map CountryInfo blocks to mledoze cca3. Block codes are unreliable
    # (CAMEO-style GBRVGB, typos such as GTM->GLP, JPN->JON), so match the
    # English <CountryName> first, then fall back to the codes.
    name_index = {}
    for c in mled:
        for n in [c["common"], c["official"]] + c["alt"]:
            name_index.setdefault(fold(n), set()).add(c["cca3"])
    ci_by_iso, pending, unmatched = {}, [], []
    for b in ci_blocks:
        hits = name_index.get(fold(b["name"].replace("_", " ")), set())
        if len(hits) == 1 and next(iter(hits)) not in ci_by_iso:
            ci_by_iso[next(iter(hits))] = b
        else:
            pending.append(b)
    for b in pending:
        cands = [b["a3"], b["code"], b["code"][-3:]]
        iso = next((x for x in cands if x in by3 and x not in ci_by_iso), None)
        if iso:
            ci_by_iso[iso] = b
        else:
            unmatched.append(b["name"])

    sovereign_demonyms = {key(d) for c in mled if c["independent"]
                          for d in c["demonyms"]}
    all_capitals = {fold(x): c["cca3"] for c in mled for x in c["capitals"]}
    demonym_words = {fold(d).split(" ")[-1] for c in mled
                     for d in c["demonyms"]}
    demonym_words |= {fold(d) for ov in OVERRIDES.values()
                      for d in ov.get("demonyms", [])}
    word_owner = {}
    for c in mled:
        for n in (c["common"], c["official"]):
            for w in fold(n).split(" "):
                word_owner.setdefault(w, set()).add(c["cca3"])
    all_name_words = sorted(w for w in word_owner
                            if len(w) >= 5 and w not in GENERIC_WORDS)

    rows = {}
    for c in mled:
        iso = c["cca3"]
        ov = OVERRIDES.get(iso, {})
        name = ov.get("name", c["common"])
        english = [name, c["common"], c["official"]] + ov.get("aliases", [])
        english_f = {fold(x) for x in english}

        def foreign(s):
            return fold(s) in c["foreign"] and fold(s) not in english_f

        acr_full, acr_runs = set(), set()
        for n in english:
            acr_full |= acronym_forms(n)
            acr_runs |= run_acronyms(n)

        def acronym_ok(s):
            letters = s.replace(".", "")
            if not re.fullmatch(r"[A-Z]{2,5}", letters):
                return False
            if "." in s and not re.fullmatch(r"([A-Z]\.)+", s):
                return False  # "D.R.CONGO", "U._S."
            if len(letters) == 2 and "." not in s:
                return TWO_LETTER_OK.get(letters) == iso
            if letters in AMBIGUOUS_ACRONYMS:
                return False
            return letters in acr_full

        aliases = OrderedSet(exclude=[name])
        if not foreign(c["official"]):
            aliases.add(re.sub(r"\s*\(.*?\)", "", c["official"]))
        aliases.add(c["common"])
        demonyms = OrderedSet()
        for d in c["demonyms"]:
            if c["independent"] or key(d) not in sovereign_demonyms:
                demonyms.add(d)

        # mledoze altSpellings: English-vocabulary names and real acronyms
        for a in c["alt"]:
            if not is_latin(a) or re.search(r"[,()]", a) or a[:1].islower():
                continue
            if re.fullmatch(r"[A-Z.]+", a):
                if acronym_ok(a):
                    aliases.add(a)
            elif foreign(a):
                continue
            elif fold(a) in demonym_words:
                continue  # "Togolese", "Thai": demonyms, not names
            elif all(w.casefold() in vocab for w in words(a)):
                aliases.add(a)

        # CountryInfo: <CountryName> and <Nationality> entries
        b = ci_by_iso.get(iso)
        entries = []
        if b:
            entries = [ci_clean(b["name"])] + [ci_clean(e)
                                                for e in b["nationality"]]
            entries = [e for e in entries if e and len(e) <= MAX_LEN]
        own_names = sorted({fold(x) for x in english + aliases.items})
        own_dem = [fold(d) for d in c["demonyms"]]
        own_words = {w for n in own_names for w in n.split(" ")}
        for e in entries:
            fe = fold(e)
            if re.fullmatch(r"[A-Z.]+", e.replace(" ", "")) and acronym_ok(e):
                aliases.add(e)
                continue
            if fe in own_dem or fe in demonym_words:
                continue
            if ci_demonym(fe, own_names, own_dem, all_name_words):
                demonyms.add(recase(e, set()) or
                             " ".join(cap1(w.lower()) for w in e.split(" ")))
                continue
            cased = recase(e, acr_runs)
            if not cased or fe.split(" ")[-1] in demonym_words:
                continue
            if cased in aliases or key(cased) == key(name):
                continue
            ws = fe.split(" ")
            if any(w in COMPASS and w not in own_words for w in ws):
                continue  # "South Congo", "West Sahara"
            if any(w not in GENERIC_WORDS and w not in own_words
                   and word_owner.get(w, {iso}) != {iso} for w in ws):
                continue  # word of another country ("Republic of Dominica")
            if any(sorted(ws) == sorted(fold(x).split(" "))
                   for x in aliases.items + [name]):
                continue  # word-order variant ("Congo DR", "Korea South")
            if len(fe) >= 6 and any(osa_distance(fe, fold(x)) <= 2
                                    for x in aliases.items + [name]):
                continue  # misspelling ("United State of America")
            aliases.add(cased)

        capitals = OrderedSet(exclude=[name])  # Singapore, Monaco, ...
        for cap in c["capitals"]:
            capitals.add(cap)
        for e in (b["capital"] if b else []):
            e = ci_clean(e)
            cased = recase(e, set()) if e else None
            if not cased or all_capitals.get(fold(cased), iso) != iso:
                continue  # unknown word, or another country's capital
            if fold(cased) not in english_f:
                capitals.add(cased)

        for a in ov.get("aliases", []):
            aliases.add(a)
        for d in ov.get("demonyms", []):
            demonyms.add(d)
        for cap in ov.get("capitals", []):
            capitals.add(cap)
        for a in ov.get("drop_aliases", []):
            aliases.remove(a)
        for d in ov.get("drop_demonyms", []):
            demonyms.remove(d)
        for cap in ov.get("drop_capitals", []):
            capitals.remove(cap)

        ll, cl = c["latlng"], c["cap_latlng"]
        coords = [ll[0], ll[1]] if len(ll) == 2 else ["", ""]
        coords += [cl[0], cl[1]] if len(cl) == 2 else ["", ""]
        rows[iso] = {"iso3": ov.get("iso3", iso), "name": name,
                     "aliases": aliases.items, "demonyms": demonyms.items,
                     "capitals": capitals.items,
                     "coords": [fmt_coord(v) for v in coords]}

    # Plurals ("Syrian" -> "Syrians") unless the plural is a place name;
    # demonyms identical to the country's own name (mledoze "Djibouti") go.
    names = set()
    for r in rows.values():
        names |= {key(r["name"])} | {key(a) for a in r["aliases"]}
    for r in rows.values():
        out = OrderedSet(exclude=[r["name"]])
        for d in r["demonyms"]:
            out.add(d)
            p = plural(d) if key(d) not in names else None
            if p and key(p) not in names:
                out.add(p)
        r["demonyms"] = out.items

    # Plain-ASCII spelling next to each accented value (Bogotá -> Bogota).
    for r in rows.values():
        for field in ("aliases", "demonyms", "capitals"):
            out = OrderedSet(exclude=[r["name"]] if field == "aliases" else [])
            if field == "aliases":
                out.add(ascii_variant(r["name"]) or "")
            for v in r[field]:
                out.add(v)
                out.add(ascii_variant(v) or "")
            r[field] = out.items

    # An alias claimed by several countries, or equal to another country's
    # name, is ambiguous: drop it everywhere.
    owners = {}
    for iso, r in rows.items():
        for a in r["aliases"]:
            owners.setdefault(key(a), set()).add(iso)
    name_of = {key(r["name"]): iso for iso, r in rows.items()}
    dropped = []
    for iso in sorted(rows):
        r = rows[iso]
        keep = []
        for a in r["aliases"]:
            if len(owners[key(a)]) > 1 or name_of.get(key(a), iso) != iso:
                dropped.append("%s:%s" % (iso, a))
            else:
                keep.append(a)
        r["aliases"] = keep
    return rows, unmatched, dropped


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("resources", nargs="?", default=str(DEFAULT_RESOURCES),
                    help="shared resources directory (default: %(default)s)")
    ap.add_argument("--out", default=str(DEFAULT_OUT),
                    help="output TSV (default: %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="report unmatched CountryInfo blocks and dropped "
                         "ambiguous aliases on stderr")
    args = ap.parse_args(argv)
    rows, unmatched, dropped = build(Path(args.resources))

    lines = ["\t".join(HEADER)]
    for r in sorted(rows.values(), key=lambda r: r["iso3"]):
        fields = [r["iso3"], r["name"], "|".join(r["aliases"]),
                  "|".join(r["demonyms"]), "|".join(r["capitals"])]
        fields += r["coords"]
        if any(re.search(r"[\t\n\r]", f) for f in fields):
            raise ValueError("control character in row %s" % r["iso3"])
        lines.append("\t".join(fields))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    tmp.replace(out)
    if args.verbose:
        print("CountryInfo blocks without ISO match: " + "; ".join(unmatched),
              file=sys.stderr)
        print("ambiguous aliases dropped: " + "; ".join(dropped),
              file=sys.stderr)
    print("build_countries: %d rows written to %s" % (len(rows), out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
