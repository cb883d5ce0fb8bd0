"""The reader on public documents (tests/corpus/real/): the share of hand-read fields it gets right.

The floor is the share measured when the corpus and the reader last changed, rounded down: a change to
the reader that reads fewer fields right fails here. ``bench/directive_corpus_bench.py`` prints the
detail per field and per document.
"""

from __future__ import annotations

import pytest

from tochuc.directives.tests.corpus.score import FIELDS, documents, score_corpus, sidecar

FLOOR = 0.95
# Per field, for the fields every document holds (measured, rounded down).
FIELD_FLOORS = {
    "doc_type": 0.97,
    "number_symbol": 0.94,
    "date": 0.97,
    "place": 0.97,
    "issuer": 0.94,
    "title": 0.96,
}
# The tail and the task list: fewer documents hold them, so each miss weighs more.
TAIL_FLOORS = {"recipients": 1.0, "tasks": 1.0, "task_text": 1.0, "signer_name": 0.75}


def test_the_corpus_has_thirty_documents_with_source_and_expectations() -> None:
    paths = documents()
    assert len(paths) >= 40
    for path in paths:
        meta = sidecar(path)
        assert meta["source"].startswith(("http://", "https://")), path.name
        assert meta["expected"], path.name
        assert set(meta["expected"]) <= set(FIELDS), path.name
        assert meta["noise"] in {"clean", "layout", "ocr"}, path.name


def test_the_share_of_fields_read_right_does_not_fall() -> None:
    result = score_corpus()
    assert result.share >= FLOOR, f"{result.right}/{result.total}"


@pytest.mark.parametrize("field", sorted(FIELD_FLOORS))
def test_the_share_of_each_field_does_not_fall(field: str) -> None:
    right, total = score_corpus().per_field()[field]
    assert right / total >= FIELD_FLOORS[field], f"{right}/{total}"


@pytest.mark.parametrize("field", sorted(TAIL_FLOORS))
def test_the_share_of_tail_and_task_fields_does_not_fall(field: str) -> None:
    right, total = score_corpus().per_field()[field]
    assert right / total >= TAIL_FLOORS[field], f"{right}/{total}"


def test_the_corpus_reaches_the_commune() -> None:
    issuers = [sidecar(path)["expected"].get("issuer", "") for path in documents()]
    assert sum(" xã " in f" {issuer} " for issuer in issuers) >= 2
