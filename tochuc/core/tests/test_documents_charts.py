import itertools
import xml.etree.ElementTree as ET

import pytest

from tochuc.core.documents.charts import (
    COMPLETED,
    EXCELLENT,
    GOOD,
    NOT_COMPLETED,
    Bar,
    PyramidBand,
    Series,
    StackedRow,
    bar_chart,
    pyramid_chart,
    stacked_bar_chart,
)
from tochuc.core.documents.numbers import format_number, format_percent

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # well-formed XML, so every text was escaped
    assert root.tag == f"{SVG}svg"
    return root


def marks(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}rect") if css_class in e.get("class", "").split()]


def num(element: ET.Element, attribute: str) -> float:
    value = element.get(attribute)
    assert value is not None
    return float(value)


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def test_vietnamese_numbers():
    assert format_number(0) == "0"
    assert format_number(999) == "999"
    assert format_number(1234567) == "1.234.567"
    assert format_number(12345.67, 1) == "12.345,7"
    assert format_percent(45.61) == "45,6%"
    assert format_percent(100) == "100,0%"


def test_horizontal_bars_are_proportional_and_labelled():
    root = parse(
        bar_chart(
            [Bar("Kinh", 1000), Bar("Tày", 250), Bar("Thái", 500), Bar("Mường", 0)],
            chart_id="c1",
            title="Dân tộc",
            description="Theo dân tộc.",
        )
    )
    widths = [num(r, "width") for r in marks(root, "bar")]
    assert widths[1] / widths[0] == pytest.approx(0.25)
    assert widths[2] / widths[0] == pytest.approx(0.5)
    assert widths[3] == 0
    labels = texts(root)
    assert "1.000 (57,1%)" in labels  # the value is written, not only drawn
    assert "0 (0,0%)" in labels
    assert "Kinh" in labels


def test_accessible_name_and_description():
    svg = bar_chart([Bar("Nam", 3), Bar("Nữ", 1)], chart_id="gender", title="Giới tính", description="Mô tả.")
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "gender-title gender-desc"
    assert root.find(f"{SVG}title").get("id") == "gender-title"
    assert root.find(f"{SVG}title").text == "Giới tính"
    desc = root.findtext(f"{SVG}desc", "")
    assert desc.startswith("Mô tả.") and "Nam: 3 (75,0%)" in desc
    assert "style=" not in svg
    assert "<script" not in svg


def test_vertical_bars_are_proportional():
    root = parse(bar_chart([Bar("A", 30), Bar("B", 10)], chart_id="v", title="T", vertical=True, width=300))
    heights = [num(r, "height") for r in marks(root, "bar")]
    assert heights[1] / heights[0] == pytest.approx(1 / 3)
    # The bars stand on one baseline.
    bottoms = {round(num(r, "y") + num(r, "height"), 2) for r in marks(root, "bar")}
    assert len(bottoms) == 1


def test_bar_colour_can_be_given_per_bar():
    root = parse(
        bar_chart([Bar("Nam", 2, "#112233"), Bar("Nữ", 1)], chart_id="c", title="T", colour="#445566")
    )
    assert [r.get("fill") for r in marks(root, "bar")] == ["#112233", "#445566"]


@pytest.mark.parametrize("bars", [[], [Bar("A", 0), Bar("B", 0)]])
def test_no_data_says_so(bars):
    svg = bar_chart(bars, chart_id="empty", title="Dân tộc")
    root = parse(svg)
    assert marks(root, "bar") == []
    assert "Chưa có số liệu." in texts(root)
    assert "Chưa có số liệu." in root.findtext(f"{SVG}desc", "")


def test_text_is_escaped():
    nasty = '<script>alert("x")</script> & "Kinh"'
    svg = bar_chart([Bar(nasty, 1)], chart_id="esc", title=nasty, description=nasty)
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == nasty


def test_chart_id_must_be_plain():
    with pytest.raises(ValueError):
        bar_chart([Bar("A", 1)], chart_id='x" onload="alert(1)', title="T")


RATINGS = [
    Series("Hoàn thành xuất sắc nhiệm vụ", EXCELLENT),
    Series("Hoàn thành tốt nhiệm vụ", GOOD),
    Series("Hoàn thành nhiệm vụ", COMPLETED),
    Series("Không hoàn thành nhiệm vụ", NOT_COMPLETED),
]


def test_stacked_bars_split_each_row_by_share():
    rows = [StackedRow("Xã An Bình", [10, 60, 25, 5]), StackedRow("Xã Đức Thọ", [0, 0, 0, 0])]
    root = parse(stacked_bar_chart(rows, series=RATINGS, chart_id="ratings", title="Xếp loại"))
    segments = marks(root, "segment")
    assert [s.get("fill") for s in segments] == [EXCELLENT, GOOD, COMPLETED, NOT_COMPLETED]
    widths = [num(s, "width") for s in segments]
    # Coordinates are written to a tenth of a pixel.
    assert widths[1] / widths[0] == pytest.approx(6, abs=0.01)
    assert widths[3] / widths[2] == pytest.approx(0.2, abs=0.001)
    # Segments follow each other without gaps.
    for left, right in itertools.pairwise(segments):
        assert num(left, "x") + num(left, "width") == pytest.approx(num(right, "x"), abs=0.001)
    labels = texts(root)
    assert "Hoàn thành xuất sắc nhiệm vụ" in labels  # legend: colour is never alone
    assert "60%" in labels
    assert "n = 100" in labels
    assert "Chưa có số liệu." in labels  # the empty row


