"""Background work of the people app: an uploaded workbook is checked and imported by a worker."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tochuc.core.actors import Actor
from tochuc.core.documents.excel import WorkbookRejected, check_workbook
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.people.errors import PeopleErrorCode
from tochuc.people.importing import import_people
from tochuc.people.models import ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)

DEFAULT_MAX_UPLOAD = 50 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "TOCHUC_IMPORT_MAX_BYTES", DEFAULT_MAX_UPLOAD))


def _job_dir(job: ImportJob) -> Path:
    return Path(settings.VAR_DIR) / "imports" / str(job.pk)


def import_job_submit(*, actor: Actor | None, upload: UploadedFile[bytes], dry_run: bool) -> ImportJob:
    """Keep the uploaded file in a folder of its own and queue its import."""
    size = upload.size or 0
    if size > max_upload_bytes():
        raise DomainError(
            _("Tệp lớn hơn %(mb)d MB; hãy chia thành nhiều tệp.")
            % {"mb": max_upload_bytes() // (1024 * 1024)},
            field="file",
            code=PeopleErrorCode.FILE_TOO_LARGE,
        )
    name = Path(upload.name or "tep.xlsx").name[:255]
    job = ImportJob(created_by=actor, file_name=name, dry_run=dry_run)
    folder = _job_dir(job)
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / "upload.xlsx"
    with stored.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    try:
        # What is not a workbook (empty, broken, a bomb, another type) is refused here, before a job
        # exists; the rows are checked by the job.
        check_workbook(stored)
    except WorkbookRejected as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise DomainError(exc.message, field="file", code=ErrorCode.INVALID) from exc
    job.stored_path = str(stored)
    job.save()
    run_people_import.enqueue(str(job.pk))
    return job


def _progress(job_id: str) -> Callable[[str, int, int | None], None]:
    def report(stage: str, done: int, total: int | None) -> None:
        if stage == "checking":
            ImportJob.objects.filter(pk=job_id).update(
                rows_checked=done, rows_total=total, updated_at=timezone.now()
            )
        else:
            ImportJob.objects.filter(pk=job_id).update(
                status=ImportJobStatus.WRITING, updated_at=timezone.now()
            )

    return report


@task()
def run_people_import(job_id: str) -> None:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJobStatus.QUEUED:
        return
    ImportJob.objects.filter(pk=job_id).update(status=ImportJobStatus.CHECKING, updated_at=timezone.now())
    try:
        result = import_people(
            actor=job.created_by,
            path=Path(job.stored_path),
            file_name=job.file_name,
            dry_run=job.dry_run,
            progress=_progress(job_id),
            max_errors=ImportJob.MAX_STORED_ERRORS,
        )
    except Exception:
        logger.exception("people import job %s failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJobStatus.FAILED, finished_at=timezone.now(), updated_at=timezone.now()
        )
        raise
    else:
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJobStatus.DONE if result.ok else ImportJobStatus.REJECTED,
            rows_total=result.rows if result.ok else F("rows_total"),
            rows_checked=result.rows if result.ok else F("rows_checked"),
            created_count=result.created,
            updated_count=result.updated,
            unchanged_count=result.unchanged,
            error_count=result.error_count,
            errors=[[e.row, e.column, e.message] for e in result.errors],
            warnings=[[w.row, w.column, w.message] for w in result.warnings],
            warning_count=result.warning_count,
            created_codes=result.created_codes,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    finally:
        shutil.rmtree(_job_dir(job), ignore_errors=True)
        ImportJob.objects.filter(pk=job_id).update(stored_path="")
