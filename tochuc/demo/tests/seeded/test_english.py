"""In English, the main pages of every role show no Vietnamese in their buttons, menu links, table
headers and form labels (names of people and units, which are data, aside)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from tochuc.accounts.models import User

pytestmark = pytest.mark.django_db

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
LABELS = re.compile(r"<(th|button|label|legend|summary)\b[^>]*>(.*?)</\1>", re.S)
PAGES = (
    "/",
    "/units/",
    "/people/",
    "/positions/",
    "/evaluations/",
    "/evaluations/cycles/DG2025-T01/",
    "/directives/",
    "/directives/dashboard/",
    "/directives/on-time/",
    "/personnel/planning/",
    "/personnel/procedures/",
    "/personnel/rotations/",
    "/personnel/votes/",
    "/personnel/transparency/",
    "/reports/structure/",
)


def _data_words(page: str) -> set[str]:
    """Names shown as data: people and units in links to their pages, and option texts."""
    names = re.findall(r'<a [^>]*href="/(?:people|units)/[^"]*"[^>]*>(.*?)</a>', page, re.S)
    names += re.findall(r"<option[^>]*>(.*?)</option>", page, re.S)
    return {" ".join(re.sub(r"<[^>]+>", " ", n).split()) for n in names}


def _texts(page: str) -> list[str]:
    nav = page.split('<nav class="sidenav"')[1].split("</nav>")[0] if '<nav class="sidenav"' in page else ""
    found = [body for _tag, body in LABELS.findall(page)]
    found += re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)
    data = _data_words(page)
    words = [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in found]
    return [w for w in words if w and w not in data]


@pytest.mark.parametrize("username", ["demo.tw", "demo.tinh", "demo.xa", "demo.kiemtra"])
def test_the_english_pages_have_no_vietnamese_button_menu_header_or_label(demo_data: str, username: str) -> None:
    client = Client()
    client.force_login(User.objects.get(username=username))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    found: dict[str, list[str]] = {}
    for path in PAGES:
        response = client.get(path)
        if response.status_code != 200:
            continue
        vietnamese = [w for w in _texts(response.content.decode()) if VIETNAMESE.search(w)]
        if vietnamese:
            found[path] = sorted(set(vietnamese))[:12]
    assert found == {}
