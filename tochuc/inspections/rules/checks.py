"""The checks of the supervision-signal packs: each reads one part of the facts and the pack's
threshold, and yields one signal per thing that crosses it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _

from tochuc.core.rules import Rule
from tochuc.inspections.rules.base import Signal, SignalsPack, SupervisionFacts

SignalRule = Rule[SupervisionFacts, SignalsPack, Signal]


def _signal(
    rule: SignalRule,
    *,
    unit: str,
    unit_name: str,
    detail: str,
    evidence: Sequence[str] = (),
    link: str = "",
    person: str | None = None,
    person_name: str = "",
) -> Signal:
    return Signal(
        rule=rule.id,
        severity=rule.severity,
        message=rule.cite(detail),
        unit=unit,
        unit_name=unit_name,
        person=person,
        person_name=person_name,
        detail=detail,
        evidence=tuple(evidence),
        link=link,
    )


def _day(value: dt.date) -> str:
    # The same as ``date_format(value, "d/m/Y")``, without its per-call lookups: a province has thousands.
    return value.strftime("%d/%m/%Y")


def _flag_title(rule_id: str) -> str:
    """What an evaluation warning is called for people (its id stays internal)."""
    from tochuc.evaluations.rules import available_packs

    for evaluation_pack in available_packs():
        rule = evaluation_pack.rule(rule_id)
        if rule is not None:
            return evaluation_pack.rule_title(rule)
    return rule_id


def justified_flags(facts: SupervisionFacts, pack: SignalsPack, rule: SignalRule) -> Iterator[Signal]:
    for flag in facts.justified_flags:
        watched = next(
            (w for w in pack.watched_flags if flag.rule == w or flag.rule.startswith(f"{w}_")), None
        )
        if watched is None:
            continue
        who = flag.person_name or flag.unit_name
        yield _signal(
            rule,
            unit=flag.unit,
            unit_name=flag.unit_name,
            person=flag.person,
            person_name=flag.person_name,
            detail=_(
                "Cảnh báo «%(flag)s» ở đợt %(cycle)s (%(who)s) đã được giải trình; cần xem lại giải trình."
            )
            % {"flag": _flag_title(watched), "cycle": flag.cycle, "who": who},
            evidence=[_("Giải trình: %(text)s") % {"text": flag.text}],
            link=flag.link,
        )


def overdue_tasks(facts: SupervisionFacts, pack: SignalsPack, rule: SignalRule) -> Iterator[Signal]:
    for task in facts.overdue_tasks:
        days = (facts.today - task.deadline).days
        if days < pack.task_overdue_days:
            continue
        yield _signal(
            rule,
            unit=task.unit,
            unit_name=task.unit_name,
            detail=_("Nhiệm vụ %(task)s quá hạn %(n)d ngày (hạn %(d)s), chưa hoàn thành.")
            % {"task": task.label, "n": days, "d": _day(task.deadline)},
            evidence=[task.text[:300]],
            link=task.link,
        )


def overdue_answers(facts: SupervisionFacts, pack: SignalsPack, rule: SignalRule) -> Iterator[Signal]:
    for answer in facts.overdue_answers:
        days = (facts.today - answer.due).days
        if days < pack.answer_overdue_days:
            continue
        what = _("Kiến nghị") if answer.what == "proposal" else _("Phản ánh")
        yield _signal(
            rule,
            unit=answer.unit,
            unit_name=answer.unit_name,
            detail=_("%(what)s %(label)s quá hạn trả lời %(n)d ngày (hạn %(d)s).")
            % {"what": what, "label": answer.label, "n": days, "d": _day(answer.due)},
            link=answer.link,
        )


def right_feedback(facts: SupervisionFacts, pack: SignalsPack, rule: SignalRule) -> Iterator[Signal]:
    for item in facts.right_feedback:
        if (facts.today - item.answered_on).days > pack.feedback_lookback_days:
            continue
        yield _signal(
            rule,
            unit=item.unit,
            unit_name=item.unit_name,
            person=item.person,
            person_name=item.person_name,
            detail=_("Phản ánh %(label)s về %(who)s được xác minh là đúng (trả lời ngày %(d)s).")
            % {"label": item.label, "who": item.person_name or item.unit_name, "d": _day(item.answered_on)},
            link=item.link,
        )


def pending_discipline(facts: SupervisionFacts, pack: SignalsPack, rule: SignalRule) -> Iterator[Signal]:
    for item in facts.pending_discipline:
        days = (facts.today - item.since).days
        if days < pack.discipline_wait_days:
            continue
        yield _signal(
            rule,
            unit=item.unit,
            unit_name=item.unit_name,
            person=item.person,
            person_name=item.person_name,
            detail=_("%(label)s: %(n)d ngày chưa được xử lý.") % {"label": item.label, "n": days},
            link=item.link,
        )


def rating_editors(facts: SupervisionFacts, pack: SignalsPack, rule: SignalRule) -> Iterator[Signal]:
    for editor in facts.rating_editors:
        if editor.changes < pack.rating_changes_min:
            continue
        yield _signal(
            rule,
            unit=editor.unit,
            unit_name=editor.unit_name,
            detail=_("Tài khoản %(actor)s sửa %(n)d kết quả xếp loại đã quyết định ở đợt %(cycle)s.")
            % {"actor": editor.actor, "n": editor.changes, "cycle": editor.cycle},
            link=editor.link,
        )


def reveal_counts(facts: SupervisionFacts, pack: SignalsPack, rule: SignalRule) -> Iterator[Signal]:
    for count in facts.reveal_counts:
        if count.recent < pack.reveal_min or count.recent < pack.reveal_factor * count.usual:
            continue
        yield _signal(
            rule,
            unit=count.unit,
            unit_name=count.unit_name,
            detail=_(
                "%(n)d lần xem số CCCD của đảng viên %(unit)s trong %(days)d ngày, thường chỉ %(usual).1f lần; "
                "nhiều nhất là tài khoản %(actor)s."
            )
            % {
                "n": count.recent,
                "unit": count.unit_name,
                "days": pack.reveal_window_days,
                "usual": count.usual,
                "actor": count.top_actor,
            },
            link=count.link,
        )


def _at_night(hour: int, pack: SignalsPack) -> bool:
    if pack.night_start_hour > pack.night_end_hour:
        return hour >= pack.night_start_hour or hour < pack.night_end_hour
    return pack.night_start_hour <= hour < pack.night_end_hour


def closed_cycle_writes(facts: SupervisionFacts, pack: SignalsPack, rule: SignalRule) -> Iterator[Signal]:
    for write in facts.closed_cycle_writes:
        if not _at_night(write.at.hour, pack):
            continue
        yield _signal(
            rule,
            unit=write.unit,
            unit_name=write.unit_name,
            detail=_("Tài khoản %(actor)s ghi «%(action)s» lúc %(at)s vào đợt %(cycle)s đã kết thúc.")
            % {
                "actor": write.actor,
                "action": write.action,
                "at": write.at.strftime("%H:%M %d/%m/%Y"),
                "cycle": write.cycle,
            },
            link=write.link,
        )
