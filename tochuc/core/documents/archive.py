"""An uploaded Word or Excel file is a zip archive: it is checked before anything unpacks it.

Only the central directory is read (names and declared sizes), so a decompression bomb is refused in
milliseconds whatever it would inflate to. Python's zip reader never inflates a member past its declared
size, so the declared sizes are the sizes that count. The limits are settings:
``TOCHUC_ARCHIVE_MAX_ENTRIES``, ``TOCHUC_ARCHIVE_MAX_TOTAL`` (all members together),
``TOCHUC_ARCHIVE_MAX_PART`` (one member; ``TOCHUC_ARCHIVE_MAX_DOCUMENT_PART`` for the parts of a Word
file, which are read whole into memory) and ``TOCHUC_ARCHIVE_MAX_RATIO`` (uncompressed / compressed, for
members over one megabyte).

Office files never declare a DTD, so an XML part whose prolog does (``<!DOCTYPE``: external entities,
"billion laughs") is refused here too, whatever the parser that would read it does with entities.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from tochuc.core.errors import DomainError, ErrorCode

RATIO_FLOOR = 1024 * 1024  # smaller members may compress as well as they like
Source = Path | bytes | IO[bytes]
ZIP_MAGIC = b"PK\x03\x04"
PROLOG_LIMIT = 64 * 1024  # an XML part's declarations come before its first element, well within this
XML_PARTS = (".xml", ".rels", ".vml")
_ROOT = re.compile(rb"<[A-Za-z_]")


class ArchiveRejected(DomainError):
    """The upload is refused as a whole, before any of it was parsed."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code=ErrorCode.INVALID, field="file")


def is_archive(source: Source) -> bool:
    return zipfile.is_zipfile(io.BytesIO(source) if isinstance(source, bytes) else source)


def looks_like_archive(head: bytes) -> bool:
    """Whether the first bytes are those of a zip archive (an Office file), readable or not."""
    return head[:4] == ZIP_MAGIC


def _declares_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog declares a DTD (or is too long to be an Office part's prolog)."""
    with archive.open(info) as part:
        head = part.read(PROLOG_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode()
    root = _ROOT.search(head)
    if root is None:  # no element in the first 64 KB: a DTD could hide further on
        return len(head) == PROLOG_LIMIT or b"<!DOCTYPE" in head
    return b"<!DOCTYPE" in head[: root.start()]


def check_archive(
    source: Source, *, holds: str, max_part: int | None = None, streamed: tuple[str, ...] = ()
) -> None:
    """Refuse ``source`` unless its entries, sizes and ratios are those of a real office file.

    ``holds`` names what the file should be, for the message ("một bảng tính"). ``max_part`` overrides
    ``TOCHUC_ARCHIVE_MAX_PART`` for a format whose parts are read whole; members whose names start with
    one of ``streamed`` are read piece by piece and bounded only by the total and the ratio.
    """
    max_entries = int(settings.TOCHUC_ARCHIVE_MAX_ENTRIES)
    max_total = int(settings.TOCHUC_ARCHIVE_MAX_TOTAL)
    part_limit = int(max_part if max_part is not None else settings.TOCHUC_ARCHIVE_MAX_PART)
    max_ratio = int(settings.TOCHUC_ARCHIVE_MAX_RATIO)
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ArchiveRejected(_("Tệp nén bị hỏng, không đọc được.")) from exc
    finally:
        if not isinstance(source, Path | bytes):
            source.seek(0)
    if len(members) > max_entries:
        raise ArchiveRejected(
            _("Tệp nén có %(n)d thành phần, quá nhiều đối với %(holds)s.")
            % {"n": len(members), "holds": holds}
        )
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise ArchiveRejected(_("Tệp có thành phần được mã hóa; hãy bỏ mật khẩu rồi lưu lại."))
        dense = info.file_size > RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1)
        whole = not info.filename.startswith(streamed)
        if dense or (whole and info.file_size > part_limit):
            raise ArchiveRejected(_("Tệp bị từ chối: dữ liệu nén bất thường (có thể là tệp “bom nén”)."))
        total += info.file_size
    if total > max_total:
        raise ArchiveRejected(_("Tệp bị từ chối: dữ liệu sau khi giải nén quá lớn."))
    _check_declarations(source, members)


def _check_declarations(source: Source, members: list[zipfile.ZipInfo]) -> None:
    """Refuse an XML part that declares a DTD; run after the sizes are known to be sane."""
    xml = [info for info in members if info.filename.lower().endswith(XML_PARTS)]
    if not xml:
        return
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            declares = any(_declares_doctype(archive, info) for info in xml)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ArchiveRejected(_("Tệp nén bị hỏng, không đọc được.")) from exc
    finally:
        if not isinstance(source, Path | bytes):
            source.seek(0)
    if declares:
        raise ArchiveRejected(
            _(
                "Tệp bị từ chối: phần XML có khai báo DOCTYPE (thực thể XML) hoặc phần đầu bất thường; "
                "tệp Office thật không có."
            )
        )


def check_document(data: bytes) -> None:
    """The archive check of an uploaded Word (.docx) file."""
    check_archive(data, holds=_("một văn bản Word"), max_part=int(settings.TOCHUC_ARCHIVE_MAX_DOCUMENT_PART))
