"""The summary of an audit event as an auditor reads it: labels, names and formatted values, not keys.

A summary is whatever JSON the writing service stored. Here each key gets its label, each value its
form: "Có"/"Không" for booleans, dd/mm/yyyy for dates, grouped digits for numbers, the name of a
choice for its code, the name of a unit or person for their code, one line per changed field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from django.db.models import Choices, Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

SUMMARY_LABELS = {
    "id": gettext_lazy("Số thứ tự dòng"),
    "reason": gettext_lazy("Lý do"),
    "changes": gettext_lazy("Thay đổi"),
    "fields": gettext_lazy("Các mục đã nhập"),
    "code": gettext_lazy("Mã"),
    "name": gettext_lazy("Tên"),
    "person": gettext_lazy("Cán bộ, đảng viên"),
    "candidate": gettext_lazy("Người được giới thiệu"),
    "unit": gettext_lazy("Đơn vị"),
    "parent": gettext_lazy("Cấp trên"),
    "to": gettext_lazy("Gửi đến"),
    "from": gettext_lazy("Gửi từ"),
    "level": gettext_lazy("Cấp quyết định"),
    "committee": gettext_lazy("Cấp ủy đề nghị"),
    "lead": gettext_lazy("Cơ quan chủ trì"),
    "cooperating": gettext_lazy("Cơ quan phối hợp"),
    "expected": gettext_lazy("Đơn vị phải báo cáo"),
    "old_path": gettext_lazy("Vị trí cũ"),
    "start": gettext_lazy("Từ ngày"),
    "end": gettext_lazy("Đến ngày"),
    "planned_end": gettext_lazy("Dự kiến kết thúc"),
    "description": gettext_lazy("Nội dung"),
    "position": gettext_lazy("Vị trí việc làm"),
    "title": gettext_lazy("Chức danh"),
    "kind": gettext_lazy("Loại"),
    "duty": gettext_lazy("Nhiệm vụ"),
    "duties": gettext_lazy("Nhiệm vụ"),
    "previous": gettext_lazy("Người phụ trách trước"),
    "justification": gettext_lazy("Giải trình"),
    "warnings": gettext_lazy("Cảnh báo"),
    "findings": gettext_lazy("Phát hiện"),
    "years": gettext_lazy("Số năm tuổi Đảng"),
    "group": gettext_lazy("Nhóm"),
    "requirements": gettext_lazy("Yêu cầu"),
    "headcount_quota": gettext_lazy("Số người được bố trí"),
    "decision_number": gettext_lazy("Số quyết định"),
    "decision": gettext_lazy("Quyết định"),
    "badge_number": gettext_lazy("Số huy hiệu"),
    "ceremony_on": gettext_lazy("Ngày trao tặng"),
    "early_reason": gettext_lazy("Lý do xét sớm"),
    "due": gettext_lazy("Hạn"),
    "held_on": gettext_lazy("Ngày họp"),
    "outcome": gettext_lazy("Kết quả"),
    "cycle": gettext_lazy("Đợt"),
    "is_leadership": gettext_lazy("Chức danh lãnh đạo, quản lý"),
    "leadership_group": gettext_lazy("Nhóm chức danh lãnh đạo"),
    "period": gettext_lazy("Kỳ báo cáo"),
    "step": gettext_lazy("Bước"),
    "votes": gettext_lazy("Số phiếu"),
    "needed": gettext_lazy("Số phiếu cần đạt"),
    "attempt": gettext_lazy("Lần"),
    "present": gettext_lazy("Số người có mặt"),
    "convened": gettext_lazy("Số người được triệu tập"),
    "late": gettext_lazy("Nộp muộn"),
    "figures": gettext_lazy("Số liệu"),
    "delay_days": gettext_lazy("Số ngày chậm"),
    "answered_on": gettext_lazy("Ngày trả lời"),
    "decided_on": gettext_lazy("Ngày quyết định"),
    "channel": gettext_lazy("Kênh tiếp nhận"),
    "anonymous": gettext_lazy("Ẩn danh"),
    "blocked": gettext_lazy("Vướng mắc"),
    "internal": gettext_lazy("Nguồn nhân sự tại chỗ"),
    "received": gettext_lazy("Ngày tiếp nhận"),
    "role": gettext_lazy("Vai trò"),
    "user": gettext_lazy("Tài khoản"),
    "username": gettext_lazy("Tài khoản"),
    "include_subtree": gettext_lazy("Gồm cả cấp dưới"),
    "form": gettext_lazy("Hình thức"),
    "violation_on": gettext_lazy("Ngày vi phạm"),
    "length": gettext_lazy("Độ dài (ký tự)"),
    "year": gettext_lazy("Năm"),
    "quarter": gettext_lazy("Quý"),
    "deadline": gettext_lazy("Hạn nộp"),
    "finding": gettext_lazy("Kết luận"),
    "outlet": gettext_lazy("Cơ quan báo chí"),
    "persons": gettext_lazy("Người được nêu"),
    "term": gettext_lazy("Thời hạn"),
    "comment": gettext_lazy("Ý kiến"),
    "on": gettext_lazy("Ngày"),
    "removed": gettext_lazy("Đưa ra"),
    "pack": gettext_lazy("Căn cứ quy định"),
    "filed_on": gettext_lazy("Ngày nộp"),
    "answer_due": gettext_lazy("Hạn trả lời"),
    "discipline": gettext_lazy("Kỷ luật"),
    "duplicates": gettext_lazy("Trùng với"),
    "voters": gettext_lazy("Số người bỏ phiếu"),
    "high": gettext_lazy("Tín nhiệm cao"),
    "confidence": gettext_lazy("Tín nhiệm"),
    "low": gettext_lazy("Tín nhiệm thấp"),
    "planning_removed": gettext_lazy("Đưa ra khỏi quy hoạch"),
    "file": gettext_lazy("Tệp"),
    "rows": gettext_lazy("Số dòng"),
    "created": gettext_lazy("Thêm mới"),
    "updated": gettext_lazy("Cập nhật"),
    "unchanged": gettext_lazy("Không đổi"),
    "filters": gettext_lazy("Bộ lọc"),
    "citizen_id": gettext_lazy("Số CCCD"),
    "citizen_ids": gettext_lazy("Số CCCD đã xuất"),
    "before": gettext_lazy("Trước"),
    "after": gettext_lazy("Sau"),
    "size": gettext_lazy("Dung lượng (byte)"),
    "width": gettext_lazy("Chiều rộng (điểm ảnh)"),
    "height": gettext_lazy("Chiều cao (điểm ảnh)"),
    "replaced": gettext_lazy("Thay ảnh cũ"),
    "linked_code": gettext_lazy("Mã đảng viên của thân nhân"),
    "full_name": gettext_lazy("Họ và tên"),
    "relation": gettext_lazy("Quan hệ"),
    "institution": gettext_lazy("Tên trường"),
    "field": gettext_lazy("Ngành học hoặc tên lớp"),
    "min_age": gettext_lazy("Tuổi tối thiểu"),
    "max_age": gettext_lazy("Tuổi tối đa"),
    "min_degree": gettext_lazy("Trình độ chuyên môn tối thiểu"),
    "min_theory_level": gettext_lazy("Lý luận chính trị tối thiểu"),
    "members": gettext_lazy("Số đảng viên"),
    "admitted": gettext_lazy("Số kết nạp"),
}
# Parts of a person's record named in "changes" (``membership.status``, ``career.start``…).
PREFIX_LABELS = {
    "membership": gettext_lazy("Đảng viên"),
    "career": gettext_lazy("Quá trình công tác"),
    "training": gettext_lazy("Đào tạo, bồi dưỡng"),
    "reward": gettext_lazy("Khen thưởng"),
    "discipline": gettext_lazy("Kỷ luật"),
    "relative": gettext_lazy("Thân nhân"),
}
PERSON_KEYS = frozenset({"person", "candidate", "linked_code", "linked_person"})
UNIT_KEYS = frozenset(
    {"unit", "parent", "to", "from", "level", "committee", "lead", "cooperating", "expected"}
)


@cache
def _choices() -> dict[str, list[type[Choices]]]:
    """The choice lists whose codes a summary may hold, by key (imported late: every app writes here)."""
    from tochuc.accounts.models import Role
    from tochuc.feedback.models import FeedbackChannel, FeedbackKind, Finding
    from tochuc.orgunits.models import UnitKind
    from tochuc.people.models import Gender, MembershipStatus, TheoryLevel
    from tochuc.personnel.models import ProcedureKind, StepOutcome
    from tochuc.positions.models import AssignmentKind, PositionGroup
    from tochuc.proposals.models import ProposalKind
    from tochuc.rewards.models import AppealOutcome, DisciplineForm, EarlyReason

    return {
        "role": [Role],
        "channel": [FeedbackChannel],
        "kind": [FeedbackKind, ProposalKind, ProcedureKind, AssignmentKind, UnitKind],
        "finding": [Finding],
        "outcome": [StepOutcome, AppealOutcome],
        "form": [DisciplineForm],
        "group": [PositionGroup],
        "early_reason": [EarlyReason],
        "gender": [Gender],
        "status": [MembershipStatus],
        "political_theory_level": [TheoryLevel],
        "min_theory_level": [TheoryLevel],
    }


def key_label(key: str) -> str:
    """The label of a summary key or of a changed field (``membership.status`` → "Đảng viên — …")."""
    if key in SUMMARY_LABELS:
        return str(SUMMARY_LABELS[key])
    prefix, _dot, rest = key.partition(".")
    if rest and prefix in PREFIX_LABELS:
        own = _part_fields().get(prefix, {}).get(rest)
        return f"{PREFIX_LABELS[prefix]} — {own if own is not None else key_label(rest)}"
    return _field_label(key) or key.replace("_", " ")


@cache
def _person_fields() -> dict[str, object]:
    """Verbose names of the record's fields, kept lazy: they are read in the language of each request."""
    from tochuc.people.models import Membership, Person

    labels: dict[str, object] = {}
    for model in (Person, Membership):
        for f in model._meta.get_fields():
            verbose = getattr(f, "verbose_name", None)
            if verbose and f.name not in labels:
                labels[f.name] = verbose
    return labels


