"""Word documents in the Party layout: the shared page, font and table helpers, and the Party document.

``use_font``, ``line``, ``grid``, ``section`` and ``item`` lay out any Party form (the 2C curriculum
vitae, the evaluation forms); ``render_party_document`` writes a whole Party document (văn bản của Đảng)
in its standard layout:

The layout follows Quy định 66-QĐ/TW (2017) on the format of Party documents and
Hướng dẫn 36-HD/VPTW (2018) that details it. What this module applies, and how
sure we are of each point:

- Paper A4, portrait. Margins: top 20 mm, bottom 20 mm, left 30 mm, right 15 mm.
  The guidance gives ranges (top and bottom 20–25 mm, left 30–35 mm, right
  15–20 mm, as we recall it); we use the lower end of each.
- Font Times New Roman (Unicode, TCVN 6909) throughout.
- Header, a two-column borderless table:
  left — the superior body (upper case, regular), the issuing body (upper case,
  bold), a "*" line, then the number and symbol ("Số 12-KH/TU");
  right — "ĐẢNG CỘNG SẢN VIỆT NAM" (upper case, bold, underlined), then the
  place-date line in italics ("Hà Tĩnh, ngày 05 tháng 01 năm 2026").
  Day and month below 10 are written with a leading zero, as in the guidance's
  examples.
- The type name (upper case, bold, centred) and the subject line (bold,
  centred) below it.
- Body paragraphs justified, first-line indent 1 cm, 14 pt, 6 pt between
  paragraphs; the guidance allows 13–15 pt for the body.
- At the foot, a second borderless table: "Nơi nhận:" and its list on the left
  (smaller type), the signature block on the right — the signing capacity
  ("T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN"…), the post, room for the signature and
  seal, and the signer's full name in bold.

Font sizes for each element (header 14–15 pt, type name 15–16 pt, recipients
12 pt…) are taken within the ranges of the guidance as we remember them; they
have not been checked against a printed copy of 36-HD/VPTW, so treat them as
close to, not certified by, the guidance.

The builder knows nothing about tochuc's models: directives build a plan and a
progress report with it; personnel decisions (Quyết định) can use it the same way.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
EMPTY = "…………………"
BODY_SIZE = 14
# (top, bottom, left, right) in millimetres.
MARGINS_MM = (20, 20, 30, 15)
PAGE_MM = (210, 297)
# Text width: 210 - 30 - 15 mm.
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM[2] - MARGINS_MM[3]


@dataclass(frozen=True)
class Heading:
    """A section heading in the body: level 1 upper case and bold ("I. MỤC ĐÍCH, YÊU CẦU"), level 2 bold."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class TableBlock:
    """A grid in the body: a bold heading row, then the rows; widths in mm (optional, should sum ≈ 165)."""

    headings: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths_mm: Sequence[float] | None = None
    font_size: float = 12


# A body is a sequence of blocks: a plain string is one justified paragraph.
Block = str | Heading | TableBlock


@dataclass(frozen=True)
class PartyDocument:
    """Everything a Party document shows, already worded; nothing is looked up while rendering.

    ``date`` None leaves the day, month and year blank for a draft
    ("Hà Tĩnh, ngày   tháng   năm ") — likewise an ``number_symbol`` such as
    "-KH/TU" for a number still to be given by the clerk.
    """

    issuer_superior: str  # "ĐẢNG BỘ TỈNH HÀ TĨNH"; "" when the issuer stands alone ("TỈNH ỦY HÀ TĨNH")
    issuer: str  # "ĐẢNG ỦY XÃ AN BÌNH"
    number_symbol: str  # "12-KH/TU" (without "Số")
    place: str  # "Hà Tĩnh"
    date: dt.date | None
    doc_type_name: str  # "KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO"
    title: str  # the subject line
    paragraphs: Sequence[Block] = field(default_factory=tuple)
    signing_capacity: str = ""  # "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN", "" for the head signing
    signer_position: str = ""  # "BÍ THƯ", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"
    signer_name: str = ""
    recipients: Sequence[str] = field(default_factory=tuple)  # without the leading dash


def place_date_line(place: str, date: dt.date | None) -> str:
    """ "Hà Tĩnh, ngày 05 tháng 01 năm 2026"; blanks for an undated draft."""
    if date is None:
        return f"{place}, ngày      tháng      năm      "
    return f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"


def use_font(document: DocxDocument, *, size: float = 13, space_after: float = 2) -> None:
    """Times New Roman for every script, A4 portrait with the Party margins."""
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(space_after)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


def line(
    container: DocxDocument | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    center: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    first: bool = False,
) -> Paragraph:
    """A one-run paragraph; ``first`` fills the cell's existing empty paragraph instead of adding one."""
    paragraph: Paragraph = container.paragraphs[0] if first else container.add_paragraph()
    if align is not None or center:
        paragraph.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    if underline:
        run.underline = True
    if size:
        run.font.size = Pt(size)
    return paragraph


