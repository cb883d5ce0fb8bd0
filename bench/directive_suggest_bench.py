"""Time the lead-unit suggestions for 30 tasks read, for a specialist of a province at real size.

    .venv/bin/python bench/directive_suggest_bench.py [--fresh] [--repeat 7]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench .venv/bin/python bench/directive_suggest_bench.py

The database is prepared as ``bench/units.py`` does (a SQLite file under ``bench/results/sqlite/``
unless ``DATABASE_URL`` is given): migrated, then ``seed_demo --scale province`` (6,174 units, 6,100
of them below ``T03``), plus 120 unit functions led by units of ``T03``. The 30 task texts are the
8 tasks of the founding document, the tasks of the reader's test corpus, and tasks naming communes of
``T03`` as lead ("Đảng bộ xã … chủ trì …"). Timed: ``suggest_for_tasks(texts, user)`` end to end, the
units and functions the user may see loaded from the database included; the median of ``--repeat``
runs after one warm-up run. Target: under 500 ms.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

PROVINCE = "T03"
TASKS = 30
FUNCTION_TITLES = (
    "Quản lý hồ sơ đảng viên, chuyển sinh hoạt đảng",
    "Theo dõi, đôn đốc việc sinh hoạt chi bộ định kỳ",
    "Thẩm định đề án vị trí việc làm của các cơ quan đảng",
    "Kiểm tra, giám sát việc thi hành kỷ luật đảng",
    "Tổng hợp, theo dõi việc thực hiện chế độ báo cáo",
    "Tham mưu công tác bảo vệ chính trị nội bộ",
    "Hướng dẫn công tác kết nạp đảng viên",
    "Tham mưu đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên",
    "Quản lý, cấp phát thẻ đảng viên",
    "Tuyên truyền, phổ biến nghị quyết của Đảng",
    "Giải quyết khiếu nại, tố cáo đối với đảng viên",
    "Theo dõi công tác quy hoạch, luân chuyển cán bộ",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database first")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from units import prepare_database

    database = prepare_database(args.fresh)

    import django

    django.setup()
    from django.core.management import call_command

    from tochuc.accounts.models import Role, User
    from tochuc.accounts.services import grant_role, user_create
    from tochuc.demo.founding import SEED_DOCUMENT
    from tochuc.directives.parsing import extract_text, parse_document
    from tochuc.directives.suggestions import suggest_for_tasks
    from tochuc.orgunits.models import OrgUnit, UnitFunction, UnitKind
    from tochuc.orgunits.services import function_create

    call_command("migrate", verbosity=0)
    if not OrgUnit.objects.filter(code=PROVINCE).exists():
        call_command("seed_demo", scale="province", stdout=io.StringIO())
    province = OrgUnit.objects.get(code=PROVINCE)
    below = OrgUnit.objects.filter(path__startswith=province.path, valid_to__isnull=True)
    communes = list(below.filter(kind=UnitKind.COMMUNE).order_by("path")[:60])
    if UnitFunction.objects.filter(lead_unit__path__startswith=province.path).count() < 120:
        for n in range(120):
            function_create(
                actor=None,
                lead_unit=communes[n % len(communes)],
                title=f"{FUNCTION_TITLES[n % len(FUNCTION_TITLES)]} ({n})",
                cooperating_units=[],
            )
    user = User.objects.filter(username="bench.suggest").first()
    if user is None:
        user = user_create(actor=None, username="bench.suggest", full_name="Bench Suggest", password="x" * 16)
        grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=province)

    texts = [
        t.text for t in parse_document(extract_text(SEED_DOCUMENT.read_bytes(), SEED_DOCUMENT.name)).tasks
    ]
    for path in sorted((ROOT / "tochuc" / "directives" / "tests" / "documents").glob("*.txt")):
        texts += [t.text for t in parse_document(path.read_text(encoding="utf-8")).tasks]
    texts = texts[: TASKS - 10]
    texts += [f"{c.name} chủ trì rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ mới." for c in communes[:10]]
    assert len(texts) == TASKS, len(texts)

    suggest_for_tasks(texts, user)  # warm-up
    samples = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        rows = suggest_for_tasks(texts, user)
        samples.append((time.perf_counter() - started) * 1000)
    with_suggestions = sum(1 for row in rows if row)
    units = below.count()
    functions = UnitFunction.objects.count()
    print(f"{database}; {platform.python_version()} on {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"{TASKS} tasks, {units} units visible to the user, {functions} functions")
    print(f"suggestions for {with_suggestions}/{TASKS} tasks")
    print(
        f"suggest_for_tasks: median {statistics.median(samples):.0f} ms, "
        f"min {min(samples):.0f} ms, max {max(samples):.0f} ms ({args.repeat} runs); target < 500 ms"
    )


if __name__ == "__main__":
    main()
