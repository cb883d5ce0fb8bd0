"""A file that leaves tochuc is one audit event, with its rows and what tells it apart."""

from __future__ import annotations

import pytest

from tochuc.audit.chain import verify_chain
from tochuc.audit.exports import export_record
from tochuc.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_export_is_one_event_in_the_chain(tree, inside):
    event = export_record(
        actor=inside,
        kind="person.export",
        target=tree.commune,
        unit_path=tree.commune.path,
        rows=3,
        details={"filters": {"q": "an"}},
        label="Danh sách đảng viên",
    )
    stored = AuditEvent.objects.get(action="person.export")
    assert stored.pk == event.pk and stored.actor_id == inside.pk
    assert stored.summary == {"filters": {"q": "an"}, "rows": 3}
    assert stored.object_label == "Danh sách đảng viên" and stored.unit_path == tree.commune.path
    assert verify_chain().ok


def test_a_download_without_rows_names_only_its_details(tree, inside):
    export_record(
        actor=inside, kind="person.download_2c", target=tree.cell, unit_path="", details={"code": "P1"}
    )
    assert AuditEvent.objects.get(action="person.download_2c").summary == {"code": "P1"}
