"""Who is related to whom, as recorded in the files: the basis of every conflict-of-interest check."""

from __future__ import annotations

from django.db.models import Q

from tochuc.people.models import Relative


def related_person_ids(person_id: int) -> set[int]:
    """People linked to ``person_id`` as a recorded relative, in either direction."""
    rows = Relative.objects.filter(
        Q(person_id=person_id, linked_person__isnull=False) | Q(linked_person_id=person_id)
    ).values_list("person_id", "linked_person_id")
    return {other for pair in rows for other in pair if other is not None and other != person_id}


def relation_between(person_id: int, other_id: int) -> str | None:
    """How ``other_id`` is recorded as related to ``person_id`` ("Bố", "Vợ"…), or None."""
    row = (
        Relative.objects.filter(
            Q(person_id=person_id, linked_person_id=other_id)
            | Q(person_id=other_id, linked_person_id=person_id)
        )
        .values_list("person_id", "relation")
        .first()
    )
    if row is None:
        return None
    owner, relation = row
    # A row on the other person's file names how *this* person relates to them.
    return relation if owner == person_id else f"{relation} (theo hồ sơ của người kia)"
