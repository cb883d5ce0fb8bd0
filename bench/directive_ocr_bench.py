"""Time the recognition of a scanned document: an image-only PDF of N pages, pages in parallel.

    .venv/bin/python bench/directive_ocr_bench.py [--pages 10]

The scan is drawn from the reader's test corpus (tochuc/directives/tests/documents/): its documents'
text laid out page after page by Chromium (as the tests do), the pages put into a PDF without any
text layer. Then ``extract_text`` is timed on it (pdftoppm at 300 dpi, Tesseract's Vietnamese model,
one page per core), and ``parse_document`` on the recognised text. Target: 10 pages under 60 s on
2 cores. Needs Chromium, tesseract-ocr, tesseract-ocr-vie and poppler-utils.
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
LINES_PER_PAGE = 44


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument(
        "--seed",
        action="store_true",
        help="scan the founding document (7 pages) and count its 13 fields read right",
    )
    args = parser.parse_args()
    if args.seed:
        seed_scan()
        return

    from tochuc.directives.parsing import extract_text, parse_document
    from tochuc.directives.tests.scans import image_only_pdf, render_page

    folder = ROOT / "tochuc" / "directives" / "tests" / "documents"
    lines: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        lines.extend(path.read_text(encoding="utf-8").split("\n"))
    while len(lines) < args.pages * LINES_PER_PAGE:
        lines.extend(lines)
    started = time.perf_counter()
    pages = [
        render_page("\n".join(lines[n * LINES_PER_PAGE : (n + 1) * LINES_PER_PAGE]))
        for n in range(args.pages)
    ]
    pdf = image_only_pdf(pages)
    print(f"drawn {args.pages} pages ({len(pdf) // 1024} KB PDF) in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    text = extract_text(pdf, "scan.pdf", lambda done, total: print(f"  page {done}/{total}", flush=True))
    recognised = time.perf_counter() - started
    started = time.perf_counter()
    parsed = parse_document(text)
    read = time.perf_counter() - started
    print(
        f"recognised {len(text)} characters on {os.cpu_count()} cores in {recognised:.1f} s "
        f"({recognised / args.pages:.1f} s a page); read in {read * 1000:.0f} ms, {len(parsed.tasks)} tasks"
    )


def seed_scan() -> None:
    """The founding document drawn on 7 pages, recognised, read: how many of its 13 fields match."""
    import django

    django.setup()
    from tochuc.directives.demo import SEED_DOCUMENT

    from tochuc.directives.parsing import extract_text, parse_document
    from tochuc.directives.tests.scans import image_only_pdf, render_page

    clean = extract_text(SEED_DOCUMENT.read_bytes(), SEED_DOCUMENT.name)
    lines = [line for line in clean.split("\n") if line != "\f"]
    per_page = -(-len(lines) // 7)
    pages = [render_page("\n".join(lines[n * per_page : (n + 1) * per_page])) for n in range(7)]
    started = time.perf_counter()
    text = extract_text(image_only_pdf(pages), "seed-scan.pdf")
    elapsed = time.perf_counter() - started
    truth, got = parse_document(clean).as_json(), parse_document(text).as_json()
    fields = [
        "doc_type",
        "doc_type_name",
        "number",
        "symbol",
        "number_symbol",
        "issuer",
        "place",
        "date",
        "title",
    ]
    right = {name: truth[name] == got[name] for name in fields}
    right["tasks"] = [(t["no"], t["deadline"]) for t in truth["tasks"]] == [
        (t["no"], t["deadline"]) for t in got["tasks"]
    ]
    right["report_periods"] = truth["report_periods"] == got["report_periods"]
    right["recipients"] = len(truth["recipients"]) == len(got["recipients"])
    right["signer"] = truth["signer"] == got["signer"]
    print(f"7-page scan of the founding document recognised in {elapsed:.1f} s")
    print(f"fields right: {sum(right.values())}/13; wrong: {[k for k, ok in right.items() if not ok]}")
    for name, ok in right.items():
        if not ok:
            print(f"  {name}: expected {truth[name]!r:.200}, read {got[name]!r:.200}")


if __name__ == "__main__":
    main()
