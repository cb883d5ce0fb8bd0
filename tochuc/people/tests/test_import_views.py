"""The import pages with the named cast: who may import where, and whose jobs are whose."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tochuc.conftest import login
from tochuc.people.models import ImportJob, Person
from tochuc.people.tests.import_helpers import member, write_book
from tochuc.people.tests.test_import_service import counts

pytestmark = pytest.mark.django_db

URL = "/people/import/"


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def upload(client, tmp_path, rows, name="danh-sach.xlsx", **data):
    content = write_book(tmp_path / name, rows).read_bytes()
    return client.post(URL, {"file": SimpleUploadedFile(name, content), **data})


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_people_who_may_edit_see_the_page(tree, leader, auditor, inside):
    assert login(leader).get(URL).status_code == 404
    assert login(auditor).get(URL).status_code == 404
    assert login(leader).get(URL + "template.xlsx").status_code == 404
    page = login(inside).get(URL)
    assert page.status_code == 200
    assert "Tải mẫu Excel" in page.content.decode()
    assert "Bạn chưa nhập tệp nào" in page.content.decode()


def test_template_download(tree, inside):
    response = login(inside).get(URL + "template.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mau-nhap-dang-vien.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert [s.title for s in workbook.worksheets] == ["Đảng viên", "Hướng dẫn"]


def test_inside_imports_into_their_province(tree, inside, tmp_path, var_dir):
    client = login(inside)
    response = upload(client, tmp_path, [member(), member(Họ_và_tên="Lê Thị Cúc", Số_CCCD=None)])
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/people/import/{job.pk}/"
    assert job.status == "done" and (job.created_count, job.updated_count, job.unchanged_count) == (2, 0, 0)
    assert Person.objects.filter(unit=tree.cell).count() == 2
    # The uploaded file is gone once the job is over.
    assert job.stored_path == "" and not any((var_dir / "imports").iterdir())
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập 2 dòng." in page and "Hoàn thành" in page
    listing = client.get(URL).content.decode()
    assert "danh-sach.xlsx" in listing


def test_outside_rows_in_the_first_province_fail_as_unknown_units(tree, outside, tmp_path):
    client = login(outside)
    before = counts()
    response = upload(client, tmp_path, [member()])
    job = ImportJob.objects.get()
    assert job.status == "rejected" and job.error_count == 1
    assert counts() == before
    page = client.get(response["Location"]).content.decode()
    assert "Có 1 lỗi; không dòng nào được nhập." in page
    assert "Không có đơn vị mã «T01-X01-CS1-CB1» trong phạm vi của bạn." in page


def test_errors_are_paginated(tree, inside, tmp_path):
    rows = [member(Họ_và_tên=f"Nguyễn Văn A{'n' * i}", Ngày_sinh="sai", Số_CCCD=None) for i in range(60)]
    client = login(inside)
    location = upload(client, tmp_path, rows)["Location"]
    first = client.get(location).content.decode()
    assert "Có 60 lỗi" in first and "Trang 1/2" in first
    assert first.count("không phải là ngày") == 50
    second = client.get(location + "?page=2").content.decode()
    assert second.count("không phải là ngày") == 10 and "Trang 2/2" in second


def test_dry_run_checks_but_writes_nothing(tree, inside, tmp_path):
    client = login(inside)
    location = upload(client, tmp_path, [member()], dry_run="on")["Location"]
    assert Person.objects.count() == 0
    assert (
        "Tệp hợp lệ: 1 dòng có thể nhập. Chưa ghi gì vì chỉ kiểm tra."
        in client.get(location).content.decode()
    )


def test_a_job_is_seen_only_by_its_creator(tree, inside, outside, admin, tmp_path):
    location = upload(login(inside), tmp_path, [member()])["Location"]
    for other in (outside, admin):
        assert login(other).get(location).status_code == 404
        assert login(other).get(location + "status/").status_code == 404
        assert "danh-sach.xlsx" not in login(other).get(URL).content.decode()


def test_status_partial_polls_while_running_and_reloads_when_done(tree, inside):
    client = login(inside)
    job = ImportJob.objects.create(
        created_by=inside, file_name="a.xlsx", status="checking", rows_total=10, rows_checked=4
    )
    running = client.get(f"/people/import/{job.pk}/status/", HTTP_HX_REQUEST="true")
    body = running.content.decode()
    assert 'hx-trigger="every 1s"' in body and "Đã kiểm tra 4 / 10 dòng." in body
    assert "HX-Refresh" not in running
    ImportJob.objects.filter(pk=job.pk).update(status="done", created_count=10)
    done = client.get(f"/people/import/{job.pk}/status/", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true" and "every 1s" not in done.content.decode()


def test_upload_size_limit(tree, inside, tmp_path, settings):
    settings.TOCHUC_IMPORT_MAX_BYTES = 1024 * 1024
    client = login(inside)
    response = client.post(URL, {"file": SimpleUploadedFile("to.xlsx", b"x" * (1024 * 1024 + 1))})
    assert response.status_code == 200
    assert "Tệp lớn hơn 1 MB" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_a_csv_upload_is_rejected_with_a_clear_message(tree, inside, tmp_path):
    client = login(inside)
    response = client.post(URL, {"file": SimpleUploadedFile("ds.xlsx", b"a,b\n1,2\n")})
    assert response.status_code == 200  # refused on the page itself, before any job exists
    assert "Tệp không phải là bảng tính Excel .xlsx" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("kind", ["shared strings", "entries"])
def test_a_bomb_upload_is_refused_fast_and_nothing_is_written(tree, inside, var_dir, kind):
    from tochuc.audit.models import AuditEvent
    from tochuc.core.tests.bombs import crowded, xlsx_bomb

    content = xlsx_bomb() if kind == "shared strings" else crowded("xlsx")
    client = login(inside)
    assert client.get(URL).status_code == 200  # the page itself, before the clock starts
    before, events = counts(), AuditEvent.objects.count()
    started = time.monotonic()
    response = client.post(URL, {"file": SimpleUploadedFile("bom.xlsx", content)})
    assert time.monotonic() - started < 1
    page = response.content.decode()
    assert response.status_code == 200
    assert "bom nén" in page or "quá nhiều đối với một bảng tính" in page
    assert ImportJob.objects.count() == 0 and not any(var_dir.glob("imports/*/*"))
    assert counts() == before and AuditEvent.objects.count() == events
