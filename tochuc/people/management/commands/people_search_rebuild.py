"""Fill the name-search index again from the people table (after a bulk load that bypassed triggers)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

COLUMNS = "person_id, token, name_folded, sort_key, birth_year, unit_path"
PG_FILL = f"""
    INSERT INTO people_persontoken ({COLUMNS})
    SELECT DISTINCT p.id, t.token, p.name_folded, p.sort_key, extract(year FROM p.birth_date)::smallint, u.path
    FROM people_person p
    JOIN orgunits_orgunit u ON u.id = p.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(p.name_folded, ' ')) AS t(token)
    WHERE t.token <> ''
"""
PG_INDEXES = [
    "CREATE INDEX persontoken_search ON people_persontoken (token varchar_pattern_ops, birth_year) "
    "INCLUDE (person_id, name_folded, sort_key, unit_path)",
    # A province's search reads its own tokens (migration 0009).
    "CREATE INDEX persontoken_branch ON people_persontoken "
    '(substr(unit_path, 1, 18), token COLLATE "C", sort_key, person_id) '
    "INCLUDE (name_folded, birth_year, unit_path)",
]
SQLITE_WORDS = "json_each('[\"' || replace(replace(replace(p.name_folded, '\\', '\\\\'), '\"', '\\\"'), ' ', '\",\"') || '\"]')"
SQLITE_FILL = f"""
    INSERT INTO people_persontoken ({COLUMNS})
    SELECT DISTINCT p.id, w.value, p.name_folded, p.sort_key, CAST(strftime('%Y', p.birth_date) AS INTEGER), u.path
    FROM people_person p JOIN orgunits_orgunit u ON u.id = p.unit_id, {SQLITE_WORDS} w
    WHERE w.value <> ''
"""


class Command(BaseCommand):
    help = (
        "Dựng lại chỉ mục tìm theo tên (mỗi từ của họ tên một dòng) từ bảng đảng viên: dùng sau khi nạp "
        "dữ liệu hàng loạt mà không qua trigger. Các lần ghi bình thường tự cập nhật chỉ mục. Trên "
        "PostgreSQL, trong lúc dựng lại (vài phút với dữ liệu toàn quốc) việc ghi hồ sơ và tìm theo tên "
        "phải chờ: chạy vào giờ bảo trì."
    )

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Filling an unindexed table and indexing it once is several times faster.
                cursor.execute("DROP INDEX IF EXISTS persontoken_search")
                cursor.execute("DROP INDEX IF EXISTS persontoken_branch")
                cursor.execute("TRUNCATE people_persontoken")
                cursor.execute(PG_FILL)
                written = cursor.rowcount
                for statement in PG_INDEXES:
                    cursor.execute(statement)
            else:
                cursor.execute("DELETE FROM people_persontoken")
                cursor.execute(SQLITE_FILL)
                written = cursor.rowcount
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE people_persontoken")
        self.stdout.write(
            f"Chỉ mục tìm theo tên: {written:,} từ".replace(",", ".")
            + f", xong trong {time.perf_counter() - started:.1f} giây."
        )
