"""A Word file that is a decompression bomb is refused before it is read: fast, clearly, nothing kept."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tochuc.accounts.models import User
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login
from tochuc.core.tests.bombs import crowded, docx_bomb
from tochuc.directives.models import Directive
from tochuc.directives.views.intake import SESSION_KEY

BOMB = "Tệp bị từ chối: dữ liệu nén bất thường (có thể là tệp “bom nén”)."
CROWDED = "Tệp nén có 501 thành phần, quá nhiều đối với một văn bản Word."


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "message"), [("inflating", BOMB), ("crowded", CROWDED)])
def test_intake_refuses_a_bomb_in_under_a_second(inside: User, tree: Tree, kind: str, message: str) -> None:
    content = docx_bomb() if kind == "inflating" else crowded("docx")
    c = login(inside)
    assert c.get("/directives/new/").status_code == 200  # the page itself, before the clock starts
    events = AuditEvent.objects.count()
    started = time.monotonic()
    response = c.post("/directives/new/", {"file": SimpleUploadedFile("ket-luan.docx", content)})
    assert time.monotonic() - started < 1
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not c.session.get(SESSION_KEY)
    assert not Directive.objects.exists() and AuditEvent.objects.count() == events


def test_directive_parse_refuses_a_bomb_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bom.docx"
    path.write_bytes(docx_bomb())
    started = time.monotonic()
    with pytest.raises(SystemExit) as exited:
        call_command("directive_parse", str(path))
    assert time.monotonic() - started < 1
    assert exited.value.code != 0
    captured = capsys.readouterr()
    assert BOMB in captured.err and captured.out == ""
