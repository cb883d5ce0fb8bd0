"""The 54 ethnic groups of Viet Nam in the order of the official list, and lists sorted that way.

Source: Danh mục các dân tộc Việt Nam (Quyết định số 121-TCTK/PPCĐ ngày 02/3/1979 của Tổng cục
Thống kê), the order used on Party and State forms: Kinh first, then Tày, Thái, Hoa… The names are
written as in the 2019 census. Spellings met in records (Hmông, Khơ-me, Ê-đê…) match their group
whatever the case, diacritics, spaces or hyphens; a name that is not in the list comes after the
list, in the order of the Vietnamese alphabet. The order is checked against the column order of a
published 2019 table of the statistics office (tests/corpus/ethnic_groups_gso_2019.txt).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tochuc.core.text import fold
from tochuc.people.names import text_sort_key

ETHNIC_GROUPS: tuple[str, ...] = (
    "Kinh", "Tày", "Thái", "Hoa", "Khmer", "Mường", "Nùng", "Mông", "Dao", "Gia Rai",
    "Ngái", "Ê Đê", "Ba Na", "Xơ Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê", "Mnông",
    "Raglai", "Xtiêng", "Bru Vân Kiều", "Thổ", "Giáy", "Cơ Tu", "Giẻ Triêng", "Mạ", "Khơ Mú", "Co",
    "Tà Ôi", "Chơ Ro", "Kháng", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "La Ha", "Phù Lá",
    "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cờ Lao", "Cống", "Bố Y", "Si La",
    "Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm",
)  # fmt: skip

_SEPARATORS = re.compile(r"[\s\-'’]+")
# Other spellings of the same groups.
_ALIASES = {"hmong": "Mông", "hmông": "Mông", "khome": "Khmer", "khơme": "Khmer", "colao": "Cờ Lao"}


def _key(name: str) -> str:
    return _SEPARATORS.sub("", fold(name))


_RANK = {_key(name): i for i, name in enumerate(ETHNIC_GROUPS)}
for _alias, _name in _ALIASES.items():
    _RANK[_key(_alias)] = _RANK[_key(_name)]


def official_rank(name: str) -> int | None:
    """The place of ``name`` in the official list (0 for Kinh), None when it is not there."""
    return _RANK.get(_key(name))


def in_official_order(names: Iterable[str]) -> list[str]:
    """``names`` in the order of the official list; others after it, alphabetically."""

    def key(name: str) -> tuple[int, str]:
        rank = official_rank(name)
        return (rank, "") if rank is not None else (len(ETHNIC_GROUPS), text_sort_key(name))

    return sorted(names, key=key)
