"""Scans uploaded at intake are recognised by a worker (django-tasks), page by page with progress."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.directives import parsing
from tochuc.directives.models import RecognitionJob, RecognitionStatus

logger = logging.getLogger(__name__)


def _job_dir(job: RecognitionJob) -> Path:
    return Path(settings.VAR_DIR) / "scans" / str(job.pk)


def recognition_submit(*, actor: Actor, data: bytes, file_name: str) -> RecognitionJob:
    """Keep the scan in a folder of its own and queue its recognition."""
    name = Path(file_name or "ban-quet").name[:255]
    job = RecognitionJob(created_by=actor, file_name=name)
    folder = _job_dir(job)
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"scan{Path(name).suffix.lower()}"
    stored.write_bytes(data)
    job.stored_path = str(stored)
    job.save()
    run_recognition.enqueue(str(job.pk))
    return job


@task()
def run_recognition(job_id: str) -> None:
    job = RecognitionJob.objects.get(pk=job_id)
    if job.status != RecognitionStatus.QUEUED:
        return
    RecognitionJob.objects.filter(pk=job_id).update(
        status=RecognitionStatus.RUNNING, updated_at=timezone.now()
    )

    def progress(done: int, total: int) -> None:
        RecognitionJob.objects.filter(pk=job_id).update(
            pages_done=done, pages_total=total, updated_at=timezone.now()
        )

    try:
        text = parsing.extract_text(Path(job.stored_path).read_bytes(), job.file_name, progress)
    except DomainError as exc:
        RecognitionJob.objects.filter(pk=job_id).update(
            status=RecognitionStatus.FAILED, error=str(exc.message)[:500], updated_at=timezone.now()
        )
    except Exception:  # a worker never dies on one file; the page says it failed
        logger.exception("recognition of %s failed", job_id)
        RecognitionJob.objects.filter(pk=job_id).update(
            status=RecognitionStatus.FAILED,
            error="Lỗi hệ thống khi nhận dạng chữ; hãy thử lại hoặc dán nội dung văn bản.",
            updated_at=timezone.now(),
        )
    else:
        RecognitionJob.objects.filter(pk=job_id).update(
            status=RecognitionStatus.DONE, text=text, updated_at=timezone.now()
        )
    finally:
        shutil.rmtree(_job_dir(job), ignore_errors=True)
