#!/usr/bin/env python3
"""Lists single-word gazetteer names that are ordinary English words, so the place recogniser does not read
"Police", "Deal" or "Along" as towns.

A word qualifies when UD English-EWT (CC BY-SA 4.0) has it in lower case, away from sentence starts, at least twice
and at least twice as often as capitalised. Output: data/gazetteer/common-words.txt, one word a line, sorted.

    python3 tools/build_common_words.py [--ud ../shared/resources/ud-english-ewt] [--places data/gazetteer/places.tsv.gz]
"""
import argparse
import collections
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--ud", default=str(root.parent / "shared/resources/ud-english-ewt"))
ap.add_argument("--places", default=str(root / "data/gazetteer/places.tsv.gz"))
ap.add_argument("--out", default=str(root / "data/gazetteer/common-words.txt"))
args = ap.parse_args()

lower, capital = collections.Counter(), collections.Counter()
with open(pathlib.Path(args.ud) / "en_ewt-ud-train.conllu", encoding="utf-8") as f:
    for line in f:
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 10 or not cols[0].isdigit() or cols[0] == "1":
            continue
        word = cols[1]
        if word.islower():
            lower[word] += 1
        elif word[:1].isupper() and word[1:].islower():
            capital[word.lower()] += 1

names = set()
import gzip
opener = gzip.open if args.places.endswith(".gz") else open
with opener(args.places, "rt", encoding="utf-8") as f:
    next(f)
    for line in f:
        cols = line.split("\t")
        for name in [cols[1]] + cols[2].split("|"):
            if name and name.isalpha():
                names.add(name.lower())

common = sorted(w for w in names if lower[w] >= 2 and lower[w] >= 2 * capital[w])
with open(args.out, "w", encoding="utf-8") as f:
    f.write("".join(w + "\n" for w in common))
print(f"{len(common)} common words written to {args.out}")
