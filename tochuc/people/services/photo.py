"""The photo of the 2C: a JPEG or PNG checked by its content, kept in the database, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from docx.image.image import Image

from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.attachments import Upload, check_uploads
from tochuc.core.errors import DomainError
from tochuc.people.errors import PeopleErrorCode
from tochuc.people.models import Person, PersonPhoto
from tochuc.people.services.records import editable

PHOTO_TYPES = frozenset({".jpg", ".jpeg", ".png"})
PHOTO_CONTENT_TYPES = frozenset({"image/jpeg", "image/png"})
PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_MIN_PX, PHOTO_MAX_PX = 60, 6000


def _read_image(upload: Upload) -> Image:
    """The image header, parsed from the bytes themselves (the name and the browser's type are not trusted)."""
    try:
        image = Image.from_blob(upload.data)
    except Exception as exc:  # any parse failure means the bytes are not a usable image
        raise DomainError(
            _("Tệp «%(name)s» không phải là ảnh JPEG hoặc PNG đọc được.") % {"name": upload.name[:100]},
            field="photo",
            code=PeopleErrorCode.INVALID_PHOTO,
        ) from exc
    if image.content_type not in PHOTO_CONTENT_TYPES:
        raise DomainError(_("Ảnh phải là JPEG hoặc PNG."), field="photo", code=PeopleErrorCode.INVALID_PHOTO)
    small, large = min(image.px_width, image.px_height), max(image.px_width, image.px_height)
    if small < PHOTO_MIN_PX or large > PHOTO_MAX_PX:
        raise DomainError(
            _("Ảnh %(w)s×%(h)s điểm ảnh: cần từ %(low)s đến %(high)s điểm ảnh mỗi chiều.")
            % {"w": image.px_width, "h": image.px_height, "low": PHOTO_MIN_PX, "high": PHOTO_MAX_PX},
            field="photo",
            code=PeopleErrorCode.INVALID_PHOTO,
        )
    return image


@transaction.atomic
def photo_set(*, actor: Actor | None, person: Person, upload: Upload) -> PersonPhoto:
    """Put (or replace) the photo of a person's 2C."""
    person = editable(actor, person)
    check_uploads([upload], max_files=1, max_bytes=PHOTO_MAX_BYTES, types=PHOTO_TYPES, field="photo")
    image = _read_image(upload)
    replaced = PersonPhoto.objects.filter(person=person).exists()
    photo, _created = PersonPhoto.objects.update_or_create(
        person=person,
        defaults={
            "content_type": image.content_type,
            "data": upload.data,
            "size": upload.size,
            "width": image.px_width,
            "height": image.px_height,
        },
    )
    record(
        actor=actor,
        action="person.photo_set",
        target=person,
        unit_path=person.unit.path,
        summary={
            "size": upload.size,
            "width": image.px_width,
            "height": image.px_height,
            "replaced": replaced,
        },
        object_label=person.full_name,
    )
    return photo


@transaction.atomic
def photo_remove(*, actor: Actor | None, person: Person) -> None:
    person = editable(actor, person)
    deleted, _rows = PersonPhoto.objects.filter(person=person).delete()
    if deleted:
        record(
            actor=actor,
            action="person.photo_remove",
            target=person,
            unit_path=person.unit.path,
            summary={},
            object_label=person.full_name,
        )