def test_stacked_bars_absolute_scale_and_checks():
    rows = [StackedRow("A", [10, 10, 0, 0]), StackedRow("B", [5, 5, 0, 0])]
    root = parse(stacked_bar_chart(rows, series=RATINGS, chart_id="abs", title="T", normalise=False))
    widths = [num(s, "width") for s in marks(root, "segment")]
    assert widths[2] / widths[0] == pytest.approx(0.5, abs=0.001)
    with pytest.raises(ValueError):
        stacked_bar_chart([StackedRow("A", [1])], series=RATINGS, chart_id="bad", title="T")
    assert "Chưa có số liệu." in stacked_bar_chart([], series=RATINGS, chart_id="none", title="T")


def _bar_tips(root: ET.Element) -> list[str]:
    return [g.findtext(f"{SVG}title", "") for g in root.iter(f"{SVG}g") if g.find(f"{SVG}rect") is not None]


def test_stacked_bars_many_rows_stay_light_and_complete():
    series = [*RATINGS, Series("Chưa xếp loại", "#b8bec6")]
    rows = [StackedRow(f"Xã số {i}", [i % 7, 3 * i % 50, i % 11, i % 3, i % 5]) for i in range(1, 169)]
    svg = stacked_bar_chart(rows, series=series, chart_id="many", title="T", description="D.", width=760)
    root = parse(svg)
    # Every bar, every non-empty segment and every total is drawn …
    assert len(marks(root, "segment")) == sum(1 for r in rows for v in r.values if v > 0)
    labels = texts(root)
    for row in rows:
        assert row.label in labels
        assert f"n = {format_number(sum(row.values))}" in labels
    # … each bar names its row and its figures when hovered …
    tips = _bar_tips(root)
    assert tips[0] == (
        "Xã số 1 — Hoàn thành xuất sắc nhiệm vụ: 1 (14%); Hoàn thành tốt nhiệm vụ: 3 (43%); "
        "Hoàn thành nhiệm vụ: 1 (14%); Không hoàn thành nhiệm vụ: 1 (14%); Chưa xếp loại: 1 (14%)"
    )
    assert len(tips) == len(rows)
    # … the text of a kind shares its attributes on a group, coordinates to a tenth of a pixel.
    assert svg.count("dominant-baseline") < 12
    assert all(len(r.get("x", "").partition(".")[2]) <= 1 for r in marks(root, "segment"))
    # The description lists every row's figures unless the page has them in a table.
    assert "Xã số 168 —" in root.findtext(f"{SVG}desc", "")
    lean_svg = stacked_bar_chart(
        rows, series=series, chart_id="m", title="T", description="D.", summary=False
    )
    lean = parse(lean_svg)
    assert lean.findtext(f"{SVG}desc", "") == "D."
    assert len(lean_svg) < 130_000  # 168 bars: about 700 bytes each
    assert lean.find(f"{SVG}title").text == "T"


def test_stacked_bar_tips_and_labels_are_escaped():
    nasty = '<script>alert("x")</script>'
    svg = stacked_bar_chart([StackedRow(nasty, [1, 2, 0, 0])], series=RATINGS, chart_id="e", title="T")
    assert "<script>" not in svg
    root = parse(svg)
    assert '<script>alert("x")</scrip…' in texts(root)  # shortened to fit, and still text
    assert _bar_tips(root) == [
        f"{nasty} — Hoàn thành xuất sắc nhiệm vụ: 1 (33%); Hoàn thành tốt nhiệm vụ: 2 (67%)"
    ]


def test_pyramid_men_left_women_right_oldest_on_top():
    bands = [PyramidBand("Dưới 20", 4, 2), PyramidBand("20–24", 8, 1), PyramidBand("Từ 70", 0, 3)]
    root = parse(pyramid_chart(bands, chart_id="pyr", title="Tháp tuổi"))
    men = marks(root, "men")
    women = marks(root, "women")
    # Drawn oldest first; one scale for both sides, set by the largest count (8 men aged 20–24).
    scale = num(men[1], "width") / 8
    assert [num(r, "width") / scale for r in men] == pytest.approx([0, 8, 4], rel=1e-3)
    assert [num(r, "width") / scale for r in women] == pytest.approx([3, 1, 2], rel=1e-3)
    # Men grow leftwards to a common edge, women rightwards from another.
    men_edges = {round(num(r, "x") + num(r, "width"), 2) for r in men}
    women_edges = {round(num(r, "x"), 2) for r in women}
    assert len(men_edges) == 1 and len(women_edges) == 1
    assert men_edges.pop() < women_edges.pop()
    # The oldest band is drawn first, at the top.
    assert [num(r, "y") for r in men] == sorted(num(r, "y") for r in men)
    labels = texts(root)
    assert labels.index("Từ 70") < labels.index("Dưới 20")
    assert "12 (66,7%)" in labels and "6 (33,3%)" in labels  # totals per side
    assert "Nam" in labels and "Nữ" in labels


def test_pyramid_without_people():
    bands = [PyramidBand("Dưới 20", 0, 0), PyramidBand("20–24", 0, 0)]
    svg = pyramid_chart(bands, chart_id="pyr0", title="Tháp tuổi")
    assert "Chưa có số liệu." in svg
    assert marks(parse(svg), "men") == []


def test_large_numbers_use_dots():
    root = parse(pyramid_chart([PyramidBand("40–44", 12345, 6789)], chart_id="big", title="T"))
    assert "12.345" in texts(root)
    assert "6.789" in texts(root)
