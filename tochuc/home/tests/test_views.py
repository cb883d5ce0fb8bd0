"""The home page of each role: what waits for the user, and the overview of their scope."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tochuc.conftest import login, make_user
from tochuc.directives.tests.task_factory import make_task
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Rating, Stage
from tochuc.people.models import ImportJob, ImportJobStatus
from tochuc.personnel.models import Procedure, ProcedureStatus
from tochuc.positions.models import Title
from tochuc.reports.tests.conftest import add_person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _cycle(unit, code="DG2025", year=2025, status="open"):
    return EvaluationCycle.objects.create(
        code=code, name=f"Đánh giá năm {year}", unit=unit, year=year, pack="qd366-2025", status=status
    )


def _collective(cycle, unit, stage, rating=""):
    return Evaluation.objects.create(
        cycle=cycle,
        unit=unit,
        subject_kind="collective",
        frame="collective",
        stage=stage,
        final_rating=rating,
    )


def _procedure(unit, person, status):
    title = Title.objects.first() or Title.objects.create(name="Phó Bí thư")
    return Procedure.objects.create(
        kind="appointment",
        unit=unit,
        title=title,
        candidate=person,
        pack="qd80-2023",
        file_received_on=TODAY,
        status=status,
    )


def test_anonymous_goes_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_signing_in_lands_on_home(client, inside):
    response = client.post(reverse("accounts:login"), {"username": "inside", "password": "tochuc-test-pass"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_leader_sees_the_decisions_waiting_and_the_overdue_tasks_of_the_commune(tree, leader):
    cycle = _cycle(tree.province)
    _collective(cycle, tree.cell, Stage.APPRAISAL)
    _collective(cycle, tree.grassroots, Stage.APPRAISAL)
    _collective(cycle, tree.commune2, Stage.APPRAISAL)  # another commune: not the leader's
    make_task(tree.grassroots, tree.commune, no="2.1", deadline=TODAY - dt.timedelta(days=3))
    make_task(tree.commune2, tree.province, no="9", deadline=TODAY - dt.timedelta(days=3))
    person = add_person(tree.commune, birth=dt.date(1980, 1, 1))
    _procedure(tree.commune, person, ProcedureStatus.PASSED)

    response = login(leader).get("/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "Việc đang chờ tôi" in page
    assert "2</strong>" in page and "đánh giá chờ quyết định xếp loại" in page
    assert "quy trình đã qua các bước, chờ quyết định" in page
    waiting_tasks = page.split('data-testid="waiting-tasks"')[1].split("</li>")[0]
    assert "2.1" in waiting_tasks and "Quá hạn" in waiting_tasks
    assert "Đảng bộ xã Đức Thọ" not in page
    # The overview of the leader's commune, each figure linking to the page behind it.
    assert "Tổng quan phạm vi" in page
    assert "/people/?unit=T01-X01" in page
    assert "/directives/dashboard/?unit=T01-X01" in page
    assert "/personnel/procedures/?unit=T01-X01" in page


def test_specialist_sees_the_steps_they_take_not_the_decisions(tree, inside):
    cycle = _cycle(tree.province)
    _collective(cycle, tree.cell, Stage.SELF_REVIEW)
    _collective(cycle, tree.grassroots, Stage.COMMENTS)
    _collective(cycle, tree.commune, Stage.APPRAISAL)
    person = add_person(tree.commune, birth=dt.date(1980, 1, 1))
    _procedure(tree.commune, person, ProcedureStatus.OPEN)

    page = login(inside).get("/").content.decode()

    assert "đánh giá chờ lấy ý kiến tập thể" in page
    assert "đánh giá chờ thẩm định, đề xuất" in page
    assert "đánh giá chờ quyết định xếp loại" not in page
    assert "ghi kết quả hội nghị tiếp theo" in page
    assert reverse("evaluations:cycle", args=["DG2025"]) + "?unfinished=on" in page


def test_finished_imports_are_listed_for_their_owner_only(tree, inside, outside):
    job = ImportJob.objects.create(
        created_by=inside, file_name="dang-vien.xlsx", status=ImportJobStatus.DONE, finished_at=timezone.now()
    )
    page = login(inside).get("/").content.decode()
    assert "dang-vien.xlsx" in page and reverse("people:import_job", args=[job.pk]) in page
    assert "dang-vien.xlsx" not in login(outside).get("/").content.decode()


def test_overview_draws_the_ratings_of_the_last_cycle_and_the_members(tree, inside):
    _cycle(tree.province, code="DG2024", year=2024, status="closed")
    last = _cycle(tree.province, code="DG2025", year=2025, status="closed")
    _collective(last, tree.commune, Stage.DECIDED, Rating.EXCELLENT)
    _collective(last, tree.commune2, Stage.DECIDED, Rating.GOOD)
    add_person(tree.cell, birth=dt.date(1980, 1, 1))
    add_person(tree.cell, birth=dt.date(1990, 1, 1), gender="female", status="probationary")

    page = login(inside).get("/").content.decode()

    ratings = page.split('id="h-ratings"')[1].split("</section>")[0]
    assert "Đánh giá năm 2025" in ratings and "<svg" in ratings
    assert "Hoàn thành xuất sắc nhiệm vụ" in ratings
    members = page.split('data-testid="figure-members"')[1].split("</a>")[0]
    assert '<span class="figure">2</span>' in members
    assert 'id="home-pyramid"' in page


def test_outsider_sees_nothing_of_the_other_province(tree, inside, outside):
    cycle = _cycle(tree.province)
    _collective(cycle, tree.cell, Stage.SELF_REVIEW)
    make_task(tree.commune, tree.province, no="7", deadline=TODAY - dt.timedelta(days=1))
    add_person(tree.cell, birth=dt.date(1980, 1, 1))

    page = login(outside).get("/").content.decode()

    assert "đánh giá chờ" not in page
    assert 'data-testid="waiting-tasks"' not in page
    assert 'data-testid="waiting-empty"' in page
    assert "Đảng bộ tỉnh Quảng Trị" in page
    members = page.split('data-testid="figure-members"')[1].split("</a>")[0]
    assert '<span class="figure">0</span>' in members


def test_auditor_gets_a_home_without_the_overview(tree, auditor):
    page = login(auditor).get("/").content.decode()
    assert "Việc đang chờ tôi" in page
    assert 'data-testid="overview"' not in page


def test_a_unit_outside_scope_is_not_found(tree, leader):
    assert login(leader).get("/", {"unit": "T02"}).status_code == 404


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_data(tree, inside):
    client = login(inside)
    cycle = _cycle(tree.province)
    _collective(cycle, tree.cell, Stage.SELF_REVIEW)
    make_task(tree.commune, tree.province, no="1", deadline=TODAY - dt.timedelta(days=1))
    add_person(tree.cell, birth=dt.date(1980, 1, 1))
    few = _queries(client)

    other = _cycle(tree.province, code="DG2026", year=2026)
    for unit in (tree.commune, tree.commune2, tree.grassroots):
        _collective(other, unit, Stage.COMMENTS)
    for n in range(2, 8):
        make_task(tree.commune2, tree.province, no=str(n), deadline=TODAY - dt.timedelta(days=n))
    for year in (1970, 1985, 1995):
        add_person(tree.commune2, birth=dt.date(year, 1, 1))
    ImportJob.objects.create(
        created_by=inside, file_name="a.xlsx", status=ImportJobStatus.DONE, finished_at=timezone.now()
    )
    many = _queries(client)

    # The first late tasks are read status by status until five are found: with more of them
    # overdue, the at-risk ones need no read.
    assert many <= few
    assert many <= 30, many


def test_the_unit_page_links_to_its_members_evaluations_tasks_and_procedures(tree, leader):
    page = login(leader).get(reverse("orgunits:detail", args=["T01-X01"])).content.decode()
    links = page.split('data-testid="unit-links"')[1].split("</nav>")[0]
    for url in ("people:list", "evaluations:analytics", "directives:dashboard", "personnel:procedure_list"):
        assert f"{reverse(url)}?unit=T01-X01" in links


VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def test_the_english_home_has_no_vietnamese_button_link_header_or_label(tree, leader):
    cycle = _cycle(tree.province)
    _collective(cycle, tree.grassroots, Stage.DECIDED, Rating.GOOD)
    _collective(cycle, tree.cell, Stage.APPRAISAL)
    make_task(tree.grassroots, tree.commune, no="2.1", deadline=TODAY - dt.timedelta(days=3))
    add_person(tree.cell, birth=dt.date(1980, 1, 1))
    client = login(leader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get("/").content.decode()

    nav = page.split('<nav class="sidenav"')[1].split("</nav>")[0]
    texts = re.findall(r"<(?:th|button|label)[^>]*>(.*?)</(?:th|button|label)>", page, re.S)
    texts += re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)
    words = [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in texts]
    assert "Waiting for me" in page and "Overview of the scope" in page
    assert [w for w in words if VIETNAMESE.search(w)] == []


def test_from_the_centre_the_ratings_gather_the_provinces_cycles_of_the_latest_year(tree, admin):
    first = _cycle(tree.province, code="DG2025-T01")
    second = _cycle(tree.other_province, code="DG2025-T02")
    _cycle(tree.province, code="DG2024-T01", year=2024)
    _collective(first, tree.commune, Stage.DECIDED, Rating.EXCELLENT)
    _collective(second, tree.other_commune, Stage.DECIDED, Rating.GOOD)
    _collective(second, tree.other_cell, Stage.APPRAISAL)

    page = login(admin).get("/").content.decode()

    ratings = page.split('id="h-ratings"')[1].split("</section>")[0]
    assert "Năm 2025, 2 đợt đánh giá" in ratings
    assert f"{reverse('evaluations:analytics')}?unit=TW" in ratings
    figure = page.split('data-testid="figure-ratings"')[1].split("</a>")[0]
    assert '<span class="figure">2/3</span>' in figure


def test_a_cadre_without_grants_sees_their_own_self_review(tree):
    person = add_person(tree.cell, birth=dt.date(1985, 4, 2), name="Trần Thị Bình")
    cadre = make_user("cadre")
    cadre.person = person
    cadre.save()
    cycle = _cycle(tree.province)
    own = Evaluation.objects.create(
        cycle=cycle, unit=tree.cell, person=person, subject_kind="individual", frame="non_leader"
    )
    _collective(cycle, tree.cell, Stage.APPRAISAL)

    page = login(cadre).get("/").content.decode()

    item = page.split('data-testid="waiting-self-review"')[1].split("</li>")[0]
    assert reverse("evaluations:self_review", args=[own.pk]) in item
    assert "Đánh giá năm 2025" in item
    assert "đánh giá chờ quyết định" not in page
    assert 'data-testid="overview"' not in page


def test_procedures_waiting_count_each_reach_for_its_own_step(tree):
    from tochuc.accounts.services import grant_role
    from tochuc.home.selectors import _procedures

    user = make_user("both", "specialist", tree.commune)
    grant_role(actor=None, user=user, role="leader", unit=tree.commune2)
    person = add_person(tree.commune, birth=dt.date(1980, 1, 1))
    for unit, status in [
        (tree.commune, ProcedureStatus.OPEN),  # recorded by the specialist
        (tree.cell, ProcedureStatus.OPEN),  # in the commune's subtree
        (tree.commune, ProcedureStatus.PASSED),  # the specialist does not decide
        (tree.commune2, ProcedureStatus.PASSED),  # decided by the leader
        (tree.commune2, ProcedureStatus.OPEN),  # the leader does not record
        (tree.other_commune, ProcedureStatus.OPEN),  # outside
        (tree.other_commune, ProcedureStatus.PASSED),  # outside
    ]:
        _procedure(unit, person, status)
    assert _procedures(user) == (2, 1)


def test_the_home_page_reads_the_scope_from_the_grants(tree, inside):
    client = login(inside)
    make_task(tree.commune, tree.province, no="1", deadline=TODAY - dt.timedelta(days=1))
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()
    # The header's scope and the overview's units are those of the grants: no read of their own.
    units_read = [q["sql"] for q in captured.captured_queries if 'FROM "orgunits_orgunit" WHERE' in q["sql"]]
    assert units_read == []
    assert len(captured) <= 19
    assert "Phạm vi: Đảng bộ tỉnh Hà Tĩnh" in " ".join(page.split())
    assert "Tổng quan phạm vi" in page
