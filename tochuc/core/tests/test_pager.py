"""Numbered page links: first and last pages, the pages around the current one, gaps between."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template import Context, Template

from tochuc.core.templatetags.pager import page_links


def _numbers(total_pages: int, current: int) -> list[int | None]:
    page = Paginator(range(total_pages * 10), 10).get_page(current)
    return [link.number for link in page_links(page)]


def test_short_lists_show_every_page():
    assert _numbers(5, 3) == [1, 2, 3, 4, 5]


def test_long_lists_show_ends_and_neighbours_with_gaps():
    assert _numbers(40, 20) == [1, None, 18, 19, 20, 21, 22, None, 40]
    assert _numbers(40, 1) == [1, 2, 3, None, 40]
    assert _numbers(40, 40) == [1, None, 38, 39, 40]


def test_the_include_marks_the_current_page_and_keeps_the_filters():
    page = Paginator(range(200), 10).get_page(4)
    html = Template('{% include "_pager.html" %}').render(Context({"page": page, "query": "q=an&unit=T01"}))
    assert 'aria-current="page">4<' in html
    assert 'href="?q=an&amp;unit=T01&amp;page=5"' in html and 'rel="next"' in html and 'rel="prev"' in html
    assert "Trang 4/20" in html and ">20</a>" in html


def test_one_page_shows_no_links():
    page = Paginator(range(5), 10).get_page(1)
    html = Template('{% include "_pager.html" %}').render(Context({"page": page}))
    assert "href=" not in html
