"""Demo review periods: a quarter over the first province in every state, and a year opened at two levels."""

from __future__ import annotations

import datetime as dt
import random
from io import TextIOBase

from django.db import transaction
from django.utils import timezone

from tochuc.accounts.models import User
from tochuc.orgunits.models import OrgUnit
from tochuc.reviews import dispatch, documents, register, services
from tochuc.reviews.models import ReviewPeriod, UnitReport
from tochuc.reviews.selectors import period_status
from tochuc.reviews.services import subordinates_on

PROVINCE_CODE = "T01"
COMMUNE_CODE = "T01-X01"

SECTIONS = {
    "results": "Tổ chức quán triệt đầy đủ các văn bản của cấp trên; hoàn thành các chỉ tiêu phát triển đảng viên.",
    "shortcomings": "Một số chi bộ sinh hoạt chưa đều; việc báo cáo định kỳ còn chậm.",
    "lessons": "Phân công rõ người, rõ việc, rõ thời hạn; thường xuyên kiểm tra, đôn đốc.",
    "next_tasks": "Tiếp tục kiện toàn tổ chức cơ sở đảng; nâng cao chất lượng sinh hoạt chi bộ.",
    "proposals": "Đề nghị cấp trên bổ sung kinh phí hoạt động cho các chi bộ thôn, tổ dân phố.",
}


def _last_quarter(today: dt.date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3
    return (today.year, quarter) if quarter else (today.year - 1, 4)


def quarter_code(today: dt.date) -> str:
    year, quarter = _last_quarter(today)
    return f"{PROVINCE_CODE}-{year}-Q{quarter}"


def _submit_on(specialist: User, period: ReviewPeriod, unit: OrgUnit, day: dt.date) -> None:
    """Submit as if on ``day``: the recorded time is that day, so the delay and the time agree."""
    report = services.report_submit(actor=specialist, period=period, unit=unit, sections=SECTIONS, today=day)
    sent_at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
    UnitReport.objects.filter(pk=report.pk).update(submitted_at=sent_at)


def seed_reviews(*, scale: str, rng: random.Random, stdout: TextIOBase) -> None:
    today = timezone.localdate()
    code = quarter_code(today)
    if ReviewPeriod.objects.filter(code=code).exists():
        stdout.write("Kỳ báo cáo sơ kết, tổng kết mẫu: đã có, không tạo thêm.")
        return
    province = OrgUnit.objects.filter(code=PROVINCE_CODE).first()
    commune = OrgUnit.objects.filter(code=COMMUNE_CODE).first()
    specialist = User.objects.filter(username="demo.tinh").first()
    if not (province and commune and specialist):
        stdout.write("Kỳ báo cáo sơ kết, tổng kết mẫu: thiếu đơn vị hoặc tài khoản mẫu, bỏ qua.")
        return
    year, quarter = _last_quarter(today)
    # Every simulated day is in the past, so a report sent "4 days late" was sent 4 days after the deadline.
    deadline = min(today - dt.timedelta(days=6), dt.date(year, 3 * quarter, 28) + dt.timedelta(days=17))
    with transaction.atomic():
        period = services.period_open(
            actor=specialist,
            code=code,
            unit=province,
            kind="quarter",
            year=year,
            quarter=quarter,
            deadline=deadline,
        )
        units = [line.unit for line in period.expected.select_related("unit").order_by("unit__path")]
        # About half on time, one late, one returned for revision, the rest missing.
        on_time = units[: max(1, len(units) // 2 - 1)]
        rest = units[len(on_time) :]
        late = rest[:1]
        returned = rest[1:2]
        for unit in on_time + returned:
            _submit_on(specialist, period, unit, deadline - dt.timedelta(days=2))
        for unit in late:
            _submit_on(specialist, period, unit, deadline + dt.timedelta(days=4))
        for unit in returned:
            report = UnitReport.objects.get(period=period, unit=unit)
            services.report_return(
                actor=specialist,
                report=report,
                comment="Đề nghị bổ sung số liệu kết nạp đảng viên trong quý.",
            )
        if on_time:
            services.report_accept(
                actor=specialist, report=UnitReport.objects.get(period=period, unit=on_time[0])
            )
        # The consolidated report numbered, signed and sent to the communes that reported.
        issued = register.period_report_issue(
            actor=specialist, period=period, issued_on=today, signer_name="Nguyễn Văn Hùng"
        )
        dispatch.dispatch_send(
            actor=specialist,
            issued=issued,
            document=documents.issued_document(period_status(period), issued, today),
            units=on_time,
            link=dispatch.incoming_link(),
        )

        # A year period opened by the province, and by a commune for its own subordinates.
        year_deadline = dt.date(today.year + 1, 1, 15)
        year_period = services.period_open(
            actor=specialist,
            code=f"{PROVINCE_CODE}-{today.year}-N",
            unit=province,
            kind="year",
            year=today.year,
            quarter=None,
            deadline=year_deadline,
        )
        below = None
        if subordinates_on(commune, year_period.ends_on):
            below = services.period_open(
                actor=specialist,
                code=f"{COMMUNE_CODE}-{today.year}-N",
                unit=commune,
                kind="year",
                year=today.year,
                quarter=None,
                deadline=year_deadline - dt.timedelta(days=5),
                parent=year_period,
            )
            cells = [line.unit for line in below.expected.select_related("unit").order_by("unit__path")]
            for unit in cells[: max(1, len(cells) * 2 // 3)]:
                services.report_submit(
                    actor=specialist, period=below, unit=unit, sections=SECTIONS, today=today
                )
    stdout.write(
        f"Kỳ báo cáo sơ kết, tổng kết mẫu: {code} ({len(units)} đơn vị phải báo cáo, "
        f"{len(on_time)} đúng hạn, {len(late)} muộn, {len(returned)} trả lại, "
        f"{len(units) - len(on_time) - len(late) - len(returned)} chưa gửi); kỳ năm {year_period.code}"
        + (f" và kỳ cấp xã {below.code}." if below else ".")
    )
