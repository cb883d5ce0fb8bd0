"""The side navigation: the links each user may open, in their language, the current page marked.

It is built once per language and set of functions and kept; these tests check it says exactly what
the navigation template said, and that what is kept never crosses from one user or language to another.
"""

from __future__ import annotations

import itertools

import pytest
from django.conf import settings
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tochuc.conftest import login
from tochuc.core import navigation

# The navigation as base.html drew it before it was kept.
TEMPLATE_BEFORE = """{% load i18n %}<nav class="sidenav" id="sidenav" aria-label="{% translate 'Điều hướng chính' %}">
    {% with path=request.path %}
    <a href="{% url 'home' %}"{% if path == '/' %} aria-current="page"{% endif %}>{% translate "Trang chủ" %}</a>
    <h2>{% translate "Tổ chức bộ máy" %}</h2>
    <a href="{% url 'orgunits:tree' %}"{% if path == '/units/' %} aria-current="page"{% endif %}>{% translate "Cây tổ chức" %}</a>
    <a href="{% url 'orgunits:overlaps' %}"{% if 'overlaps' in path %} aria-current="page"{% endif %}>{% translate "Chức năng chồng chéo" %}</a>
    <a href="{% url 'positions:list' %}"{% if path|slice:':11' == '/positions/' and 'reports' not in path %} aria-current="page"{% endif %}>{% translate "Vị trí việc làm" %}</a>
    <h2>{% translate "Cán bộ, đảng viên" %}</h2>
    <a href="{% url 'people:list' %}"{% if path|slice:':8' == '/people/' and 'import' not in path %} aria-current="page"{% endif %}>{% translate "Hồ sơ cán bộ, đảng viên" %}</a>
    {% if nav_may_edit %}<a href="{% url 'people:import_home' %}"{% if path|slice:':15' == '/people/import/' %} aria-current="page"{% endif %}>{% translate "Nhập từ Excel" %}</a>{% endif %}
    <h2>{% translate "Đánh giá, xếp loại" %}</h2>
    <a href="{% url 'evaluations:cycle_list' %}"{% if path|slice:':13' == '/evaluations/' and 'analytics' not in path %} aria-current="page"{% endif %}>{% translate "Đợt đánh giá" %}</a>
    <a href="{% url 'evaluations:analytics' %}"{% if '/evaluations/analytics/' in path %} aria-current="page"{% endif %}>{% translate "Phân tích kết quả xếp loại" %}</a>
    <h2>{% translate "Văn bản, nhiệm vụ" %}</h2>
    <a href="{% url 'directives:list' %}"{% if path == '/directives/' or path|slice:':16' == '/directives/new/' %} aria-current="page"{% endif %}>{% translate "Văn bản chỉ đạo" %}</a>
    <a href="{% url 'directives:dashboard' %}"{% if '/directives/dashboard/' in path %} aria-current="page"{% endif %}>{% translate "Theo dõi nhiệm vụ" %}</a>
    <a href="{% url 'directives:on_time' %}"{% if '/directives/on-time/' in path %} aria-current="page"{% endif %}>{% translate "Tỷ lệ hoàn thành đúng hạn" %}</a>
    <a href="{% url 'reviews:list' %}"{% if path|slice:':9' == '/reviews/' %} aria-current="page"{% endif %}>{% translate "Sơ kết, tổng kết định kỳ" %}</a>
    <h2>{% translate "Công tác cán bộ" %}</h2>
    <a href="{% url 'personnel:planning_list' %}"{% if '/personnel/planning/' in path %} aria-current="page"{% endif %}>{% translate "Quy hoạch cán bộ" %}</a>
    <a href="{% url 'personnel:procedure_list' %}"{% if '/personnel/procedures/' in path %} aria-current="page"{% endif %}>{% translate "Bổ nhiệm, giới thiệu ứng cử" %}</a>
    <a href="{% url 'personnel:rotation_list' %}"{% if '/personnel/rotations/' in path %} aria-current="page"{% endif %}>{% translate "Luân chuyển" %}</a>
    <a href="{% url 'personnel:vote_list' %}"{% if '/personnel/votes/' in path %} aria-current="page"{% endif %}>{% translate "Lấy phiếu tín nhiệm" %}</a>
    <a href="{% url 'personnel:transparency' %}"{% if '/personnel/transparency/' in path %} aria-current="page"{% endif %}>{% translate "Công khai quy trình" %}</a>
    <a href="{% url 'rewards:badges' %}"{% if '/rewards/badges/' in path %} aria-current="page"{% endif %}>{% translate "Huy hiệu Đảng" %}</a>
    <a href="{% url 'rewards:certificates' %}"{% if '/rewards/certificates/' in path %} aria-current="page"{% endif %}>{% translate "Khen thưởng theo kết quả" %}</a>
    <a href="{% url 'rewards:disciplines' %}"{% if '/rewards/discipline/' in path %} aria-current="page"{% endif %}>{% translate "Kỷ luật đảng" %}</a>
    <a href="{% url 'training:needs' %}"{% if path|slice:':10' == '/training/' %} aria-current="page"{% endif %}>{% translate "Đào tạo, bồi dưỡng" %}</a>
    <a href="{% url 'award:rounds' %}"{% if path|slice:':7' == '/award/' %} aria-current="page"{% endif %}>{% translate "Giải Búa liềm vàng" %}</a>
    <h2>{% translate "Báo cáo, thống kê" %}</h2>
    <a href="{% url 'reports:structure' %}"{% if 'structure' in path %} aria-current="page"{% endif %}>{% translate "Cơ cấu đội ngũ" %}</a>
    <a href="{% url 'positions:reports' %}"{% if path == '/positions/reports/' %} aria-current="page"{% endif %}>{% translate "Biên chế, vị trí việc làm" %}</a>
    <h2>{% translate "Kiến nghị, phản ánh" %}</h2>
    <a href="{% url 'proposals:list' %}"{% if path|slice:':11' == '/proposals/' and 'dashboard' not in path %} aria-current="page"{% endif %}>{% translate "Kiến nghị, đề xuất" %}</a>
    <a href="{% url 'feedback:list' %}"{% if path|slice:':10' == '/feedback/' %} aria-current="page"{% endif %}>{% translate "Phản ánh của nhân dân, báo chí" %}</a>
    <a href="{% url 'proposals:dashboard' %}"{% if '/proposals/dashboard/' in path %} aria-current="page"{% endif %}>{% translate "Theo dõi trả lời" %}</a>
    <h2>{% translate "Kiểm tra, giám sát" %}</h2>
    <a href="{% url 'inspections:signals' %}"{% if '/inspections/signals/' in path %} aria-current="page"{% endif %}>{% translate "Dấu hiệu cần kiểm tra, giám sát" %}</a>
    <a href="{% url 'inspections:list' %}"{% if path|slice:':13' == '/inspections/' and 'signals' not in path %} aria-current="page"{% endif %}>{% translate "Các cuộc kiểm tra, giám sát" %}</a>
    {% if may_read_audit or may_manage_grants %}<h2>{% translate "Kiểm soát quyền lực" %}</h2>{% endif %}
    {% if may_read_audit %}<a href="{% url 'audit:list' %}"{% if path|slice:':7' == '/audit/' %} aria-current="page"{% endif %}>{% translate "Nhật ký kiểm tra" %}</a>{% endif %}
    {% if may_manage_grants %}<a href="{% url 'accounts:grants' %}"{% if 'grants' in path %} aria-current="page"{% endif %}>{% translate "Phân quyền" %}</a>{% endif %}
    <h2>{% translate "Tài khoản" %}</h2>
    <a href="{% url 'accounts:password_change' %}"{% if 'password' in path %} aria-current="page"{% endif %}>{% translate "Đổi mật khẩu" %}</a>
    <a href="{% url 'api:openapi-view' %}">{% translate "Tài liệu API" %}</a>
    {% endwith %}
  </nav>"""

