"""Conflicts of interest, found automatically: a juror never sees or scores an excluded entry.

A juror is excluded from an entry they wrote, an entry a relative of theirs wrote, and an entry of the
outlet they work for. Relatives come from the register (``people.Relative``, either direction) when the
juror and the author are both persons in it (or the author's name is a relative's name on the juror's
file); otherwise from the relations the juror declared for the round. Names and outlets are compared ignoring case, diacritics and spacing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from tochuc.award.models import AwardEntry, AwardJuror, AwardRound
from tochuc.core.text import fold
from tochuc.people.models import Person, Relative


@dataclass(frozen=True)
class Conflict:
    juror_id: int
    entry_id: int
    reason: str


def _relatives(person_ids: set[int]) -> dict[int, set[int]]:
    """For each person, the persons recorded as relatives (either file)."""
    found: dict[int, set[int]] = {pid: set() for pid in person_ids}
    rows = Relative.objects.filter(
        Q(person_id__in=person_ids, linked_person__isnull=False) | Q(linked_person_id__in=person_ids)
    ).values_list("person_id", "linked_person_id")
    for a, b in rows:
        if a in found and b is not None:
            found[a].add(b)
        if b in found:
            found[b].add(a)
    return found


def _relative_names(relatives: dict[int, set[int]]) -> dict[int, set[str]]:
    """For each person, the folded names of their relatives: on their file, or linked from another's."""
    found: dict[int, set[str]] = {pid: set() for pid in relatives}
    for pid, name in Relative.objects.filter(person_id__in=relatives).values_list("person_id", "full_name"):
        found[pid].add(fold(name))
    linked = {pid for ids in relatives.values() for pid in ids}
    names = dict(Person.objects.filter(pk__in=linked).values_list("pk", "full_name"))
    for pid, ids in relatives.items():
        found[pid] |= {fold(names[i]) for i in ids if i in names}
    return found


def _entry_conflict(
    juror: AwardJuror, entry: AwardEntry, relatives: set[int], kin_names: set[str], declared: set[str]
) -> str:
    outlet = fold(juror.outlet)
    for author in entry.authors.all():
        if (juror.person_id and author.person_id == juror.person_id) or (
            not (juror.person_id and author.person_id) and fold(author.full_name) == fold(juror.full_name)
        ):
            return _("Tác phẩm của chính giám khảo")
        if (author.person_id and author.person_id in relatives) or (
            not author.person_id and fold(author.full_name) in kin_names
        ):
            return _("Tác giả %(name)s là người thân của giám khảo (theo hồ sơ)") % {"name": author.full_name}
        if fold(author.full_name) in declared:
            return _("Tác giả %(name)s là người thân giám khảo đã kê khai") % {"name": author.full_name}
    if outlet and fold(entry.outlet) == outlet:
        return _("Tác phẩm của cơ quan báo chí nơi giám khảo công tác (%(outlet)s)") % {
            "outlet": entry.outlet
        }
    return ""


def find_conflicts(
    jurors: Iterable[AwardJuror], entries: Iterable[AwardEntry]
) -> dict[tuple[int, int], Conflict]:
    """Every (juror, entry) pair that conflicts, with the reason. Entries come with their authors."""
    jurors = list(jurors)
    entries = list(entries)
    juror_people = {j.person_id for j in jurors if j.person_id}
    relatives = _relatives(juror_people)
    names = _relative_names(relatives)
    found: dict[tuple[int, int], Conflict] = {}
    for juror in jurors:
        declared = {fold(r.full_name) for r in juror.declared_relations.all()}
        kin = relatives.get(juror.person_id, set()) if juror.person_id else set()
        for entry in entries:
            kin_names = names.get(juror.person_id, set()) if juror.person_id else set()
            reason = _entry_conflict(juror, entry, kin, kin_names, declared)
            if reason:
                found[(juror.pk, entry.pk)] = Conflict(juror.pk, entry.pk, reason)
    return found


def round_conflicts(award_round: AwardRound) -> dict[tuple[int, int], Conflict]:
    jurors = AwardJuror.objects.filter(round=award_round).prefetch_related("declared_relations")
    entries = AwardEntry.objects.filter(round=award_round).prefetch_related("authors")
    return find_conflicts(jurors, entries)


def juror_conflicts(juror: AwardJuror) -> dict[int, Conflict]:
    """The entries of the juror's round this juror is excluded from, by entry id."""
    entries = AwardEntry.objects.filter(round_id=juror.round_id).prefetch_related("authors")
    return {entry_id: c for (_j, entry_id), c in find_conflicts([juror], entries).items()}


def is_excluded(juror: AwardJuror, entry: AwardEntry) -> bool:
    """Whether a conflict keeps this juror from this entry."""
    return bool(find_conflicts([juror], [entry]))
