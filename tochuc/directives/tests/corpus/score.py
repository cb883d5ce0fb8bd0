"""Scoring the reader against the real corpus (``corpus/real/``): the share of hand-read fields right.

Each document ``NAME.txt`` has a sidecar ``NAME.json`` with its ``source`` (the page or repository it
was taken from), whether the text is only the published ``excerpt`` (the beginning of the document),
its ``noise`` ("clean", "layout", "ocr") and the ``expected`` fields as a person reads them. Only the
fields present in ``expected`` are scored: a field the text does not hold (the signature of a
document cut after its first page) is left out rather than counted as "nothing".

Fields: ``doc_type``, ``number_symbol``, ``date`` (ISO), ``place``, ``issuer``, ``title``, ``tasks``
(number of top-level tasks), ``recipients`` (number of recipients), ``signer_capacity``,
``signer_name``, ``task_text`` (the start of one task's text).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tochuc.directives.parsing import extract_text, parse_document

REAL = Path(__file__).parent / "real"
FIELDS = [
    "doc_type",
    "number_symbol",
    "date",
    "place",
    "issuer",
    "title",
    "tasks",
    "recipients",
    "signer_capacity",
    "signer_name",
    "task_text",
]


def _norm(value: object) -> str:
    text = unicodedata.normalize("NFC", str(value or ""))
    text = re.sub(r"[‐‑‒–—−]", "-", text).replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip(" .,;").casefold()


def _symbol(value: object) -> str:
    return re.sub(r"\s+", "", str(value or "")).upper()


def read_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The scored fields of a ``directive_parse`` JSON answer."""
    return {
        "doc_type": data["doc_type"],
        "number_symbol": data["number_symbol"],
        "date": data["date"],
        "place": data["place"],
        "issuer": data["issuer"],
        "title": data["title"],
        "tasks": len(data["tasks"]),
        "recipients": len(data["recipients"]),
        "signer_capacity": data["signer"]["capacity"],
        "signer_name": data["signer"]["name"],
        "task_texts": [t["text"] for t in data["tasks"]],
    }


def field_right(name: str, expected: Any, got: dict[str, Any]) -> bool:
    if name == "task_text":
        start = _norm(expected)
        return any(_norm(text).startswith(start) for text in got["task_texts"])
    value = got[name]
    if name in {"tasks", "recipients"}:
        return bool(value == expected)
    if name == "number_symbol":
        return _symbol(value) == _symbol(expected)
    if name in {"doc_type", "date"}:
        return bool(value == expected)
    return _norm(value) == _norm(expected) and value is not None


@dataclass
class DocumentScore:
    name: str
    right: dict[str, bool] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return sum(self.right.values()) / len(self.right) if self.right else 1.0


def documents() -> list[Path]:
    return sorted(REAL.glob("*.txt"))


def sidecar(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return data


def score_document(path: Path) -> DocumentScore:
    expected = sidecar(path)["expected"]
    parsed = parse_document(extract_text(path.read_bytes(), path.name))
    got = read_fields(parsed.as_json())
    return DocumentScore(
        path.stem, {name: field_right(name, expected[name], got) for name in FIELDS if name in expected}
    )


@dataclass
class CorpusScore:
    documents: list[DocumentScore]

    @property
    def right(self) -> int:
        return sum(sum(d.right.values()) for d in self.documents)

    @property
    def total(self) -> int:
        return sum(len(d.right) for d in self.documents)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    def per_field(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, tuple[int, int]] = {}
        for name in FIELDS:
            marks = [d.right[name] for d in self.documents if name in d.right]
            if marks:
                counts[name] = (sum(marks), len(marks))
        return counts


def score_corpus() -> CorpusScore:
    return CorpusScore([score_document(path) for path in documents()])
