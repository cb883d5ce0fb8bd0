"""The personnel API with the named cast: scope, steps recorded through the same service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tochuc.conftest import login
from tochuc.personnel.models import ProcedureKind, StepOutcome
from tochuc.personnel.services import procedure_open


def _procedure(inside: Any, tree: Any, title: Any, person: Any) -> Any:
    return procedure_open(
        actor=inside,
        kind=ProcedureKind.APPOINTMENT,
        unit=tree.commune,
        title=title,
        candidate=person,
        file_received_on=dt.date(2026, 3, 2),
        justification="Cấp có thẩm quyền đồng ý cho phép ngoài quy hoạch.",
    )


def test_procedures_are_scoped(
    client: Any, inside: Any, outside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    procedure = _procedure(inside, tree, vice_title, make_person("Nguyễn Văn An"))
    listed = login(inside).get("/api/v1/personnel/procedures")
    assert listed.status_code == 200
    assert [row["candidate_name"] for row in listed.json()["items"]] == ["Nguyễn Văn An"]
    assert login(outside).get("/api/v1/personnel/procedures").json()["items"] == []
    assert login(outside).get(f"/api/v1/personnel/procedures/{procedure.pk}").status_code == 404
    assert client.get(f"/api/v1/personnel/procedures/{procedure.pk}").status_code == 401


def test_recording_a_step_returns_counts_and_refuses_the_impossible(
    inside: Any, outside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    procedure = _procedure(inside, tree, vice_title, make_person("Trần Thị Bích", gender="female"))
    url = f"/api/v1/personnel/procedures/{procedure.pk}/steps"
    body = {"held_on": "2026-03-03", "convened": 15, "present": 9, "votes": {"Trần Thị Bích": 9}}
    response = login(inside).post(url, body, content_type="application/json")
    assert response.status_code == 201
    assert (response.json()["quorum"], response.json()["outcome"]) == (False, StepOutcome.NO_QUORUM)
    bad = {**body, "present": 16}
    refused = login(inside).post(url, bad, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["field"] == "present"
    assert login(outside).post(url, body, content_type="application/json").status_code == 404
    detail = login(inside).get(f"/api/v1/personnel/procedures/{procedure.pk}").json()
    assert [(s["order"], s["attempt"], s["present"]) for s in detail["steps"]] == [(1, 1, 9)]
    assert detail["steps"][0]["ballots"] == [
        {"candidate_name": "Trần Thị Bích", "votes_for": 9, "elected": False}
    ]