PATHS = [
    "/",
    "/units/",
    "/units/T01/",
    "/units/overlaps/",
    "/positions/",
    "/positions/reports/",
    "/positions/7/",
    "/people/",
    "/people/import/",
    "/people/import/3/",
    "/evaluations/",
    "/evaluations/analytics/",
    "/evaluations/analytics/DG2025/T01/",
    "/directives/",
    "/directives/new/",
    "/directives/dashboard/",
    "/directives/on-time/",
    "/reviews/",
    "/personnel/planning/",
    "/personnel/procedures/",
    "/personnel/rotations/",
    "/personnel/votes/",
    "/personnel/transparency/",
    "/rewards/badges/",
    "/rewards/certificates/",
    "/rewards/discipline/",
    "/training/needs/",
    "/award/",
    "/reports/structure/",
    "/proposals/",
    "/proposals/dashboard/",
    "/feedback/",
    "/inspections/",
    "/inspections/signals/",
    "/audit/",
    "/accounts/grants/",
    "/accounts/password/",
    "/notifications/",
]

FUNCTIONS = [
    frozenset(chosen)
    for n in range(4)
    for chosen in itertools.combinations(
        (navigation.EDIT, navigation.READ_AUDIT, navigation.MANAGE_GRANTS), n
    )
]


