"""The pages with the named cast: the organizer (the cast's admin, on the Centre), the province's
specialist (``inside``), the other province's (``outside``), a juror, and the anonymous."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tochuc.accounts.models import User
from tochuc.audit.models import AuditEvent
from tochuc.award import judging, services
from tochuc.award.models import AwardEntry, AwardRound, AwardScore, Panel, RoundStatus
from tochuc.conftest import Tree, login, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_by_admin(tree: Tree, admin: User) -> AwardRound:
    return services.round_open(actor=admin, organizer=tree.centre, year=2025)


def _entry(award_round: AwardRound, actor: User, title: str, author: str, outlet: str) -> AwardEntry:
    return services.entry_record(
        actor=actor,
        award_round=award_round,
        title=title,
        outlet=outlet,
        form="online",
        published_on=dt.date(2025, 5, 19),
        topic="organization",
        authors=[services.AuthorInput(author)],
    )


def test_the_organizer_opens_a_round_and_records_entries(tree: Tree, admin: User) -> None:
    client = login(admin)
    assert client.get("/award/new/").status_code == 200
    response = client.post(
        "/award/new/",
        {
            "organizer": "TW",
            "year": "2026",
            "name": "",
            "pack": "blv-2021",
            "window_start": "",
            "window_end": "",
        },
    )
    award_round = AwardRound.objects.get(year=2026)
    assert response.status_code == 302 and response["Location"] == f"/award/{award_round.pk}/"
    assert award_round.window_start == dt.date(2025, 11, 1)
    response = client.post(
        f"/award/{award_round.pk}/entries/new/",
        {
            "title": "Đăng quá hạn",
            "authors": "Lê Văn Tám\nNguyễn Thị Hai",
            "outlet": "Báo Hà Tĩnh",
            "form": "print",
            "published_on": "01/11/2026",
            "topic": "politics",
            "link": "https://baohatinh.vn/bai",
        },
        follow=True,
    )
    entry = AwardEntry.objects.get(round=award_round)
    assert not entry.eligible and entry.author_names == "Lê Văn Tám, Nguyễn Thị Hai"
    assert "ngoài thời gian xét giải" in response.content.decode()
    page = client.get(f"/award/{award_round.pk}/").content.decode()
    assert "Đăng quá hạn" in page and "Không đủ" in page


def test_a_province_specialist_may_not_organize(tree: Tree, inside: User, round_by_admin: AwardRound) -> None:
    client = login(inside)
    assert client.get("/award/new/").status_code == 404
    assert client.post("/award/new/", {"organizer": "T01", "year": "2027"}).status_code == 404
    for url in ("", "entries/new/", "jurors/new/", "sheet/", "results/", "entries.xlsx", "results.docx"):
        assert client.get(f"/award/{round_by_admin.pk}/{url}").status_code == 404, url
    assert client.post(f"/award/{round_by_admin.pk}/step/", {"step": "preliminary"}).status_code == 404
    assert round_by_admin.name not in client.get("/award/").content.decode()


def test_the_anonymous_goes_to_sign_in(client: Client, round_by_admin: AwardRound) -> None:
    for url in ("/award/", f"/award/{round_by_admin.pk}/", f"/award/{round_by_admin.pk}/results/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_juror_sees_only_the_sheet_without_the_excluded_entries(
    tree: Tree, admin: User, round_by_admin: AwardRound
) -> None:
    mine = _entry(round_by_admin, admin, "Bài của báo tôi", "Phan Văn Một", "Báo Quân đội nhân dân")
    other = _entry(round_by_admin, admin, "Bài của báo khác", "Phan Văn Hai", "Báo Thanh Niên")
    juror_user = make_user("giamkhao")
    services.juror_add(
        actor=admin,
        award_round=round_by_admin,
        panel=Panel.PRELIMINARY,
        user=juror_user,
        outlet="Báo Quân đội Nhân dân",
    )
    judging.preliminary_start(actor=admin, award_round=round_by_admin)
    client = login(juror_user)
    response = client.get(f"/award/{round_by_admin.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/award/{round_by_admin.pk}/sheet/"
    page = client.get(f"/award/{round_by_admin.pk}/sheet/").content.decode()
    assert other.title in page and mine.title not in page
    assert (
        client.post(f"/award/{round_by_admin.pk}/entries/{mine.pk}/score/", {"score": "90"}).status_code
        == 404
    )
    response = client.post(f"/award/{round_by_admin.pk}/entries/{other.pk}/score/", {"score": "85,5"})
    assert response.status_code == 302
    assert AwardScore.objects.get(entry=other).score == 85.5
    for url in ("entries/new/", "jurors/new/", "entries.xlsx"):
        assert client.get(f"/award/{round_by_admin.pk}/{url}").status_code == 404, url
    # The organizer sees the exclusion and its reason.
    organizer_page = login(admin).get(f"/award/{round_by_admin.pk}/").content.decode()
    assert "cơ quan báo chí nơi giám khảo công tác" in organizer_page


def test_published_results_are_read_by_every_signed_in_user(
    tree: Tree, admin: User, inside: User, outside: User, round_by_admin: AwardRound, client: Client
) -> None:
    entry = _entry(round_by_admin, admin, "Chi bộ bốn tốt", "Trần Hạnh", "Báo Nghệ An")
    p, f = make_user("p"), make_user("f")
    services.juror_add(actor=admin, award_round=round_by_admin, panel=Panel.PRELIMINARY, user=p)
    services.juror_add(actor=admin, award_round=round_by_admin, panel=Panel.FINAL, user=f)
    judging.preliminary_start(actor=admin, award_round=round_by_admin)
    judging.score_record(actor=p, entry=entry, score=92)
    judging.final_start(actor=admin, award_round=round_by_admin)
    judging.score_record(actor=f, entry=entry, score=94)
    assert login(inside).get(f"/award/{round_by_admin.pk}/results/").status_code == 404
    assert client.get("/giai-bua-liem-vang/2025/").status_code == 404
    response = login(admin).post(
        f"/award/{round_by_admin.pk}/step/",
        {"step": "published", "decision_number": "25-QĐ/TW", "published_on": "03/02/2026"},
    )
    assert response.status_code == 302
    round_by_admin.refresh_from_db()
    assert round_by_admin.status == RoundStatus.PUBLISHED
    for user in (inside, outside):
        page = login(user).get(f"/award/{round_by_admin.pk}/results/").content.decode()
        assert "Chi bộ bốn tốt" in page and "Giải Đặc biệt" in page
        assert login(user).get(f"/award/{round_by_admin.pk}/").status_code == 404
    public = client.get("/giai-bua-liem-vang/2025/").content.decode()
    assert "Chi bộ bốn tốt" in public and "25-QĐ/TW" in public
    assert client.get("/giai-bua-liem-vang/2024/").status_code == 404
    before = AuditEvent.objects.filter(action="award.results_docx").count()
    docx = login(inside).get(f"/award/{round_by_admin.pk}/results.docx")
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action="award.results_docx").count() == before + 1
    xlsx = login(admin).get(f"/award/{round_by_admin.pk}/entries.xlsx")
    assert xlsx.status_code == 200
    assert login(inside).get(f"/award/{round_by_admin.pk}/entries.xlsx").status_code == 404


def test_the_archive_is_read_only(tree: Tree, admin: User, round_by_admin: AwardRound) -> None:
    round_by_admin.status = RoundStatus.PUBLISHED
    round_by_admin.save()
    client = login(admin)
    client.post(f"/award/{round_by_admin.pk}/step/", {"step": "closed"})
    round_by_admin.refresh_from_db()
    assert round_by_admin.status == RoundStatus.CLOSED
    before = AwardEntry.objects.count()
    response = client.post(
        f"/award/{round_by_admin.pk}/entries/new/",
        {
            "title": "Muộn",
            "authors": "A",
            "outlet": "B",
            "form": "print",
            "published_on": "01/03/2025",
            "topic": "ethics",
        },
    )
    assert response.status_code == 200 and "chỉ được xem" in response.content.decode()
    assert AwardEntry.objects.count() == before


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_a_scan_is_kept_with_the_entry_and_read_in_scope(
    tree: Tree, admin: User, inside: User, round_by_admin: AwardRound
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(admin)
    client.post(
        f"/award/{round_by_admin.pk}/entries/new/",
        {
            "title": "Ảnh đảng viên trẻ",
            "authors": "Đỗ Mạnh Hùng",
            "outlet": "Báo Quân đội nhân dân",
            "form": "photo",
            "published_on": "10/07/2025",
            "topic": "organization",
            "scan": SimpleUploadedFile("anh.png", PNG, content_type="image/png"),
        },
    )
    entry = AwardEntry.objects.get(round=round_by_admin)
    assert entry.scan_name == "anh.png"
    url = f"/award/{round_by_admin.pk}/entries/{entry.pk}/scan/"
    response = client.get(url)
    assert response.status_code == 200 and response.content == PNG
    assert login(inside).get(url).status_code == 404
    refused = client.post(
        f"/award/{round_by_admin.pk}/entries/new/",
        {
            "title": "Tệp lạ",
            "authors": "Ai Đó",
            "outlet": "Báo X",
            "form": "print",
            "published_on": "10/07/2025",
            "topic": "organization",
            "scan": SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream"),
        },
    )
    assert refused.status_code == 200 and "không thuộc loại được nhận" in refused.content.decode()
    assert AwardEntry.objects.filter(round=round_by_admin).count() == 1
