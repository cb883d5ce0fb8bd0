"""``manage.py directive_parse PATH [--format json|text]``: read a Party document, print what was read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.errors import DomainError
from tochuc.directives.parsing import ParsedDirective, extract_text, parse_document

EXIT_UNREADABLE = 2


def _as_text(parsed: ParsedDirective) -> str:
    data = parsed.as_json()
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

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
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
        if options["format"] == "text":
            self.stdout.write(_as_text(parsed))
        else:
            self.stdout.write(json.dumps(parsed.as_json(), ensure_ascii=False, indent=2))
