"""The need checks: each reads one person's facts and the pack's numbers, and yields the needs found."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _

from tochuc.core.rules import Rule
from tochuc.people.models import MembershipStatus, TheoryLevel
from tochuc.positions.models import DegreeLevel, theory_rank
from tochuc.training.models import CourseKind, NeedReason
from tochuc.training.rules.base import NeedFinding, PersonFacts, PlannedTitle, PostFacts, TrainingPack

NeedRule = Rule[PersonFacts, TrainingPack, NeedFinding]

# The course that brings a person to each political-theory level.
THEORY_COURSE: dict[str, str] = {
    TheoryLevel.ELEMENTARY: CourseKind.THEORY_ELEMENTARY,
    TheoryLevel.INTERMEDIATE: CourseKind.THEORY_INTERMEDIATE,
    TheoryLevel.ADVANCED: CourseKind.THEORY_ADVANCED,
    TheoryLevel.BACHELOR: CourseKind.THEORY_BACHELOR,
}
COURSE_THEORY: dict[str, str] = {kind: level for level, kind in THEORY_COURSE.items()}


def _need(rule: NeedRule, need: str, reason: str, message: str) -> NeedFinding:
    return NeedFinding(
        rule=rule.id, severity=rule.severity, message=rule.cite(message), need=need, reason=reason
    )


def _theory(
    rule: NeedRule, facts: PersonFacts, required: str, reason: str, where: Callable[[], str]
) -> Iterator[NeedFinding]:
    if required in THEORY_COURSE and theory_rank(facts.theory_level) < theory_rank(required):
        yield _need(
            rule,
            THEORY_COURSE[required],
            reason,
            _("%(where)s cần lý luận chính trị %(need)s (hiện: %(have)s)")
            % {
                "where": where(),
                "need": TheoryLevel(required).label,
                "have": TheoryLevel(facts.theory_level).label,
            },
        )


def _degree(
    rule: NeedRule, facts: PersonFacts, required: int, reason: str, where: Callable[[], str]
) -> Iterator[NeedFinding]:
    if facts.degree < required:
        yield _need(
            rule,
            CourseKind.DEGREE,
            reason,
            _("%(where)s cần trình độ chuyên môn %(need)s (hiện: %(have)s)")
            % {
                "where": where(),
                "need": DegreeLevel(required).label,
                "have": DegreeLevel(facts.degree).label,
            },
        )


def new_member(facts: PersonFacts, pack: TrainingPack, rule: NeedRule) -> Iterator[NeedFinding]:
    """A probationary member who has not taken the new-member course."""
    if facts.membership_status != MembershipStatus.PROBATIONARY:
        return
    if not facts.has_training(CourseKind.NEW_MEMBER, pack.new_member_words):
        yield _need(
            rule,
            CourseKind.NEW_MEMBER,
            NeedReason.PROBATIONARY,
            _("Đảng viên dự bị chưa học lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới"),
        )


def post_levels(facts: PersonFacts, pack: TrainingPack, rule: NeedRule) -> Iterator[NeedFinding]:
    """The minimum political-theory level and degree of each post held."""
    for post in facts.posts:

        def where(post: PostFacts = post) -> str:
            return _("Vị trí «%(post)s»") % {"post": post.name}

        yield from _theory(rule, facts, post.min_theory_level, NeedReason.POST, where)
        yield from _degree(rule, facts, post.min_degree, NeedReason.POST, where)


def post_knowledge(facts: PersonFacts, pack: TrainingPack, rule: NeedRule) -> Iterator[NeedFinding]:
    """State management knowledge, basic IT skills and a foreign language, by the post's group."""
    for post in facts.posts:
        where = {"post": post.name}
        if post.group in pack.state_management_groups and not facts.has_training(
            CourseKind.STATE_MANAGEMENT, pack.state_management_words
        ):
            yield _need(
                rule,
                CourseKind.STATE_MANAGEMENT,
                NeedReason.POST,
                _("Vị trí «%(post)s» cần kiến thức quản lý nhà nước (chưa có trong quá trình đào tạo)")
                % where,
            )
        if post.group in pack.it_groups and not facts.it_level.strip():
            yield _need(
                rule,
                CourseKind.IT,
                NeedReason.POST,
                _("Vị trí «%(post)s» cần kỹ năng công nghệ thông tin cơ bản (chưa ghi trình độ tin học)")
                % where,
            )
        if post.group in pack.language_groups and not facts.foreign_language.strip():
            yield _need(
                rule,
                CourseKind.LANGUAGE,
                NeedReason.POST,
                _("Vị trí «%(post)s» cần sử dụng được ngoại ngữ (chưa ghi trình độ ngoại ngữ)") % where,
            )


def planned_title(facts: PersonFacts, pack: TrainingPack, rule: NeedRule) -> Iterator[NeedFinding]:
    """The standards of each title the person is planned for."""
    for title in facts.planned:

        def where(title: PlannedTitle = title) -> str:
            return _("Chức danh quy hoạch «%(title)s»") % {"title": title.name}

        by_group = pack.title_theory.get(title.leadership_group, TheoryLevel.NONE)
        required = max(by_group, title.min_theory_level, key=theory_rank)
        yield from _theory(rule, facts, required, NeedReason.PLANNED_TITLE, where)
        yield from _degree(rule, facts, title.min_degree, NeedReason.PLANNED_TITLE, where)
        if pack.planned_need_fostering and not facts.has_training(
            CourseKind.TITLE_FOSTERING, pack.title_fostering_words
        ):
            yield _need(
                rule,
                CourseKind.TITLE_FOSTERING,
                NeedReason.PLANNED_TITLE,
                _("%(where)s: chưa được bồi dưỡng theo tiêu chuẩn chức danh") % {"where": where()},
            )


def requested(facts: PersonFacts, pack: TrainingPack, rule: NeedRule) -> Iterator[NeedFinding]:
    """A course the evaluation asked for, not yet passed."""
    for kind, note in facts.requests:
        yield _need(
            rule,
            kind,
            NeedReason.REQUESTED,
            _("Đánh giá, xếp loại đề nghị đi học: %(note)s") % {"note": note},
        )