@cache
def _part_fields() -> dict[str, dict[str, object]]:
    """Verbose names of the fields of each part of the 2C, by the prefix used in "changes" (lazy)."""
    from tochuc.people.services.records import PART_MODELS

    return {
        prefix: {
            f.name: verbose for f in model._meta.get_fields() if (verbose := getattr(f, "verbose_name", None))
        }
        for prefix, model in PART_MODELS.items()
    }


def _field_label(name: str) -> str:
    label = _person_fields().get(name)
    return str(label) if label is not None else ""


@dataclass
class Names:
    """Unit and person codes met on one page of events, with the names the auditor may see."""

    units: dict[str, str] = field(default_factory=dict)
    unit_paths: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)


def _codes(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        yield from (v for v in value if isinstance(v, str))


def names_for(user: Actor, summaries: Iterable[dict[str, object]]) -> Names:
    """One query for the units and one for the people the summaries name, within the user's scope."""
    from tochuc.orgunits.models import OrgUnit
    from tochuc.people.models import Person

    unit_codes: set[str] = set()
    paths: set[str] = set()
    person_codes: set[str] = set()
    for summary in summaries:
        if not isinstance(summary, dict):
            continue
        for key, value in summary.items():
            if key in UNIT_KEYS:
                unit_codes.update(_codes(value))
            elif key in PERSON_KEYS:
                person_codes.update(_codes(value))
            elif key == "old_path" and isinstance(value, str):
                paths.add(value)
    names = Names()
    if unit_codes or paths:
        rows = OrgUnit.objects.filter(scope_q(user, Action.VIEW)).filter(
            Q(code__in=unit_codes) | Q(path__in=paths)
        )
        for code, path, name in rows.values_list("code", "path", "name"):
            names.units[code] = name
            names.unit_paths[path] = name
    if person_codes:
        rows_p = Person.objects.filter(scope_q(user, Action.VIEW, "unit__path"), code__in=person_codes)
        names.people = dict(rows_p.values_list("code", "full_name"))
    return names


def format_value(value: object, key: str = "", names: Names | None = None) -> str:
    """One value as a person reads it, in the interface language."""
    names = names or Names()
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, int | float):
        return formats.number_format(value, force_grouping=abs(value) >= 10_000)
    if isinstance(value, list):
        return "; ".join(format_value(v, key, names) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{key_label(k)}: {format_value(v, k, names)}" for k, v in value.items()) or "—"
    text = str(value)
    if ISO_DATE.match(text):
        return dt.date.fromisoformat(text).strftime("%d/%m/%Y")
    if ISO_DATETIME.match(text):
        try:
            return dt.datetime.fromisoformat(text).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            return text
    if key in UNIT_KEYS and text in names.units:
        return f"{names.units[text]} ({text})"
    if key in PERSON_KEYS and text in names.people:
        return f"{names.people[text]} ({text})"
    if key == "old_path" and text in names.unit_paths:
        return names.unit_paths[text]
    for choices in _choices().get(key.rpartition(".")[2], []):
        if text in choices.values:
            return str(choices(text).label)
    return text


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class SummaryLine:
    label: str
    value: str = ""
    changes: tuple[Change, ...] = ()


def summary_lines(summary: object, names: Names | None = None) -> list[SummaryLine]:
    """The summary of one event, one labelled line per key; "changes" become old → new lines."""
    if not isinstance(summary, dict):
        return [SummaryLine(_("Nội dung"), format_value(summary))]
    lines = []
    for key, value in summary.items():
        if key == "changes" and isinstance(value, dict):
            changes = tuple(
                Change(
                    key_label(name),
                    format_value(pair[0] if isinstance(pair, list) and pair else None, name, names),
                    format_value(pair[1] if isinstance(pair, list) and len(pair) > 1 else None, name, names),
                )
                for name, pair in value.items()
            )
            lines.append(SummaryLine(key_label(key), changes=changes))
        elif key == "fields" and isinstance(value, list):
            lines.append(SummaryLine(key_label(key), ", ".join(key_label(str(v)) for v in value)))
        else:
            lines.append(SummaryLine(key_label(key), format_value(value, key, names)))
    return lines
