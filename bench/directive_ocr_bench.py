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
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
