"""Quyết định 190-QĐ/TW 2024 on internal elections in the Party.

Secret ballot; a winner needs more than half of the total convened; surplus
candidates at most 30 % of the seats. Quorum as for other conferences (2/3).
"""

from __future__ import annotations

from fractions import Fraction

from tochuc.personnel.rules.base import PersonnelPack

PACK = PersonnelPack(
    code="qd190-2024",
    name="Quyết định 190-QĐ/TW năm 2024 (bầu cử trong Đảng)",
    citation="Quyết định 190-QĐ/TW",
    quorum=Fraction(2, 3),
    threshold=Fraction(1, 2),
    election_max_surplus=Fraction(30, 100),
)
