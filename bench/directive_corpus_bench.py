"""The share of fields the reader gets right on the real corpus, per field and per document.

    .venv/bin/python bench/directive_corpus_bench.py [--misses]

The corpus is ``tochuc/directives/tests/corpus/real/``: public Party and state documents, each with its
source and its fields read by hand in a JSON sidecar (see ``tochuc/directives/tests/corpus/score.py``).
``--misses`` also prints, for every field read wrong, what was expected and what was read.
No database is used.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="print every field read wrong")
    args = parser.parse_args()

    import django

    django.setup()
    from tochuc.directives.parsing import extract_text, parse_document
    from tochuc.directives.tests.corpus.score import documents, read_fields, score_corpus, sidecar

    started = time.perf_counter()
    result = score_corpus()
    elapsed = time.perf_counter() - started
    print(f"{len(result.documents)} documents, {result.total} fields, read in {elapsed * 1000:.0f} ms\n")
    print("per document:")
    for doc in result.documents:
        wrong = [name for name, ok in doc.right.items() if not ok]
        print(f"  {doc.name:34} {sum(doc.right.values()):2}/{len(doc.right):2}  {', '.join(wrong)}")
    print("\nper field:")
    for name, (right, total) in result.per_field().items():
        print(f"  {name:16} {right:3}/{total:3}  {100 * right / total:5.1f} %")
    print(f"\nall fields: {result.right}/{result.total} = {100 * result.share:.1f} %")
    if args.misses:
        print("\nmisses:")
        for path in documents():
            expected = sidecar(path)["expected"]
            got = read_fields(parse_document(extract_text(path.read_bytes(), path.name)).as_json())
            doc = next(d for d in result.documents if d.name == path.stem)
            for name, ok in doc.right.items():
                if not ok:
                    shown = got["task_texts"][:3] if name == "task_text" else got[name]
                    print(f"  {path.stem} {name}: expected {expected[name]!r}, read {shown!r}")


if __name__ == "__main__":
    main()
