"""The analytics table's rows written in one pass: the same HTML as the template loop they replace."""

from __future__ import annotations

from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from tochuc.evaluations.analytics.figures import Analytics, Distribution, Flag, FlagKind, UnitRow
from tochuc.evaluations.models import EvaluationCycle, Rating
from tochuc.evaluations.rules.base import RulePack
from tochuc.evaluations.templatetags.evaluation_tags import analytics_rows, rating_badge
from tochuc.orgunits.models import OrgUnit

# The table body as the page wrote it before, one template loop per row and cell.
FORMER_ROWS = Template(
    """{% load i18n reports %}{% for row in data.rows %}<tr{% if row.flags %} class="flagged"{% endif %} data-unit="{{ row.unit.code }}">
      <th scope="row">{% if row.own %}{{ row.unit.short_name|default:row.unit.name }} <span class="muted">({% translate "trực tiếp tại đơn vị" %})</span>{% else %}<a href="{% url 'evaluations:analytics_unit' cycle.code row.unit.code %}">{{ row.unit.short_name|default:row.unit.name }}</a>{% endif %}</th>
      <td class="num">{{ row.dist.individuals|vn_number }}</td>
      {% for c in row.dist.cells %}<td class="num">{{ c.count|vn_number }}{% if c.percent is not None %} <span class="muted">({{ c.percent|vn_percent }})</span>{% endif %}</td>{% endfor %}
      <td class="num">{{ row.dist.unrated|vn_number }}</td>
      <td class="num">{% if row.dist.good_or_better_percent is not None %}<strong>{{ row.dist.good_or_better_percent|vn_percent }}</strong>{% else %}—{% endif %}</td>
      <td>{% if row.collective %}<abbr class="rating rating-{{ row.collective }}" title="{{ row.collective_label }}">{{ row.collective_short }}</abbr>{% elif not row.own %}<span class="muted">{% translate "chưa xếp loại" %}</span>{% endif %}</td>
      <td>{% for f in row.flags %}<span class="badge flag flag-{{ f.kind }}" title="{{ f.detail }}">{{ f.label }}</span> {% endfor %}</td>
    </tr>{% endfor %}"""
)
# The rating include as it was, less the newline that ended its file (blank space the page never showed).
FORMER_BADGE = Template(
    """{% load evaluation_tags %}{% if value %}<span class="rating r-{{ value }}">{% if short %}<abbr title="{{ label }}">{{ value|rating_short }}</abbr>{% else %}{{ label }}{% endif %}</span>{% else %}<span class="muted">—</span>{% endif %}"""
)

CYCLE = EvaluationCycle(code="DG-T05-2025", name="Đánh giá năm 2025", year=2025)
NAMES = ["Đảng bộ xã An Bình", "<script>alert(1)</script>", 'Xã "Đức" & Thọ', "Chi bộ 1"]


def _analytics(rows: list[UnitRow]) -> Analytics:
    unit = OrgUnit(code="T05", name="Tỉnh", path="000000005")
    return Analytics(CYCLE, unit, RulePack(code="p", name="p", citation="p"), None, rows, Distribution())


def _both(rows: list[UnitRow]) -> tuple[str, str]:
    data = _analytics(rows)
    return FORMER_ROWS.render(Context({"data": data, "cycle": CYCLE})), analytics_rows(data, CYCLE)


def _row(
    k: int, counts: list[int], *, own: bool = False, collective: str = "", flags: list[Flag] | None = None
) -> UnitRow:
    excellent, good, completed, not_completed, unrated = counts
    dist = Distribution(excellent, good, completed, not_completed, unrated)
    unit = OrgUnit(code=f"T05-X{k:03d}", name=NAMES[k % len(NAMES)], short_name="" if k % 3 else f"X{k}")
    return UnitRow(unit=unit, dist=dist, collective=collective, own=own, flags=flags or [])


def test_rows_are_the_former_rows_with_links_and_vietnamese_numbers() -> None:
    rows = [
        _row(0, [3, 1200, 45, 2, 7], own=True),
        _row(1, [0, 0, 0, 0, 0]),
        _row(
            2, [10, 90, 0, 0, 0], collective=Rating.COMPLETED, flags=[Flag(FlagKind.INFLATION, 'a < b & "c"')]
        ),
        _row(4, [1, 2, 3, 4, 12345], collective=Rating.EXCELLENT),
    ]
    odd = _row(5, [1, 0, 0, 0, 0])
    odd.unit.code = "T05-Đ 1&2?#"  # a code the address must quote, the attribute escape
    rows.append(odd)
    former, now = _both(rows)
    assert now == former
    assert "1.200" in now and "12.345" in now and "(96,0%)" in now
    assert 'href="/evaluations/analytics/DG-T05-2025/T05-X001/"' in now
    # A unit's name is always text, never markup.
    assert "<script>" not in now and "&lt;script&gt;alert(1)&lt;/script&gt;" in now
    assert "a &lt; b &amp; &quot;c&quot;" in now


counts = st.lists(st.integers(min_value=0, max_value=2_000_000), min_size=5, max_size=5)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            counts,
            st.booleans(),
            st.sampled_from(["", *Rating.values]),
            st.lists(st.sampled_from(list(FlagKind)), max_size=3, unique=True),
            st.text(max_size=12),
        ),
        max_size=6,
    )
)
def test_any_rows_match_the_former_rendering(cases) -> None:
    rows = [
        _row(k, c, own=(k == 0 and own), collective=rating, flags=[Flag(kind, detail) for kind in kinds])
        for k, (c, own, rating, kinds, detail) in enumerate(cases)
    ]
    former, now = _both(rows)
    assert now == former


@given(st.sampled_from(["", *Rating.values]), st.text(max_size=20), st.booleans())
def test_rating_badge_is_the_former_include(value: str, label: str, short: bool) -> None:
    former = FORMER_BADGE.render(Context({"value": value, "label": label, "short": short}))
    assert rating_badge(value, label, short) == former


def test_chart_is_kept_and_drawn_anew_when_a_figure_changes(monkeypatch, settings) -> None:
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from tochuc.core.documents import charts
    from tochuc.evaluations import analytics_views

    cache.clear()
    drawn: list[int] = []
    draw = charts.stacked_bar_chart

    def counting(*args, **kwargs):
        drawn.append(1)
        return draw(*args, **kwargs)

    monkeypatch.setattr(charts, "stacked_bar_chart", counting)
    rows = [_row(1, [3, 12, 4, 0, 1]), _row(2, [0, 5, 5, 0, 0])]
    first = analytics_views.distribution_chart(_analytics(rows))
    assert analytics_views.distribution_chart(_analytics(rows)) == first
    assert len(drawn) == 1  # the second page read it from the cache
    rows[1].dist.good += 1
    changed = analytics_views.distribution_chart(_analytics(rows))
    assert len(drawn) == 2 and changed != first
    assert "n = 11" in changed and "n = 10" in first
    # The figures are in the table: the chart points there and keeps its title.
    assert "bảng «Từng đơn vị»" in changed and "analytics-distribution-title" in changed
    cache.clear()