@pytest.fixture(autouse=True)
def _fresh() -> None:
    navigation.forget()


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("functions", FUNCTIONS, ids=lambda f: "+".join(sorted(f)) or "none")
def test_the_kept_navigation_is_the_template_s_byte_for_byte(
    language: str, functions: frozenset[str]
) -> None:
    before = engines["django"].from_string(TEMPLATE_BEFORE)
    with translation.override(language):
        for path in PATHS:
            request = RequestFactory().get(path)
            expected = before.render(
                {
                    "request": request,
                    "nav_may_edit": navigation.EDIT in functions,
                    "may_read_audit": navigation.READ_AUDIT in functions,
                    "may_manage_grants": navigation.MANAGE_GRANTS in functions,
                }
            )
            assert navigation.render(functions, path) == expected, path


def _links(client, path: str = "/units/") -> str:
    html: str = client.get(path).content.decode()
    start = html.index('<nav class="sidenav"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.django_db
def test_each_role_sees_the_links_of_its_functions(tree, inside, leader, auditor, admin) -> None:
    audit, grants, excel = reverse("audit:list"), reverse("accounts:grants"), reverse("people:import_home")
    specialist = _links(login(inside))
    assert excel in specialist and audit not in specialist and grants not in specialist
    commune_leader = _links(login(leader))
    assert excel not in commune_leader and audit not in commune_leader and grants not in commune_leader
    assert "Kiểm soát quyền lực" not in commune_leader
    centre_auditor = _links(login(auditor))
    assert audit in centre_auditor and grants not in centre_auditor and excel not in centre_auditor
    centre_admin = _links(login(admin))
    assert grants in centre_admin and excel in centre_admin and audit not in centre_admin
    assert "Kiểm soát quyền lực" in centre_admin
    for html in (specialist, commune_leader, centre_auditor, centre_admin):
        assert reverse("orgunits:tree") in html and reverse("api:openapi-view") in html


@pytest.mark.django_db
def test_anonymous_gets_no_navigation_but_the_login(client) -> None:
    response = client.get("/units/")
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'class="sidenav"' not in page


@pytest.mark.django_db
def test_users_with_other_functions_never_see_each_other_s_links(tree, leader, admin) -> None:
    grants = reverse("accounts:grants")
    as_admin, as_leader = login(admin), login(leader)
    for _round in range(2):  # the second round reads what the first one kept
        assert grants in _links(as_admin)
        assert grants not in _links(as_leader)


@pytest.mark.django_db
def test_the_current_page_is_marked_whatever_page_built_the_kept_navigation(tree, inside) -> None:
    client = login(inside)
    _links(client, "/")
    units = _links(client, "/units/")
    assert f'<a href="{reverse("orgunits:tree")}" aria-current="page">' in units
    assert units.count('aria-current="page"') == 1


@pytest.mark.django_db
def test_a_language_switch_switches_the_navigation(tree, inside) -> None:
    client = login(inside)
    assert ">Cây tổ chức<" in _links(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _links(client)
    assert ">Cây tổ chức<" not in english and ">Organization tree<" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert ">Cây tổ chức<" in _links(client)
