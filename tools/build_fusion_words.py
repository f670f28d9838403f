#!/usr/bin/env python3
"""Lists ordinary English words, so event fusion can tell a name ("Faust", "Greenville") from a capitalised word
("Police", "Sunday", "Update") when it compares the names two reports mention.

A word qualifies when UD English-EWT (CC BY-SA 4.0, all three splits) has it in lower case at least once.
Output: data/fusion/english-words.txt, one lower-case word a line, sorted.

    python3 tools/build_fusion_words.py [--ud ../shared/resources/ud-english-ewt]
"""
import argparse
import collections
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser()
ap.add_argument("--ud", default=str(root.parent / "shared/resources/ud-english-ewt"))
ap.add_argument("--out", default=str(root / "data/fusion/english-words.txt"))
args = ap.parse_args()

lower = collections.Counter()
for split in ("train", "dev", "test"):
    with open(pathlib.Path(args.ud) / f"en_ewt-ud-{split}.conllu", encoding="utf-8") as f:
        for line in f:
            if not line[:1].isdigit():
                continue
            form = line.split("\t", 2)[1]
            if form.isalpha() and form.islower():
                lower[form] += 1
words = sorted(lower)
out = pathlib.Path(args.out)
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text("".join(w + "\n" for w in words), encoding="utf-8")
print(f"{len(words)} words -> {out}")