class LineOptions(TypedDict, total=False):
    bold: bool
    italic: bool
    underline: bool
    size: float | None
    align: WD_ALIGN_PARAGRAPH | None
    first: bool


def _line(container: DocxDocument | _Cell, text: str = "", **options: Unpack[LineOptions]) -> Paragraph:
    """``line`` centred unless told otherwise, as most lines of a Party document are."""
    return line(container, text, center=True, **options)


def item(document: DocxDocument, number: int, label: str, value: str) -> None:
    """A numbered form item: "3) Sinh ngày: 05/09/1980", the value in bold, dots when there is none."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{number}) {label}: ")
    paragraph.add_run(value or EMPTY).bold = bool(value)


def grid(document: DocxDocument, headings: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A form's bordered table: bold centred headings, 12 pt cells, one empty row when there is none."""
    table: Table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = cell.paragraphs[0].add_run(heading)
        run.bold = True
        run.font.size = Pt(12)
    if not rows:
        rows = [["" for _ in headings]]
    for values in rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for cell, value in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(value).font.size = Pt(12)
    return table


def section(document: DocxDocument, title: str) -> None:
    """A form's section title: bold, centred, kept with what follows."""
    paragraph = line(document, title, bold=True, center=True)
    paragraph.paragraph_format.space_before = Pt(10)
    paragraph.paragraph_format.keep_with_next = True


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table: Table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _header(document: DocxDocument, doc: PartyDocument) -> None:
    table: Table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, (70, TEXT_WIDTH_MM - 70))
    left, right = table.rows[0].cells
    if doc.issuer_superior:
        _line(left, doc.issuer_superior.upper(), first=True)
        _line(left, doc.issuer.upper(), bold=True)
    else:
        _line(left, doc.issuer.upper(), bold=True, first=True)
    _line(left, "*")
    _line(left, f"Số {doc.number_symbol}")
    _line(right, PARTY, bold=True, underline=True, size=15, first=True)
    _line(right, "")
    _line(right, place_date_line(doc.place, doc.date), italic=True)


def _title(document: DocxDocument, doc: PartyDocument) -> None:
    heading = _line(document, doc.doc_type_name.upper(), bold=True, size=16)
    heading.paragraph_format.space_before = Pt(18)
    heading.paragraph_format.keep_with_next = True
    subject = _line(document, doc.title, bold=True)
    subject.paragraph_format.keep_with_next = True
    _line(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.space_after = Pt(6)


def _paragraph(document: DocxDocument, text: str) -> None:
    paragraph = _line(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(6)


def _heading(document: DocxDocument, block: Heading) -> None:
    text = block.text.upper() if block.level == 1 else block.text
    paragraph = _line(document, text, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.keep_with_next = True


def _grid(document: DocxDocument, block: TableBlock) -> None:
    table: Table = document.add_table(rows=1, cols=len(block.headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, heading in zip(table.rows[0].cells, block.headings, strict=True):
        _line(cell, heading, bold=True, size=block.font_size, first=True)
    # The heading row repeats on every page.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for values in block.rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for cell, value in zip(cells, values, strict=True):
            _line(cell, value, size=block.font_size, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    if block.widths_mm:
        _widths(table, block.widths_mm)
    document.add_paragraph().paragraph_format.space_after = Pt(6)


def _body(document: DocxDocument, blocks: Sequence[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            _heading(document, block)
        elif isinstance(block, TableBlock):
            _grid(document, block)
        else:
            _paragraph(document, block)


def _recipients(cell: _Cell, recipients: Sequence[str]) -> None:
    _line(cell, "Nơi nhận:", underline=True, size=14, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    last = len(recipients) - 1
    for index, recipient in enumerate(recipients):
        text = recipient.strip().lstrip("-").strip().rstrip(",;.")
        _line(cell, f"- {text}{'.' if index == last else ','}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)


def _signature(cell: _Cell, doc: PartyDocument) -> None:
    first = True
    for line in (doc.signing_capacity, doc.signer_position):
        if line:
            _line(cell, line.upper(), bold=True, first=first)
            first = False
    if first:
        _line(cell, "", first=True)
    for _ in range(4):  # room for the signature and the seal
        _line(cell, "")
    _line(cell, doc.signer_name, bold=True)


def _footer(document: DocxDocument, doc: PartyDocument) -> None:
    document.add_paragraph()
    table: Table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, (TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2))
    left, right = table.rows[0].cells
    _recipients(left, doc.recipients)
    _signature(right, doc)


def render_party_document(doc: PartyDocument) -> bytes:
    """The .docx bytes of ``doc`` in the Party layout."""
    document = Document()
    use_font(document, size=BODY_SIZE, space_after=0)
    document.styles["Normal"].paragraph_format.space_before = Pt(0)
    _header(document, doc)
    _title(document, doc)
    _body(document, doc.paragraphs)
    _footer(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
