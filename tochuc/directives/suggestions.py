"""Which unit leads a task: up to three suggestions, each with its reason, for the specialist to confirm.

Two sources, in this order:

1. units the task's text names ("Ban Tổ chức Tỉnh ủy chủ trì …"), matched on the unit's name, its
   short name, or its name without the last words that repeat the superior's place ("Ban Tổ chức
   Tỉnh ủy Nghệ An" is named "Ban Tổ chức Tỉnh ủy"); a unit named just before "chủ trì" comes first.
   A name is only taken where the text writes it with a capital ("Vụ Tổ chức đảng, đảng viên"), so
   "nhiệm vụ tổ chức …" does not name the "Vụ Tổ chức …";
2. units that lead a function (``UnitFunction.lead_unit``) whose title shares word pairs with the task:
   two pairs, or one pair that only one unit's functions have ("cán bộ" when a single department
   leads the functions about cadres).

Only units the registering user may see are suggested. Matching goes through an index of word pairs
(folded, no diacritics), so 30 tasks against a province's thousands of units stay well under a second.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tochuc.core.actors import Actor
from tochuc.core.text import words
from tochuc.orgunits.models import OrgUnit, UnitFunction

MAX_SUGGESTIONS = 3
_NON_WORD = re.compile(r"[^\w]+")
_LEAD = re.compile(r"^\W*(chu tri|la co quan chu tri|phu trach|lam dau moi)")
_WEAK = {"cac", "va", "cua", "ve", "cho", "voi", "trong", "tren", "theo", "de", "tai", "nam", "cap"}
_MIN_SHARED_PAIRS = 2
# Pairs of the administrative language any task may use: never enough on their own.
_GENERIC = {
    ("co", "quan"),
    ("thuc", "hien"),
    ("xay", "dung"),
    ("to", "chuc"),
    ("cong", "tac"),
    ("tham", "muu"),
    ("huong", "dan"),
    ("theo", "doi"),
    ("don", "vi"),
    ("nhiem", "vu"),
    ("ke", "hoach"),
    ("quy", "dinh"),
    ("trien", "khai"),
    ("lanh", "dao"),
    ("chi", "dao"),
    ("he", "thong"),
    ("chinh", "tri"),
    ("dang", "vien"),
    ("quan", "ly"),
}


@dataclass(frozen=True)
class Suggestion:
    unit: OrgUnit
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"unit": self.unit.code, "reason": self.reason}


def _pairs(folded: Sequence[str]) -> list[tuple[str, str]]:
    return list(itertools.pairwise(folded))


_COMMITTEE_ENDS = {("tinh", "uy"), ("thanh", "uy"), ("huyen", "uy"), ("dang", "uy"), ("trung", "uong")}


class UnitName(NamedTuple):
    """What the suggester needs of a unit to find it named in a text; the unit itself is loaded only
    when it is suggested."""

    pk: int
    name_folded: str
    short_name: str


# Folded names hold ASCII letters, digits and a little punctuation: cut there as ``words`` does.
_PUNCTUATION = str.maketrans({ch: " " for ch in ",.;:()[]/\\-–—'\"&+*!?"})


def _folded_words(folded: str) -> tuple[str, ...]:
    if folded.isascii():
        return tuple(folded.translate(_PUNCTUATION).split())
    return tuple(w for w in _NON_WORD.split(folded) if w)


def _keys(unit: UnitName) -> set[tuple[str, ...]]:
    """The word sequences by which a text may name ``unit``."""
    keys: set[tuple[str, ...]] = set()
    short = tuple(words(unit.short_name)) if unit.short_name else ()
    for folded in (_folded_words(unit.name_folded), short):
        if len(folded) >= 2:
            keys.add(folded)
        for cut in (1, 2, 3):  # without the place: "ban to chuc tinh uy [nghe an]"
            if len(folded) - cut >= 3 and folded[-cut - 2 : -cut] in _COMMITTEE_ENDS:
                keys.add(folded[:-cut])
    return keys


def _capitalized(text: str) -> list[bool]:
    """For each word of ``words(text)``: whether the text writes it with a capital."""
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return [w[:1].isupper() for w in re.split(r"[^\w]+", stripped) if w]


def _named_reason(unit: OrgUnit, leads: bool) -> str:
    if leads:
        return f"Được giao chủ trì trong nhiệm vụ: {unit.name}."
    return f"Được nêu tên trong nhiệm vụ: {unit.name}."


class Suggester:
    """Built once for a user's units and the functions they lead; then :meth:`for_text` per task."""

    def __init__(self, units: Iterable[UnitName], functions: Iterable[UnitFunction]) -> None:
        self._names: dict[tuple[str, str], list[tuple[tuple[str, ...], UnitName]]] = defaultdict(list)
        for unit in units:
            for key in _keys(unit):
                self._names[(key[0], key[1])].append((key, unit))
        self._loaded: dict[int, OrgUnit] = {}
        self._functions: dict[tuple[str, str], list[UnitFunction]] = defaultdict(list)
        self._function_pairs: dict[int, int] = {}
        titled = [(f, {p for p in _pairs(words(f.title)) if not set(p) <= _WEAK}) for f in functions]
        # A word pair most functions share ("tham muu", "cong tac") says nothing about which unit leads.
        spread: dict[tuple[str, str], int] = defaultdict(int)
        leads: dict[tuple[str, str], set[int]] = defaultdict(set)
        for function, pairs in titled:
            for pair in pairs:
                spread[pair] += 1
                leads[pair].add(function.lead_unit_id)
        common = max(2, len(titled) // 4)
        # Pairs only one unit's functions have: one of them in a task is enough.
        self._own: set[tuple[str, str]] = {
            pair for pair, units in leads.items() if len(units) == 1 and pair not in _GENERIC
        }
        for function, pairs in titled:
            specific = {pair for pair in pairs if spread[pair] <= common}
            self._function_pairs[function.pk] = len(specific)
            for pair in specific:
                self._functions[pair].append(function)

    def for_text(self, text: str) -> list[Suggestion]:
        return self.for_texts([text])[0]

    def for_texts(self, texts: Sequence[str]) -> list[list[Suggestion]]:
        """Suggestions for each text; the suggested units are loaded in one query."""
        candidates = [self._candidates(text) for text in texts]
        missing = {pk for row in candidates for pk in row} - set(self._loaded)
        if missing:
            self._loaded.update(
                OrgUnit.objects.only("id", "code", "name", "path", "valid_to").in_bulk(sorted(missing))
            )
        rows = []
        for row in candidates:
            ranked = sorted(row.items(), key=lambda item: (-item[1][0], self._loaded[item[0]].path))
            rows.append(
                [
                    Suggestion(unit, reason or _named_reason(unit, leads))
                    for unit, (_, leads, reason) in (
                        (self._loaded[pk], value) for pk, value in ranked[:MAX_SUGGESTIONS]
                    )
                ]
            )
        return rows

    def _candidates(self, text: str) -> dict[int, tuple[float, bool, str]]:
        """Every unit suggested for ``text``: pk → (score, named as lead, reason of a function or "")."""
        folded = words(text)
        capital = _capitalized(text)
        found: dict[int, tuple[float, bool, str]] = {}
        # 1. Units named in the text, the longest name at each place.
        for i, pair in enumerate(_pairs(folded)):
            if not capital[i]:
                continue
            best: tuple[tuple[str, ...], UnitName] | None = None
            for key, unit in self._names.get(pair, ()):
                if tuple(folded[i : i + len(key)]) == key and (best is None or len(key) > len(best[0])):
                    best = (key, unit)
            if best is None:
                continue
            key, named = best
            leads = bool(_LEAD.match(" ".join(folded[i + len(key) : i + len(key) + 4])))
            score = 100.0 + (50 if leads else 0) - i / 1000
            if named.pk not in found or found[named.pk][0] < score:
                found[named.pk] = (score, leads, "")
        # 2. Units leading a function that shares word pairs with the task.
        shared: dict[int, int] = defaultdict(int)
        owned: set[int] = set()
        functions: dict[int, UnitFunction] = {}
        for pair in set(_pairs(folded)):
            for function in self._functions.get(pair, ()):
                shared[function.pk] += 1
                functions[function.pk] = function
                if pair in self._own:
                    owned.add(function.pk)
        for pk, count in shared.items():
            total = self._function_pairs[pk]
            if count < min(_MIN_SHARED_PAIRS, total) and pk not in owned:
                continue
            function = functions[pk]
            score = 10.0 * count / max(total, 1) + count / 100
            lead = function.lead_unit
            self._loaded.setdefault(lead.pk, lead)
            if lead.pk not in found or found[lead.pk][0] < score:
                found[lead.pk] = (score, False, f"Chủ trì chức năng “{function.title}”.")
        return found


def suggester_for(user: Actor | None) -> Suggester:
    """The suggester over the active units ``user`` may see (every active unit when ``user`` is None)."""
    units = OrgUnit.objects.filter(valid_to__isnull=True)
    if user is not None:
        from tochuc.orgunits.selectors import visible_units

        units = visible_units(user)
    unit_list = [UnitName(*row) for row in units.values_list("id", "name_folded", "short_name")]
    allowed = {u.pk for u in unit_list}
    functions = [
        f
        for f in UnitFunction.objects.select_related("lead_unit").only(
            "id", "title", "lead_unit__id", "lead_unit__code", "lead_unit__name", "lead_unit__path"
        )
        if f.lead_unit_id in allowed
    ]
    return Suggester(unit_list, functions)


def suggest_for_tasks(texts: Sequence[str], user: Actor | None = None) -> list[list[Suggestion]]:
    """Suggestions for each task text, in order (empty lists when there are no units)."""
    if not texts:
        return []
    return suggester_for(user).for_texts(texts)
