"""The rule-pack machinery: discovery, selection, unknown packs, rules and their findings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tochuc.core.errors import DomainError
from tochuc.core.rules import Finding, PackRegistry, Rule, Severity, UnknownPack, blocking, run


@dataclass(frozen=True)
class Limits:
    code: str
    name: str
    limit: int = 3


def _over(count: int, limits: Limits, rule: Rule[int, Limits, Finding]) -> Iterator[Finding]:
    if count > limits.limit:
        yield rule.finding(f"{count} > {limits.limit}")


def _note(count: int, limits: Limits, rule: Rule[int, Limits, Finding]) -> Iterator[Finding]:
    yield rule.finding(f"{count}", severity=Severity.INFO, key="seen")


OVER = Rule("over", Severity.BLOCK, "Quy định 1-QĐ/TW, giới hạn", "Quá {limit} người", _over)
NOTE = Rule("note", Severity.JUSTIFY, "Quy định 1-QĐ/TW, ghi nhận", "Ghi nhận", _note)


@pytest.fixture
def package(tmp_path: Path) -> Iterator[str]:
    """A package of packs on disk: two packs, a private module and a module of shared checks."""
    name = "fake_packs_for_tests"
    root = tmp_path / name
    root.mkdir()
    (root / "__init__.py").write_text("")
    header = "from tochuc.core.tests.test_rules import Limits\n"
    (root / "qd1_2020.py").write_text(header + 'PACK = Limits("qd1-2020", "Quy định 1 năm 2020")\n')
    (root / "qd2_2024.py").write_text(header + 'PACK = Limits("qd2-2024", "Quy định 2 năm 2024", limit=2)\n')
    (root / "_draft.py").write_text(header + 'PACK = Limits("draft-2030", "Dự thảo")\n')
    (root / "shared.py").write_text("HELPER = 1\n")
    sys.path.insert(0, str(tmp_path))
    try:
        yield name
    finally:
        sys.path.remove(str(tmp_path))
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


def test_discovery_finds_each_module_defining_a_pack_and_skips_the_others(package: str) -> None:
    registry = PackRegistry(package, Limits, default="qd1-2020")
    assert sorted(registry.packs) == ["qd1-2020", "qd2-2024"]


def test_the_default_comes_first_then_the_newest_regulation(package: str) -> None:
    registry = PackRegistry(package, Limits, default="qd1-2020")
    assert [pack.code for pack in registry.available()] == ["qd1-2020", "qd2-2024"]
    assert registry.choices() == [("qd1-2020", "Quy định 1 năm 2020"), ("qd2-2024", "Quy định 2 năm 2024")]
    assert registry.get(None).code == registry.get("").code == "qd1-2020"
    assert registry.get("qd2-2024").limit == 2


def test_an_unknown_pack_is_a_clear_domain_error_naming_the_packs_there_are(package: str) -> None:
    registry = PackRegistry(package, Limits, default="qd1-2020")
    with pytest.raises(UnknownPack) as error:
        registry.get("qd9-1999")
    assert isinstance(error.value, DomainError)
    assert error.value.field == "pack"
    assert "qd9-1999" in error.value.message
    assert "qd1-2020, qd2-2024" in error.value.message


def test_a_missing_default_is_a_configuration_error(package: str) -> None:
    with pytest.raises(RuntimeError, match="default pack"):
        PackRegistry(package, Limits, default="qd7-2000").available()


def test_two_modules_with_the_same_code_are_refused(package: str, tmp_path: Path) -> None:
    (tmp_path / package / "qd3_2024.py").write_text(
        "from tochuc.core.tests.test_rules import Limits\nPACK = Limits('qd2-2024', 'Bản sao')\n"
    )
    with pytest.raises(RuntimeError, match="qd2-2024"):
        PackRegistry(package, Limits, default="qd1-2020").available()


def test_an_installed_variant_is_selectable_only_inside_the_block(package: str) -> None:
    registry = PackRegistry(package, Limits, default="qd1-2020")
    with registry.installed(Limits("test-1", "Thử", limit=1)):
        assert registry.get("test-1").limit == 1
    with pytest.raises(UnknownPack):
        registry.get("test-1")


def test_findings_end_with_the_citation_and_take_the_rule_severity() -> None:
    found = run([OVER, NOTE], 5, Limits("x", "x"))
    assert [(f.rule, f.severity) for f in found] == [("over", Severity.BLOCK), ("note_seen", Severity.INFO)]
    assert found[0].message == "5 > 3 (Quy định 1-QĐ/TW, giới hạn)"
    assert found[0].as_json() == {"rule": "over", "severity": "block", "message": found[0].message}
    assert blocking(found) == [found[0]]


def test_the_pack_numbers_decide_and_fill_the_title() -> None:
    strict = Limits("strict", "strict", limit=2)
    assert run([OVER], 3, Limits("x", "x")) == []
    assert [f.rule for f in run([OVER], 3, strict)] == ["over"]
    assert OVER.describe({"limit": strict.limit}) == "Quá 2 người"
