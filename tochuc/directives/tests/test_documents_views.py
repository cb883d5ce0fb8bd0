"""Downloading the Word documents with the named cast: inside gets the file, outside 404, anonymous login."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from tochuc.accounts.models import User
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login
from tochuc.directives.models import Directive, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def directive(tree: Tree) -> Directive:
    directive = Directive.objects.create(
        doc_type="KH",
        number="12",
        symbol="KH/TU",
        number_symbol="12-KH/TU",
        issuer="Tỉnh ủy Hà Tĩnh",
        issuer_code="TU",
        term="2025-2030",
        place="Hà Tĩnh",
        issued_on=dt.date(2026, 1, 5),
        title="rà soát, kiện toàn tổ chức cơ sở đảng",
        unit=tree.province,
    )
    Task.objects.create(
        directive=directive,
        no="1",
        text="Rà soát các chi bộ thôn",
        assigned_by=tree.province,
        lead_unit=tree.commune,
        lead_path=tree.commune.path,
        deadline=dt.date(2026, 3, 31),
    )
    return directive


def _url(name: str, directive: Directive, code: str) -> str:
    return reverse(f"directives:{name}", args=[directive.pk, code])


@pytest.mark.parametrize("name", ["plan_docx", "progress_docx"])
def test_inside_downloads_the_file_and_it_is_audited(name: str, directive: Directive, inside: User) -> None:
    response = login(inside).get(_url(name, directive, "T01-X01"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = response["Content-Disposition"]
    word = "ke-hoach" if name == "plan_docx" else "bao-cao"
    assert disposition.startswith(f"attachment; filename=\"{word}-12-kh-tu-t01-x01.docx\"; filename*=UTF-8''")
    readable = unquote(disposition.split("UTF-8''", 1)[1])
    assert readable == ("Kế hoạch" if name == "plan_docx" else "Báo cáo") + " 12-KH-TU T01-X01.docx"
    document = Document(io.BytesIO(response.content))
    header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    assert header[:2] == ["ĐẢNG BỘ TỈNH HÀ TĨNH", "ĐẢNG ỦY XÃ AN BÌNH"]
    events = AuditEvent.objects.filter(action="directive.document_export")
    assert events.count() == 1
    event = events.get()
    assert event.actor_id == inside.pk
    assert event.summary == {"kind": "plan" if name == "plan_docx" else "progress", "unit": "T01-X01"}


def test_leader_of_the_commune_may_download_its_own_plan(directive: Directive, leader: User) -> None:
    assert login(leader).get(_url("plan_docx", directive, "T01-X01")).status_code == 200


@pytest.mark.parametrize("name", ["plan_docx", "progress_docx"])
def test_outside_gets_404_and_nothing_is_audited(name: str, directive: Directive, outside: User) -> None:
    assert login(outside).get(_url(name, directive, "T01-X01")).status_code == 404
    assert login(outside).get(_url(name, directive, "T01")).status_code == 404
    assert not AuditEvent.objects.filter(action="directive.document_export").exists()


def test_a_unit_without_a_part_in_the_directive_is_404(directive: Directive, inside: User) -> None:
    assert login(inside).get(_url("plan_docx", directive, "T01-X02")).status_code == 404
    assert login(inside).get(_url("plan_docx", directive, "NOPE")).status_code == 404
    assert login(inside).get(reverse("directives:plan_docx", args=[99999, "T01"])).status_code == 404


def test_anonymous_is_sent_to_login(directive: Directive, client: Client) -> None:
    response = client.get(_url("plan_docx", directive, "T01"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_progress_period_from_the_query(directive: Directive, inside: User) -> None:
    response = login(inside).get(_url("progress_docx", directive, "T01") + "?start=2026-01-01&end=2026-03-31")
    assert response.status_code == 200
    texts = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert any("(từ ngày 01/01/2026 đến ngày 31/03/2026)" in t for t in texts)
