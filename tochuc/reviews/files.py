"""Files attached to a unit's report: checked by the shared upload check, kept with the report."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.attachments import Upload, check_uploads
from tochuc.core.errors import DomainError
from tochuc.reviews.errors import ReviewsErrorCode
from tochuc.reviews.models import ReportFile, UnitReport


def max_files() -> int:
    return int(settings.TOCHUC_REVIEW_MAX_FILES)


def attach(*, actor: Actor | None, report: UnitReport, files: Sequence[Upload]) -> list[ReportFile]:
    """Keep ``files`` with an editable report (inside the caller's transaction); the total stays capped."""
    if not files:
        return []
    check_uploads(
        files,
        max_files=max(0, max_files() - report.files.count()),
        max_bytes=int(settings.TOCHUC_REVIEW_MAX_FILE_BYTES),
    )
    kept = ReportFile.objects.bulk_create(
        ReportFile(
            report=report,
            name=f.name[:255],
            content_type=f.content_type[:100],
            size=f.size,
            data=f.data,
            uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        )
        for f in files
    )
    record(
        actor=actor,
        action="review_report.attach",
        target=report,
        unit_path=report.unit.path,
        summary={"files": [f.name[:100] for f in files], "bytes": sum(f.size for f in files)},
        object_label=f"{report.period.code} / {report.unit.code}",
    )
    return kept


def file_remove(*, actor: Actor | None, file: ReportFile) -> None:
    """Take a file off a report that is still a draft or was returned."""
    report = file.report
    enforce(actor, Action.EDIT, report.unit)
    with transaction.atomic():
        report = UnitReport.objects.select_for_update().select_related("period", "unit").get(pk=report.pk)
        if not report.is_editable:
            raise DomainError(_("Báo cáo đã gửi, không sửa được."), code=ReviewsErrorCode.ALREADY_SUBMITTED)
        name = file.name
        file.delete()
        record(
            actor=actor,
            action="review_report.detach",
            target=report,
            unit_path=report.unit.path,
            summary={"file": name[:100]},
            object_label=f"{report.period.code} / {report.unit.code}",
        )


def file_read(*, actor: Actor, file: ReportFile) -> None:
    """Someone who may read the report (the view has checked it) downloads one of its files: audited."""
    report = file.report
    with transaction.atomic():
        record(
            actor=actor,
            action="review_report.file_view",
            target=report,
            unit_path=report.unit.path,
            summary={"file": file.pk, "name": file.name[:100]},
            object_label=f"{report.period.code} / {report.unit.code}",
        )
