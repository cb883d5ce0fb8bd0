"""Number-symbol of a Party document: ``N-LOẠI/CƠ QUAN`` (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW).

The same text may arrive typed by hand or recognised from a scan: "03-KL/BTCTW", "Số 03 - KL/BTCTW",
"Số: 132 – CV/TU", "366-QD/TW" (OCR lost the stroke of Đ). :func:`validate_number_symbol` accepts all
of these and answers the canonical parts; anything else is refused with a Vietnamese message that
names the expected form.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from tochuc.core.errors import DomainError
from tochuc.directives.errors import DirectivesErrorCode

# Code → name as written in a document heading (the first name is the default).
DOC_TYPE_NAMES: dict[str, tuple[str, ...]] = {
    "NQ": ("Nghị quyết",),
    "CT": ("Chỉ thị",),
    "KL": ("Kết luận",),
    "QĐ": ("Quyết định", "Quy định"),
    "HD": ("Hướng dẫn",),
    "KH": ("Kế hoạch",),
    "TB": ("Thông báo",),
    "BC": ("Báo cáo",),
    "TTr": ("Tờ trình",),
    "CV": ("Công văn",),
}

# Upper-cased spelling (incl. OCR variants) → canonical code.
_CODE_ALIASES: dict[str, str] = {code.upper(): code for code in DOC_TYPE_NAMES}
_CODE_ALIASES.update({"QD": "QĐ", "QÐ": "QĐ", "TTR": "TTr"})  # "Ð" (U+00D0) is a common OCR stand-in for Đ

_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_SLASH = "/\u2044\u2215"
NUMBER_SYMBOL_RE = re.compile(
    rf"(?P<number>\d{{1,5}})\s*[{_DASH}]\s*(?P<type>[A-Za-zĐđÐ]{{2,3}})\s*[{_SLASH}]\s*"
    r"(?P<issuer>[A-ZĐÐ][A-ZĐÐƯ0-9]*(?:-[A-ZĐÐ0-9]+)?)(?![\wĐđ])"
)
_PREFIX_RE = re.compile(r"^\s*(?:số|so)\s*[:.]?\s*", re.IGNORECASE)

EXPECTED_FORM = "N-LOẠI/CƠ QUAN, ví dụ 03-KL/BTCTW"


def canonical_doc_type(code: str) -> str | None:
    """The DocType code for ``code`` as written ("qd", "QĐ", "TTR" …), or None if unknown."""
    return _CODE_ALIASES.get(code.strip().upper())


def _clean_issuer(issuer: str) -> str:
    return issuer.replace("Ð", "Đ").replace("Ư", "U").upper()  # OCR reads "TU" as "TƯ"


def validate_number_symbol(text: str) -> tuple[str, str, str]:
    """Parse ``N-LOẠI/CƠ QUAN`` into ``(number, doc_type, issuer_code)``.

    >>> validate_number_symbol("Số 03 - KL/BTCTW")
    ('03', 'KL', 'BTCTW')
    >>> validate_number_symbol("366-QD/TW")
    ('366', 'QĐ', 'TW')

    The number keeps its leading zeros as written ("03"); the type is a code of ``DocType``.
    Raises ``DomainError`` (field ``number_symbol``) for anything else, e.g. the state form
    "15/KH-UBND", which is not a Party number-symbol.
    """
    raw = unicodedata.normalize("NFC", text or "")
    body = _PREFIX_RE.sub("", raw).strip().rstrip(".,;")
    match = NUMBER_SYMBOL_RE.fullmatch(body)
    if not body:
        raise DomainError(
            _("Chưa nhập số và ký hiệu văn bản (dạng %(form)s).") % {"form": EXPECTED_FORM},
            code=DirectivesErrorCode.NUMBER_SYMBOL_REQUIRED,
            field="number_symbol",
        )
    if match is None:
        raise DomainError(
            _("Số và ký hiệu “%(given)s” không đúng dạng %(form)s.")
            % {"given": raw.strip(), "form": EXPECTED_FORM},
            code=DirectivesErrorCode.INVALID_NUMBER_SYMBOL,
            field="number_symbol",
        )
    doc_type = canonical_doc_type(match["type"])
    if doc_type is None:
        known = ", ".join(DOC_TYPE_NAMES)
        raise DomainError(
            _(
                "Loại văn bản “%(type)s” trong số và ký hiệu không có trong danh mục (%(known)s); cần dạng %(form)s."
            )
            % {"type": match["type"], "known": known, "form": EXPECTED_FORM},
            code=DirectivesErrorCode.UNKNOWN_DOC_TYPE,
            field="number_symbol",
        )
    number = match["number"]
    if int(number) == 0:
        raise DomainError(
            _("Số văn bản phải lớn hơn 0 (dạng %(form)s).") % {"form": EXPECTED_FORM},
            code=DirectivesErrorCode.ZERO_DOCUMENT_NUMBER,
            field="number_symbol",
        )
    return number, doc_type, _clean_issuer(match["issuer"])


def format_number_symbol(number: str, doc_type: str, issuer_code: str) -> str:
    """``("03", "KL", "BTCTW")`` → ``"03-KL/BTCTW"``."""
    return f"{number}-{doc_type}/{issuer_code}"
