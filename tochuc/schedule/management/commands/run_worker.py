"""The background worker with the daily scheduler: ``manage.py run_worker`` (options of ``db_worker``).

Beside the worker loop, a thread checks every ``--schedule-interval`` seconds
(default 60) whether the day's jobs are queued, and queues those that are not; on each of those
rounds it also runs the minute jobs (``TOCHUC_MINUTE_JOBS``).
"""

from __future__ import annotations

import logging
import threading
from argparse import ArgumentParser
from typing import Any

from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from tochuc.schedule.jobs import enqueue_due, run_minute_jobs

logger = logging.getLogger(__name__)


def schedule_loop(stop: threading.Event, interval: float) -> None:
    while not stop.is_set():
        try:
            queued = enqueue_due()
            if queued:
                logger.info("daily jobs queued: %s", ", ".join(queued))
        except Exception:
            logger.exception("daily jobs could not be queued")
        try:
            run_minute_jobs()
        finally:
            connection.close()
        stop.wait(interval)


class Command(WorkerCommand):
    help = "Chạy công việc nền và đưa các công việc hằng ngày vào hàng đợi."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--schedule-interval",
            type=float,
            default=60.0,
            help="Số giây giữa hai lần kiểm tra công việc hằng ngày (mặc định 60).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        scheduler = threading.Thread(
            target=schedule_loop,
            args=(stop, options.pop("schedule_interval")),
            daemon=True,
            name="daily-jobs",
        )
        scheduler.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
