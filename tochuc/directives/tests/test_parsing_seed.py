"""The founding document through the reader and the command."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tochuc.demo.directives import SEED_DOCUMENT
from tochuc.directives.parsing import extract_text, parse_document

SEED = SEED_DOCUMENT


def run(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command("directive_parse", *args, stdout=out)
    data: dict[str, object] = json.loads(out.getvalue())
    return data


@pytest.mark.django_db
def test_seed_exact_figures() -> None:
    data = run(str(SEED))
    assert data["doc_type"] == "KL"
    assert data["doc_type_name"] == "Kết luận"
    assert data["number"] == "03"
    assert data["symbol"] == "KL/BTCTW"
    assert data["number_symbol"] == "03-KL/BTCTW"
    assert data["issuer"] == "Ban Tổ chức Trung ương"
    assert data["place"] == "Hà Nội"
    assert data["date"] == "2017-03-16"
    assert data["title"] == "Hội nghị toàn quốc Ngành Tổ chức xây dựng Đảng năm 2017"
    tasks = data["tasks"]
    assert isinstance(tasks, list)
    assert [t["no"] for t in tasks] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert all(t["deadline"] is None for t in tasks)
    assert tasks[0]["text"].startswith("Trong bất cứ điều kiện, hoàn cảnh nào")
    assert tasks[7]["text"].startswith("Tăng cường công tác kiểm tra, giám sát")
    # Sentences cut by the page breaks of the scan come back whole, without Markdown.
    assert "đẩy nhanh tiến độ và xây dựng có chất lượng 2 đề án lớn" in tasks[2]["text"]
    assert '“nhân cái đẹp, đẹp cái xấu"' in tasks[6]["text"]
    assert "**" not in json.dumps(data, ensure_ascii=False)
    assert data["report_periods"] == ["3 tháng", "6 tháng", "Hằng năm", "Sơ kết"]
    recipients = data["recipients"]
    assert isinstance(recipients, list) and len(recipients) == 9
    assert recipients[0] == "Đ/c Tổng Bí thư, đ/c Thường trực Ban Bí thư (để báo cáo)"
    assert recipients[-1] == "Lưu VP, TH"
    assert data["signer"] == {
        "capacity": "K/T TRƯỞNG BAN",
        "position": "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
        "name": "Nguyễn Thanh Bình",
    }
    # The seed has no issuer line in its header: the name comes from the symbol, and says so.
    assert data["warnings"] == [
        "Không thấy tên cơ quan ban hành ở phần đầu văn bản; đã suy ra “Ban Tổ chức Trung ương” từ ký hiệu “BTCTW”."
    ]


def test_seed_pasted_as_raw_markdown_reads_the_same() -> None:
    from_file = parse_document(extract_text(SEED.read_bytes(), SEED.name))
    pasted = parse_document(SEED.read_text(encoding="utf-8"))
    assert pasted.as_json() == from_file.as_json()
    assert pasted.doubts == ["issuer"]


@pytest.mark.django_db
def test_command_text_format_is_for_people() -> None:
    out = StringIO()
    call_command("directive_parse", str(SEED), "--format", "text", stdout=out)
    text = out.getvalue()
    assert "03-KL/BTCTW" in text and "Nhiệm vụ (8):" in text and "Nơi nhận (9):" in text
    assert "Nguyễn Thanh Bình" in text
