"""The side navigation every signed-in page draws.

Its links depend only on the language, on which functions the user holds (entering data, reading
the audit trail, managing grants) and, for the one marked as the current page, on the path. The
HTML of each (language, functions) pair is built once per process and kept as pieces; a request
only joins them, marking the link of the page it is on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tochuc.accounts.models import User

# The functions that add links: the navigation shows what the user may open.
EDIT = "edit"
READ_AUDIT = "read_audit"
MANAGE_GRANTS = "manage_grants"

Current = Callable[[str], bool]


def _never(path: str) -> bool:
    return False


@dataclass(frozen=True)
class Link:
    url_name: str
    label: str | Promise
    current: Current = _never
    needs: frozenset[str] = frozenset()  # shown when the user holds any of these functions


@dataclass(frozen=True)
class Heading:
    label: str | Promise
    needs: frozenset[str] = frozenset()


def _is(value: str) -> Current:
    return lambda path: path == value


def _under(prefix: str, unless: str = "") -> Current:
    return lambda path: path.startswith(prefix) and not (unless and unless in path)


def _holds(part: str) -> Current:
    return lambda path: part in path


ITEMS: tuple[Link | Heading, ...] = (
    Link("home", _("Trang chủ"), _is("/")),
    Heading(_("Tổ chức bộ máy")),
    Link("orgunits:tree", _("Cây tổ chức"), _is("/units/")),
    Link("orgunits:overlaps", _("Chức năng chồng chéo"), _holds("overlaps")),
    Link("positions:list", _("Vị trí việc làm"), _under("/positions/", unless="reports")),
    Heading(_("Cán bộ, đảng viên")),
    Link("people:list", _("Hồ sơ cán bộ, đảng viên"), _under("/people/", unless="import")),
    Link("people:import_home", _("Nhập từ Excel"), _under("/people/import/"), frozenset({EDIT})),
    Heading(_("Đánh giá, xếp loại")),
    Link("evaluations:cycle_list", _("Đợt đánh giá"), _under("/evaluations/", unless="analytics")),
    Link("evaluations:analytics", _("Phân tích kết quả xếp loại"), _holds("/evaluations/analytics/")),
    Heading(_("Văn bản, nhiệm vụ")),
    Link(
        "directives:list",
        _("Văn bản chỉ đạo"),
        lambda path: path == "/directives/" or path.startswith("/directives/new/"),
    ),
    Link("directives:dashboard", _("Theo dõi nhiệm vụ"), _holds("/directives/dashboard/")),
    Link("directives:on_time", _("Tỷ lệ hoàn thành đúng hạn"), _holds("/directives/on-time/")),
    Link("reviews:list", _("Sơ kết, tổng kết định kỳ"), _under("/reviews/")),
    Heading(_("Công tác cán bộ")),
    Link("personnel:planning_list", _("Quy hoạch cán bộ"), _holds("/personnel/planning/")),
    Link("personnel:procedure_list", _("Bổ nhiệm, giới thiệu ứng cử"), _holds("/personnel/procedures/")),
    Link("personnel:rotation_list", _("Luân chuyển"), _holds("/personnel/rotations/")),
    Link("personnel:vote_list", _("Lấy phiếu tín nhiệm"), _holds("/personnel/votes/")),
    Link("personnel:transparency", _("Công khai quy trình"), _holds("/personnel/transparency/")),
    Link("rewards:badges", _("Huy hiệu Đảng"), _holds("/rewards/badges/")),
    Link("rewards:certificates", _("Khen thưởng theo kết quả"), _holds("/rewards/certificates/")),
    Link("rewards:disciplines", _("Kỷ luật đảng"), _holds("/rewards/discipline/")),
    Link("training:needs", _("Đào tạo, bồi dưỡng"), _under("/training/")),
    Link("award:rounds", _("Giải Búa liềm vàng"), _under("/award/")),
    Heading(_("Báo cáo, thống kê")),
    Link("reports:structure", _("Cơ cấu đội ngũ"), _holds("structure")),
    Link("positions:reports", _("Biên chế, vị trí việc làm"), _is("/positions/reports/")),
    Heading(_("Kiến nghị, phản ánh")),
    Link("proposals:list", _("Kiến nghị, đề xuất"), _under("/proposals/", unless="dashboard")),
    Link("feedback:list", _("Phản ánh của nhân dân, báo chí"), _under("/feedback/")),
    Link("proposals:dashboard", _("Theo dõi trả lời"), _holds("/proposals/dashboard/")),
    Heading(_("Kiểm tra, giám sát")),
    Link("inspections:signals", _("Dấu hiệu cần kiểm tra, giám sát"), _holds("/inspections/signals/")),
    Link("inspections:list", _("Các cuộc kiểm tra, giám sát"), _under("/inspections/", unless="signals")),
    Heading(_("Kiểm soát quyền lực"), frozenset({READ_AUDIT, MANAGE_GRANTS})),
    Link("audit:list", _("Nhật ký kiểm tra"), _under("/audit/"), frozenset({READ_AUDIT})),
    Link("accounts:grants", _("Phân quyền"), _holds("grants"), frozenset({MANAGE_GRANTS})),
    Heading(_("Tài khoản")),
    Link("accounts:password_change", _("Đổi mật khẩu"), _holds("password")),
    Link("api:openapi-view", _("Tài liệu API")),
)

# Each line of the navigation, and the test that marks it as the current page (None: never).
Pieces = tuple[tuple[SafeString, Current | None], ...]

_INDENT = "\n    "
_CURRENT = mark_safe(' aria-current="page"')
_built: dict[tuple[str, str, frozenset[str]], Pieces] = {}


def _shown(needs: frozenset[str], functions: frozenset[str]) -> bool:
    return not needs or bool(needs & functions)


def _build(functions: frozenset[str]) -> Pieces:
    """The navigation's lines in the active language: each link split where the current-page mark
    goes. A line the user may not see stays, empty, so the layout of the HTML does not change."""
    pieces: list[tuple[SafeString, Current | None]] = [
        (
            format_html(
                '<nav class="sidenav" id="sidenav" aria-label="{}">{}', _("Điều hướng chính"), _INDENT
            ),
            None,
        )
    ]
    for item in ITEMS:
        if not _shown(item.needs, functions):
            pieces.append((mark_safe(_INDENT), None))
        elif isinstance(item, Heading):
            pieces.append((format_html("{}<h2>{}</h2>", _INDENT, item.label), None))
        elif item.current is _never:
            pieces.append(
                (format_html('{}<a href="{}">{}</a>', _INDENT, reverse(item.url_name), item.label), None)
            )
        else:
            pieces.append((format_html('{}<a href="{}"', _INDENT, reverse(item.url_name)), item.current))
            pieces.append((format_html(">{}</a>", item.label), None))
    pieces.append((mark_safe(_INDENT + "\n  </nav>"), None))
    return tuple(pieces)


def pieces_for(functions: frozenset[str]) -> Pieces:
    key = (get_language() or "", get_script_prefix(), functions)
    found = _built.get(key)
    if found is None:
        found = _built[key] = _build(functions)
    return found


def functions_of(user: User | AnonymousUser) -> frozenset[str]:
    """Which of the functions that add links ``user`` holds (read from the grants already loaded)."""
    from tochuc.accounts.policy import Action, has_any

    held = ((EDIT, Action.EDIT), (READ_AUDIT, Action.READ_AUDIT), (MANAGE_GRANTS, Action.MANAGE_GRANTS))
    return frozenset(name for name, action in held if has_any(user, action))


def render(functions: frozenset[str], path: str) -> SafeString:
    """The navigation for a user holding ``functions``, on the page at ``path``."""
    parts: list[str] = []
    for html, current in pieces_for(functions):
        parts.append(html)
        if current is not None and current(path):
            parts.append(_CURRENT)
    return mark_safe("".join(parts))  # every piece was escaped when built


def forget() -> None:
    """Drop the kept navigation (after the URLs or the translations change, in tests)."""
    _built.clear()
