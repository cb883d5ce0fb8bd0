"""Numbered page links for ``_pager.html``: 1 2 … 7 8 9 … 40, with the current page marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.core.paginator import Page

register = template.Library()


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None is a gap (…)
    current: bool = False


def page_links(page: Page[Any], *, on_each_side: int = 2, on_ends: int = 1) -> list[PageLink]:
    """The page numbers to offer around ``page``; gaps stand for the pages left out."""
    paginator = page.paginator
    links = []
    for item in paginator.get_elided_page_range(page.number, on_each_side=on_each_side, on_ends=on_ends):
        if isinstance(item, int):
            links.append(PageLink(item, current=item == page.number))
        else:
            links.append(PageLink(None))
    return links


@register.simple_tag
def pager_links(page: Page[Any]) -> list[PageLink]:
    return page_links(page)
