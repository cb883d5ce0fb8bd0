"""``manage.py directive_parse PATH [--format json|text] [--user NAME]``: read a document, print what was read.

Each task carries up to three ``suggested_units`` (``{"unit": code, "reason": …}``): the units that may
lead it, among the units ``--user`` may see (every active unit without ``--user``; an empty list when
the database has none). Exit 1 with a message on stderr when the file cannot be read; nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.commands import option_path, option_str
from tochuc.core.errors import DomainError
from tochuc.directives.forms import MAX_UPLOAD_BYTES
from tochuc.directives.parsing import ParsedDirective, extract_text, parse_document
from tochuc.directives.suggestions import suggest_for_tasks

EXIT_UNREADABLE = 1


def _as_text(parsed: ParsedDirective, data: dict[str, Any]) -> str:
    signer = data["signer"]
    lines = [
        f"Loại:          {data['doc_type'] or '—'} ({data['doc_type_name'] or '—'})",
        f"Số, ký hiệu:   {data['number_symbol'] or '—'}",
        f"Cơ quan:       {data['issuer'] or '—'}",
        f"Địa danh, ngày: {data['place'] or '—'}, {data['date'] or '—'}",
        f"Trích yếu:     {data['title'] or '—'}",
        f"Nhiệm vụ ({len(data['tasks'])}):",
    ]
    for task in data["tasks"]:
        first = task["text"].split("\n")[0]
        short = first if len(first) <= 110 else first[:107] + "…"
        deadline = f"  [hạn {task['deadline']}]" if task["deadline"] else ""
        lines.append(f"  {task['no']}. {short}{deadline}")
        lines.extend(f"       → {s['unit']}: {s['reason']}" for s in task.get("suggested_units", []))
    lines.append(f"Kỳ báo cáo:    {', '.join(data['report_periods']) or '—'}")
    lines.append(f"Nơi nhận ({len(data['recipients'])}):")
    lines.extend(f"  - {r}" for r in data["recipients"])
    lines.append(
        f"Người ký:      {signer['capacity'] or '—'} / {signer['position'] or '—'} / {signer['name'] or '—'}"
    )
    if data["warnings"]:
        lines.append("Cảnh báo:")
        lines.extend(f"  ! {w}" for w in data["warnings"])
    if parsed.doubts:
        lines.append(f"Cần kiểm tra:  {', '.join(parsed.doubts)}")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Đọc một văn bản Đảng (TXT, Markdown, DOCX, PDF có lớp chữ) và in các thành phần đọc được (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Tệp văn bản cần đọc")
        parser.add_argument(
            "--format", choices=["json", "text"], default="json", help="json (mặc định) hoặc text"
        )
        parser.add_argument(
            "--user", default=None, help="Tên đăng nhập: gợi ý đơn vị chủ trì trong phạm vi người này"
        )

    def handle(self, *args: object, **options: object) -> None:
        path = option_path(options, "path")
        try:
            if path.stat().st_size > MAX_UPLOAD_BYTES:
                self.stderr.write(
                    f"Tệp nặng {path.stat().st_size / (1024 * 1024):.1f} MB, "
                    f"vượt giới hạn {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
                )
                raise SystemExit(EXIT_UNREADABLE)
            data = path.read_bytes()
            text = extract_text(data, path.name)
        except (OSError, DomainError) as exc:
            message = (
                exc.message
                if isinstance(exc, DomainError)
                else f"Không đọc được tệp {path}: {exc.strerror or exc}"
            )
            self.stderr.write(message)
            raise SystemExit(EXIT_UNREADABLE) from exc
        parsed = parse_document(text)
        user = None
        if username := option_str(options, "user"):
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"Không có người dùng “{username}”.")
        suggestions = suggest_for_tasks([task.text for task in parsed.tasks], user)
        result = parsed.as_json()
        for task, suggested in zip(result["tasks"], suggestions, strict=True):
            task["suggested_units"] = [s.as_json() for s in suggested]
        if option_str(options, "format") == "text":
            self.stdout.write(_as_text(parsed, result))
        else:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
