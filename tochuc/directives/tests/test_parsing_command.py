"""``manage.py directive_parse``: one JSON object on stdout, exit 1 for an unreadable file."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

DOCUMENTS = Path(__file__).parent / "documents"
pytestmark = pytest.mark.django_db


def test_prints_one_json_object_with_real_characters() -> None:
    out = StringIO()
    call_command("directive_parse", str(DOCUMENTS / "07-cv-tu-spaced.txt"), stdout=out)
    raw = out.getvalue()
    assert "Quảng Nam" in raw  # ensure_ascii=False
    data = json.loads(raw)
    assert data["number_symbol"] == "132-CV/TU"
    assert raw.startswith("{\n  ")  # indent 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "Không đọc được tệp"),
        ("image.png", b"\x89PNG", "Không nhận dạng được ảnh"),
        ("broken.pdf", b"%PDF-1.4 rubbish", "Không đọc được tệp PDF"),
    ],
)
def test_unreadable_file_exits_1_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SystemExit) as exited:
        call_command("directive_parse", str(path))
    assert exited.value.code == 1
    assert message in capsys.readouterr().err
