"""``manage.py evaluation_check``: the JSON contract other tools rely on, the text table, errors."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tochuc.conftest import Tree
from tochuc.evaluations.tests.test_rules_db import cell_with_members, individual, make_cycle, make_person

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("evaluation_check", *args, stdout=out)
    return out.getvalue()


def test_json_lists_findings_with_the_agreed_keys(tree: Tree) -> None:
    cycle = make_cycle(tree)
    cell_with_members(cycle, tree, ["good"] * 5, collective_rating="completed")
    individual(cycle, tree.cell, make_person(tree.cell, "BT"), "excellent", 89.9, is_head=True)
    data = json.loads(_run("--cycle", cycle.code, "--format", "json"))
    assert isinstance(data, list) and data
    for item in data:
        assert set(item) == {"rule", "severity", "unit", "person", "message"}
        assert item["severity"] in {"block", "justify", "info"}
        assert item["unit"] == "T01-X01-CS1-CB1"
    head = [item for item in data if item["rule"] == "head_above_collective"]
    assert head == [
        {
            "rule": "head_above_collective",
            "severity": "block",
            "unit": "T01-X01-CS1-CB1",
            "person": "BT",
            "message": head[0]["message"],
        }
    ]
    assert "Người đứng đầu" in head[0]["message"] and head[0]["message"].endswith(")")
    assert {item["person"] for item in data if item["rule"] == "inflation_pattern"} == {None}


def test_json_keeps_vietnamese_letters_and_an_empty_cycle_is_an_empty_list(tree: Tree) -> None:
    cycle = make_cycle(tree)
    assert json.loads(_run("--cycle", cycle.code, "--format", "json")) == []
    cell_with_members(cycle, tree, ["good"] * 5, collective_rating="completed")
    raw = _run("--cycle", cycle.code, "--format", "json")
    assert "cá nhân" in raw and "\\u" not in raw


def test_text_is_a_table_with_counts(tree: Tree) -> None:
    cycle = make_cycle(tree)
    cell_with_members(cycle, tree, ["good"] * 5, collective_rating="completed")
    text = _run("--cycle", cycle.code)
    assert "2 phát hiện (chặn 0, giải trình 2, thông tin 0)" in text
    assert "GIẢI TRÌNH" in text and "inflation_pattern" in text


def test_unknown_cycle_is_a_clear_error(tree: Tree) -> None:
    with pytest.raises(CommandError, match="Không có đợt đánh giá mã «KHONG»"):
        _run("--cycle", "KHONG", "--format", "json")
