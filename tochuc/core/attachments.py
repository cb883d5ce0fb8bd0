"""Files sent with an item (feedback, a review report, a proposal…): one check, one form field.

Each app keeps its files in its own model (name, content type, size, data) and calls
:func:`check_uploads` before saving them; the limits are the caller's settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.utils.translation import gettext as _

from tochuc.core.documents.archive import check_archive, is_archive
from tochuc.core.errors import AppErrorCode, DomainError

DOCUMENT_TYPES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".txt"})


class AttachmentErrorCode(AppErrorCode):
    TOO_MANY_FILES = "attachments.too_many_files"
    FILE_TOO_LARGE = "attachments.file_too_large"
    FILE_TYPE = "attachments.file_type"


@dataclass(frozen=True)
class Upload:
    """A file as the service sees it: read once, whatever surface it came from."""

    name: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


# No caller accepts files this large: a bigger file is read only this far (plus one byte), enough for
# the caller's size check to refuse it without holding the whole of it in memory.
READ_LIMIT = 64 * 1024 * 1024


def uploads_from(files: Sequence[UploadedFile[bytes]]) -> list[Upload]:
    """The uploaded files of a form, read into memory up to ``READ_LIMIT`` (the caller checks the size)."""
    return [
        Upload(name=f.name or "", content_type=f.content_type or "", data=f.read(READ_LIMIT + 1))
        for f in files
    ]


def attached_files(request: HttpRequest, max_files: int, field: str = "attachments") -> list[Upload]:
    """The files of a form field, one more than allowed at most: enough for the check to refuse too many."""
    return uploads_from(request.FILES.getlist(field)[: max_files + 1])


def _type_names(types: frozenset[str]) -> str:
    return ", ".join(sorted(t.lstrip(".").upper() for t in types))


def check_uploads(
    files: Sequence[Upload],
    *,
    max_files: int,
    max_bytes: int,
    types: frozenset[str] = DOCUMENT_TYPES,
    field: str = "attachments",
) -> None:
    """Refuse, naming the file, too many files, a file too large, of another type, or a bad archive."""
    if len(files) > max_files:
        raise DomainError(
            _("Chỉ gửi kèm tối đa %(n)d tệp.") % {"n": max_files},
            field=field,
            code=AttachmentErrorCode.TOO_MANY_FILES,
        )
    for upload in files:
        if upload.size > max_bytes:
            raise DomainError(
                _("Tệp «%(name)s» lớn quá %(mb)s MB.")
                % {"name": upload.name[:100], "mb": max(1, max_bytes // (1024 * 1024))},
                field=field,
                code=AttachmentErrorCode.FILE_TOO_LARGE,
            )
        if PurePosixPath(upload.name.lower()).suffix not in types:
            raise DomainError(
                _("Tệp «%(name)s» không thuộc loại được nhận (%(types)s).")
                % {"name": upload.name[:100], "types": _type_names(types)},
                field=field,
                code=AttachmentErrorCode.FILE_TYPE,
            )
        if PurePosixPath(upload.name.lower()).suffix in {".docx", ".xlsx"} or is_archive(upload.data):
            check_archive(upload.data, holds=_("một tệp gửi kèm"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; :func:`check_uploads` checks their number, size and type."""

    def clean(self, data: object, initial: object = None) -> object:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return super().clean(data, initial)
