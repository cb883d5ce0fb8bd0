"""In English, the main pages of every role show no Vietnamese in their buttons, menu links, table
headers and form labels (names of people and units, which are data, aside)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from tochuc.accounts.models import User
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.personnel.models import PlanningCycle, Procedure
from tochuc.positions.models import Title

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


def _data() -> set[str]:
    """What the pages show as data, whatever the language: names of units, people, titles, ethnic groups."""
    names: set[str] = set()
    for unit in OrgUnit.objects.all():
        names |= {unit.name, unit.short_name, unit.name.removeprefix("Đảng bộ tỉnh ").strip()}
    names |= set(Person.objects.values_list("full_name", flat=True))
    names |= set(Person.objects.values_list("ethnicity", flat=True))
    names |= set(Title.objects.values_list("name", flat=True))
    return {n for n in names if n}


def _texts(page: str, data: set[str]) -> list[str]:
    nav = page.split('<nav class="sidenav"')[1].split("</nav>")[0] if '<nav class="sidenav"' in page else ""
    found = [body for _tag, body in LABELS.findall(page)]
    found += re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)
    found = [re.sub(r"<option[^>]*>.*?</option>", " ", text, flags=re.S) for text in found]
    words = [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in found]
    # A label may carry a name ("Hà Tĩnh (own lead)"): the name is data, the rest must be English.
    return [w for w in (_without(word, data) for word in words) if w]


def _without(text: str, data: set[str]) -> str:
    if text in data:
        return ""
    for name in sorted((n for n in data if len(n) > 3 and n in text), key=len, reverse=True):
        text = text.replace(name, " ")
    return text.strip(" ()—-:,")


@pytest.mark.parametrize("username", ["demo.tw", "demo.tinh", "demo.xa", "demo.kiemtra"])
def test_the_english_pages_have_no_vietnamese_button_menu_header_or_label(
    demo_data: str, username: str
) -> None:
    client = Client()
    client.force_login(User.objects.get(username=username))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    found: dict[str, list[str]] = {}
    data = _data()
    procedure = Procedure.objects.order_by("pk").first()
    planning = PlanningCycle.objects.order_by("pk").first()
    pages = list(PAGES)
    if procedure is not None and planning is not None:
        pages += [f"/personnel/procedures/{procedure.pk}/", f"/personnel/planning/{planning.pk}/"]
    for path in pages:
        response = client.get(path)
        if response.status_code != 200:
            continue
        vietnamese = [w for w in _texts(response.content.decode(), data) if VIETNAMESE.search(w)]
        if vietnamese:
            found[path] = sorted(set(vietnamese))[:12]
    assert found == {}
