"""One page of a long list: page over light keys first, then fetch the full rows of that page only.

Counting and slicing run on the keys (ids, or value rows); the expensive part (annotations, joins,
figures computed in Python) runs for the rows shown, however deep the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar, cast

from django.core.paginator import Page, Paginator

if TYPE_CHECKING:
    from django.core.paginator import _SupportsPagination

K = TypeVar("K")
T = TypeVar("T")


def page_then_fetch(
    keys: _SupportsPagination[K],
    page_number: str | int | None,
    per_page: int,
    fetch: Callable[[list[K]], Sequence[T]],
    *,
    count: int | None = None,
) -> Page[T]:
    """The ``page_number``-th page of ``keys`` (the last page when out of range), its rows given by ``fetch``.

    ``fetch`` receives this page's keys in order and returns the rows to show, in the order to show them.
    ``count``, when the caller knows it, spares counting the keys (pages past it are not offered).
    """
    paginator = Paginator(keys, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached property
    page = paginator.get_page(page_number)
    rows = list(fetch(list(page.object_list)))
    return Page(rows, page.number, cast("Paginator[T]", page.paginator))
