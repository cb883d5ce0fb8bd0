"""tochuc's own error pages, never Django's debug page, also in the demo that ``make run`` serves."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tochuc.conftest import login

pytestmark = pytest.mark.django_db


def test_not_found_is_the_app_page(tree, leader):
    response = login(leader).get("/khong-co-trang-nay/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "<title>Không tìm thấy · tochuc</title>" in page
    assert 'href="/">Về trang chủ</a>' in page
    assert "Traceback" not in page


@override_settings(ROOT_URLCONF="tochuc.home.tests.error_urls")
def test_a_server_error_is_the_app_page():
    response = Client(raise_request_exception=False).get("/fails/")
    page = response.content.decode()
    assert response.status_code == 500
    assert 'data-testid="server-error"' in page
    assert "không có thay đổi nào được ghi" in page
    assert "RuntimeError" not in page and "a bug" not in page


def test_make_run_serves_the_demo_without_debug_and_with_its_static_files():
    recipe = subprocess.run(
        ["make", "-n", "run"], cwd=Path(settings.BASE_DIR), capture_output=True, text=True, check=True
    ).stdout
    server = next(line for line in recipe.splitlines() if "runserver" in line)
    assert "runserver --insecure" in server
    assert "DEBUG=1" not in recipe
