"""Evaluation rules on the shared machinery: titles in words with the pack's own numbers."""

from __future__ import annotations

import dataclasses

import pytest

from tochuc.core.rules import Rule
from tochuc.evaluations.rules import PACKS, RulePack, available_packs, get_pack


@pytest.mark.parametrize("pack", available_packs(), ids=lambda pack: pack.code)
def test_every_rule_is_a_core_rule_with_a_title_filled_by_the_pack(pack: RulePack) -> None:
    for rule in pack.rules:
        assert isinstance(rule, Rule)
        assert rule.citation.strip() and str(rule.title).strip()
        title = pack.rule_title(rule)
        assert "{" not in title and "}" not in title, rule.id


def test_a_title_follows_the_number_of_its_pack() -> None:
    default = get_pack("qd366-2025")
    quota = default.rule("excellent_quota")
    assert quota is not None
    assert "vượt 20% số" in default.rule_title(quota)
    wider = dataclasses.replace(default, code="test-2025", excellent_quota_share=0.25)
    assert "vượt 25% số" in wider.rule_title(quota)
    leader = get_pack("qd132-2018").rule("leader_unit_tasks")
    assert leader is not None
    assert "dưới 50%" in get_pack("qd132-2018").rule_title(leader)


def test_packs_are_found_by_the_shared_registry() -> None:
    assert PACKS.default == "qd366-2025"
    assert [code for code, _name in PACKS.choices()][:1] == ["qd366-2025"]
    assert {"qd366-2025", "qd124-2023", "qd132-2018"} == set(PACKS.packs)
