from __future__ import annotations

from tochuc.award.models import AwardJuror, AwardRound, RoundStatus
from tochuc.award.selectors import juror_sheet, panels


def test_the_demo_has_a_published_round_and_one_being_judged(demo_data: str) -> None:
    assert "Giải Búa liềm vàng mẫu" in demo_data
    published = AwardRound.objects.get(status=RoundStatus.PUBLISHED)
    assert published.entries.exclude(prize="").exists()
    assert published.entries.filter(eligible=False).count() == 3
    tied = published.entries.filter(number__in=(3, 6)).order_by("number")
    assert [e.prize_note for e in tied] == ["Bằng điểm chung khảo, xếp theo điểm sơ khảo"] * 2
    assert tied[0].final_average == tied[1].final_average
    judged = AwardRound.objects.get(status=RoundStatus.PRELIMINARY)
    juror = AwardJuror.objects.get(round=judged, user__username="demo.giamkhao")
    sheet = juror_sheet(juror)
    assert sheet and all(row.entry.outlet != "Báo Nhân Dân" for row in sheet)
    lines = {line.juror.user.username: line for line in panels(judged)["preliminary"]}
    assert len(lines["demo.giamkhao"].excluded) == 2
    assert "người thân giám khảo đã kê khai" in lines["demo.giamkhao2"].excluded[0][1].reason
