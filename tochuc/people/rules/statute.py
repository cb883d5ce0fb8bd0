"""Numbers of the Party Statute the people register checks records against."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Statute:
    source: str
    probation_months: int  # a probationary member becomes full after this many months
    min_admission_age: int


STATUTE = Statute(
    source="Điều lệ Đảng Cộng sản Việt Nam (khóa XI), Điều 1 và Điều 5",
    probation_months=12,
    min_admission_age=18,
)
