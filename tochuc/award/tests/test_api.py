from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.test import Client

from tochuc.accounts.models import User
from tochuc.accounts.services import api_token_create
from tochuc.award import judging, services
from tochuc.award.models import AwardRound, AwardScore, Panel
from tochuc.conftest import Tree, make_user

pytestmark = pytest.mark.django_db

API = "/api/v1/award"
_names = itertools.count()


def bearer(user: User) -> Client:
    _, key = api_token_create(actor=None, user=user, name=f"test-{next(_names)}")
    return Client(headers={"Authorization": f"Bearer {key}"})


ENTRY = {
    "title": "Người bí thư chi bộ",
    "authors": [{"full_name": "Đặng Thu"}],
    "outlet": "Đài Tiếng nói Việt Nam",
    "form": "radio",
    "published_on": "2025-06-01",
    "topic": "organization",
}


def test_open_a_round_record_entries_and_read_them(tree: Tree, admin: User) -> None:
    client = bearer(admin)
    response = client.post(
        f"{API}/rounds", {"organizer": "TW", "year": 2025}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["window_start"] == "2024-11-01" and body["window_end"] == "2025-10-31"
    rid = body["id"]
    ok = client.post(f"{API}/rounds/{rid}/entries", ENTRY, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["eligible"] is True
    again = client.post(
        f"{API}/rounds/{rid}/entries", {**ENTRY, "title": "Bài thứ hai"}, content_type="application/json"
    )
    assert again.status_code == 201
    assert (
        again.json()["eligible"] is False and "Đặng Thu đã có 1 tác phẩm" in again.json()["ineligible_reason"]
    )
    listed = client.get(f"{API}/rounds/{rid}/entries").json()
    assert [e["number"] for e in listed] == [1, 2]
    assert client.get(f"{API}/rounds").json()[0]["year"] == 2025
    taken = client.post(f"{API}/rounds", {"organizer": "TW", "year": 2025}, content_type="application/json")
    assert taken.status_code == 409 and taken.json()["code"] == "award.year_taken"
    bad = client.post(
        f"{API}/rounds/{rid}/entries", {**ENTRY, "authors": []}, content_type="application/json"
    )
    assert bad.status_code == 422 and bad.json()["field"] == "authors"


def test_outside_and_anonymous(tree: Tree, admin: User, inside: User, outside: User, client: Client) -> None:
    award_round = services.round_open(actor=admin, organizer=tree.centre, year=2025)
    for user in (inside, outside):
        api = bearer(user)
        assert (
            api.post(
                f"{API}/rounds", {"organizer": "TW", "year": 2026}, content_type="application/json"
            ).status_code
            == 404
        )
        assert api.get(f"{API}/rounds/{award_round.pk}").status_code == 404
        assert (
            api.post(
                f"{API}/rounds/{award_round.pk}/entries", ENTRY, content_type="application/json"
            ).status_code
            == 404
        )
        assert api.get(f"{API}/rounds").json() == []
    assert client.get(f"{API}/rounds").status_code == 401
    assert client.get(f"{API}/rounds/{award_round.pk}/entries").status_code == 401


def test_a_juror_reads_and_scores_only_assigned_entries(tree: Tree, admin: User) -> None:
    award_round: AwardRound = services.round_open(actor=admin, organizer=tree.centre, year=2025)
    mine = services.entry_record(
        actor=admin, award_round=award_round, title="Của đài tôi", outlet="Đài Truyền hình Việt Nam", form="television",
        published_on=dt.date(2025, 1, 1), topic="ethics", authors=[services.AuthorInput("Vũ Bảo")],
    )  # fmt: skip
    other = services.entry_record(
        actor=admin, award_round=award_round, title="Của báo khác", outlet="Báo Lao Động", form="print",
        published_on=dt.date(2025, 1, 2), topic="ethics", authors=[services.AuthorInput("Lý Hà")],
    )  # fmt: skip
    user = make_user("vtv")
    services.juror_add(
        actor=admin,
        award_round=award_round,
        panel=Panel.PRELIMINARY,
        user=user,
        outlet="Đài Truyền hình Việt Nam",
    )
    judging.preliminary_start(actor=admin, award_round=award_round)
    api = bearer(user)
    listed = api.get(f"{API}/rounds/{award_round.pk}/entries").json()
    assert [e["id"] for e in listed] == [other.pk]
    assert listed[0]["preliminary_average"] is None
    refused = api.post(
        f"{API}/rounds/{award_round.pk}/scores",
        {"entry": mine.pk, "score": 90},
        content_type="application/json",
    )
    assert refused.status_code == 404
    out_of_range = api.post(
        f"{API}/rounds/{award_round.pk}/scores",
        {"entry": other.pk, "score": 120},
        content_type="application/json",
    )
    assert out_of_range.status_code == 422 and out_of_range.json()["code"] == "award.score_out_of_range"
    ok = api.post(
        f"{API}/rounds/{award_round.pk}/scores",
        {"entry": other.pk, "score": 77.5},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["panel"] == "preliminary"
    assert AwardScore.objects.get(entry=other).score == 77.5
    assert (
        bearer(admin)
        .post(
            f"{API}/rounds/{award_round.pk}/scores",
            {"entry": other.pk, "score": 50},
            content_type="application/json",
        )
        .status_code
        == 404
    )


def test_a_link_that_is_not_web_is_refused(tree: Tree, admin: User) -> None:
    award_round = services.round_open(actor=admin, organizer=tree.centre, year=2025)
    response = bearer(admin).post(
        f"{API}/rounds/{award_round.pk}/entries",
        {**ENTRY, "link": "javascript:alert(1)"},
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["field"] == "link"
