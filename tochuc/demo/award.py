"""Demo award rounds: the one before, published with its results; the latest, in its preliminary round,
with jurors excluded from some entries (by their outlet, by a declared relative)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from io import TextIOBase
from typing import NamedTuple

from django.db import transaction

from tochuc.accounts.models import User
from tochuc.accounts.services import user_create
from tochuc.award import judging, services
from tochuc.award.conflicts import round_conflicts
from tochuc.award.models import AwardJuror, AwardRound, Panel
from tochuc.award.rules import get_award_pack
from tochuc.award.scoring import panel_entries
from tochuc.core.dates import today
from tochuc.demo.units import DEMO_PASSWORD
from tochuc.orgunits.models import OrgUnit


class DemoEntry(NamedTuple):
    title: str
    authors: tuple[str, ...]
    outlet: str
    form: str
    topic: str
    month_offset: int  # months after the window opens; past 12 is outside it


ENTRIES: tuple[DemoEntry, ...] = (
    DemoEntry("Chi bộ «4 tốt» nơi biên cương", ("Nguyễn Thị Thanh Huyền",), "Báo Nhân Dân", "print", "organization", 2),
    DemoEntry("Giữ lửa sinh hoạt chi bộ ở khu dân cư", ("Trần Quốc Việt", "Lê Hải Yến"), "Báo Hà Tĩnh", "online", "organization", 4),
    DemoEntry("Kiên quyết bảo vệ nền tảng tư tưởng của Đảng", ("Phạm Minh Đức",), "Tạp chí Cộng sản", "online", "ideology", 5),
    DemoEntry("Bí thư chi bộ – người «giữ nhịp» thôn bản", ("Vũ Thị Lan",), "Đài Tiếng nói Việt Nam", "radio", "mass_mobilization", 6),
    DemoEntry("Kỷ luật đảng nghiêm minh để giữ niềm tin", ("Hoàng Anh Tuấn",), "Đài Truyền hình Việt Nam", "television", "inspection", 7),
    DemoEntry("Những đảng viên trẻ trên công trường", ("Đỗ Mạnh Hùng",), "Báo Quân đội nhân dân", "photo", "organization", 8),
    DemoEntry("Nêu gương của người đứng đầu", ("Bùi Thu Trang",), "Báo Nhân Dân", "print", "ethics", 9),
    DemoEntry("Phòng, chống «lợi ích nhóm» trong công tác cán bộ", ("Ngô Văn Khải",), "Báo Lao Động", "print", "anti_corruption", 10),
    DemoEntry("Sắp xếp bộ máy tinh gọn từ cơ sở", ("Trần Quốc Việt",), "Báo Hà Tĩnh", "print", "organization", 11),
    DemoEntry("Mùa lễ hội trên phố cổ", ("Lý Minh Châu",), "Báo Thanh Niên", "online", "other", 3),
    DemoEntry("Đảng viên làm kinh tế giỏi", ("Cao Thị Mận",), "Báo Nghệ An", "online", "organization", 13),
)  # fmt: skip

JURORS: tuple[tuple[str, str, str, str], ...] = (
    ("demo.giamkhao", "Đinh Công Sơn", Panel.PRELIMINARY, "Báo Nhân Dân"),
    ("demo.giamkhao2", "Mai Thị Hạnh", Panel.PRELIMINARY, "Học viện Báo chí và Tuyên truyền"),
    ("demo.chungkhao", "Tạ Quang Vinh", Panel.FINAL, "Hội Nhà báo Việt Nam"),
    ("demo.chungkhao2", "Lưu Thị Bích", Panel.FINAL, "Tạp chí Cộng sản"),
)


def _jurors() -> dict[str, User]:
    users: dict[str, User] = {}
    for username, full_name, _panel, _outlet in JURORS:
        user = User.objects.filter(username=username).first()
        users[username] = user or user_create(
            actor=None, username=username, password=DEMO_PASSWORD, full_name=full_name
        )
    return users


def _fill(award_round: AwardRound, users: dict[str, User]) -> None:
    start = award_round.window_start
    for e in ENTRIES:
        month = start.month - 1 + e.month_offset
        published = dt.date(start.year + month // 12, month % 12 + 1, 10)
        services.entry_record(
            actor=None,
            award_round=award_round,
            title=e.title,
            outlet=e.outlet,
            form=e.form,
            published_on=published,
            topic=e.topic,
            authors=[services.AuthorInput(name) for name in e.authors],
            link=f"https://example.vn/bua-liem-vang/{award_round.year}/{ENTRIES.index(e) + 1}",
        )
    for username, _name, panel, outlet in JURORS:
        juror = services.juror_add(
            actor=None, award_round=award_round, panel=panel, user=users[username], outlet=outlet
        )
        if username == "demo.giamkhao2":
            services.relation_declare(actor=None, juror=juror, relation="Em gái", full_name="Vũ Thị Lan")


def _score(
    award_round: AwardRound, panel: str, rng: random.Random, fixed: dict[int, int] | None = None
) -> None:
    """Scores around a random base per entry; the entries numbered in ``fixed`` get that score from everyone."""
    fixed = fixed or {}
    conflicts = round_conflicts(award_round)
    max_score = get_award_pack(award_round.pack).max_score
    for entry in panel_entries(award_round, panel):
        base = fixed.get(entry.number) or rng.randint(60, 95)
        for juror in AwardJuror.objects.filter(round=award_round, panel=panel).select_related("user"):
            if (juror.pk, entry.pk) not in conflicts:
                jitter = 0 if entry.number in fixed else rng.randint(-4, 4)
                score = Decimal(min(max_score, base + jitter))
                judging.score_record(actor=juror.user, entry=entry, score=score)


def seed_award(*, scale: str, rng: random.Random, stdout: TextIOBase) -> None:
    organizer = OrgUnit.objects.filter(code="BTCTW").first()
    if organizer is None:
        stdout.write("Giải Búa liềm vàng mẫu: thiếu Ban Tổ chức Trung ương, bỏ qua.")
        return
    now = today()
    # The round being judged: its window closed on 31/10 (this year's from November, last year's before).
    current = now.year if now.month >= 11 else now.year - 1
    if AwardRound.objects.filter(year__in=(current - 1, current)).exists():
        stdout.write("Giải Búa liềm vàng mẫu: đã có, không tạo thêm.")
        return
    with transaction.atomic():
        users = _jurors()
        past = services.round_open(actor=None, organizer=organizer, year=current - 1)
        _fill(past, users)
        judging.preliminary_start(actor=None, award_round=past)
        # Works 3 and 6 tie in the final: the preliminary decides between them (shown on the results).
        _score(past, Panel.PRELIMINARY, rng, fixed={3: 85, 6: 80})
        judging.final_start(actor=None, award_round=past)
        _score(past, Panel.FINAL, rng, fixed={3: 88, 6: 88})
        winners = judging.results_publish(
            actor=None, award_round=past, decision_number="68-QĐ/BTCTW", published_on=dt.date(current, 2, 3)
        )
        this = services.round_open(actor=None, organizer=organizer, year=current)
        _fill(this, users)
        judging.preliminary_start(actor=None, award_round=this)
    stdout.write(
        f"Giải Búa liềm vàng mẫu: đợt {past.year} đã công bố ({len(winners)} tác phẩm đạt giải), "
        f"đợt {this.year} đang sơ khảo; giám khảo demo.giamkhao, demo.giamkhao2, demo.chungkhao, demo.chungkhao2 "
        f"(mật khẩu {DEMO_PASSWORD})."
    )
