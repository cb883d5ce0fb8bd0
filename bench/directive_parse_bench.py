"""Time the Party document reader on a 40-page document (≈ 20,000 words).

    .venv/bin/python bench/directive_parse_bench.py [--pages 40] [--repeat 7]

The document is generated from the reader's test corpus (tochuc/directives/tests/documents/): the
header, title and closing of one document, and a body made of the corpus's sections repeated with
varied numbering, deadlines and page-break noise (page numbers and a running header every ~500
words, sentences cut across pages) until it reaches the requested length. Then ``parse_document`` is
timed (the median of ``--repeat`` runs after one warm-up run), and ``extract_text`` on the same text
as a .txt upload. No database is used.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

WORDS_PER_PAGE = 500
HEADER = """BAN CHẤP HÀNH TRUNG ƯƠNG              ĐẢNG CỘNG SẢN VIỆT NAM
         *
    Số 45-NQ/TW                   Hà Nội, ngày 24 tháng 11 năm 2023

                            NGHỊ QUYẾT
       về tiếp tục đổi mới công tác đánh giá cán bộ trong tình hình mới
"""
CLOSING = """
Nơi nhận:                                  T/M BỘ CHÍNH TRỊ
- Các tỉnh ủy, thành ủy,                    TỔNG BÍ THƯ
- Các ban đảng, ban cán sự đảng, đảng
đoàn, đảng ủy trực thuộc Trung ương,
- Lưu Văn phòng Trung ương Đảng.            Nguyễn Văn An
"""
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def corpus_sentences() -> list[str]:
    """Body sentences of the corpus (items and paragraphs), markers removed."""
    from tochuc.directives.parsing import extract_text
    from tochuc.directives.parsing.lines import marker

    folder = ROOT / "tochuc" / "directives" / "tests" / "documents"
    sentences: list[str] = []
    for path in sorted(folder.glob("*.*")):
        if path.name == "README.md":
            continue
        for line in extract_text(path.read_bytes(), path.name).split("\n"):
            found = marker(line)
            text = found[2] if found else line
            if len(text) > 60 and text.endswith("."):
                sentences.append(text)
    return sentences


def build_document(pages: int) -> str:
    sentences = corpus_sentences()
    target = pages * WORDS_PER_PAGE
    body: list[str] = []
    words = 0
    page_words = 0
    page = 1
    section = 0
    k = 0
    while words < target:
        title = "NHIỆM VỤ, GIẢI PHÁP" if section == len(ROMAN) // 2 else "TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN"
        body.append(f"{ROMAN[section % len(ROMAN)]}. {title} (PHẦN {section + 1})")
        for item in range(1, 16):
            sentence = sentences[k % len(sentences)]
            k += 1
            extra = (
                f" Hoàn thành trước ngày {1 + item % 28}/{1 + section % 12}/2026." if item % 3 == 0 else ""
            )
            text = f"{item}. {sentence}{extra} {sentences[(k * 7) % len(sentences)]}"
            if item % 5 == 0:
                text += (
                    "\na) "
                    + sentences[(k * 3) % len(sentences)]
                    + "\n- "
                    + sentences[(k * 5) % len(sentences)]
                )
            n = len(text.split())
            if page_words + n > WORDS_PER_PAGE:
                # a page break in the middle of the item: page number and running header
                cut = text.split(" ")
                half = len(cut) // 2
                page += 1
                text = (
                    " ".join(cut[:half])
                    + f"\n\n- {page} -\n\nNghị quyết số 45-NQ/TW\n"
                    + " ".join(cut[half:])
                )
                page_words = 0
            body.append(text)
            words += n
            page_words += n
        section += 1
    return HEADER + "\n" + "\n".join(body) + "\n" + CLOSING


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from tochuc.directives.parsing import extract_text, parse_document

    text = build_document(args.pages)
    data = text.encode("utf-8")
    parse_document(text)  # warm-up: regex compilation, imports
    parse_times: list[float] = []
    extract_times: list[float] = []
    result = None
    for _ in range(max(5, args.repeat)):
        start = time.perf_counter()
        extracted = extract_text(data, "nghi-quyet.txt")
        middle = time.perf_counter()
        result = parse_document(extracted)
        end = time.perf_counter()
        extract_times.append(middle - start)
        parse_times.append(end - middle)
    assert result is not None
    figures = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "words": len(text.split()),
        "characters": len(text),
        "pages": args.pages,
        "runs": len(parse_times),
        "tasks_read": len(result.tasks),
        "tasks_with_deadline": sum(1 for t in result.tasks if t.deadline),
        "parse_median_ms": round(statistics.median(parse_times) * 1000, 1),
        "parse_max_ms": round(max(parse_times) * 1000, 1),
        "extract_median_ms": round(statistics.median(extract_times) * 1000, 1),
        "target_ms": 1000,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    verdict = "✔" if figures["parse_median_ms"] < 1000 else "✘"
    print(
        f"parse_document: median {figures['parse_median_ms']} ms over {figures['runs']} runs (target < 1000 ms) {verdict}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "directive_parse.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
