"""Demo proposals and feedback: proposals answered on time and late, open and overdue, one answer
published that closes a duplicate; citizens' and press feedback in each state (received, overdue,
answered and published, anonymous). Dates are relative to today; running twice adds nothing."""

from __future__ import annotations

import datetime as dt
import random
from io import TextIOBase

from django.utils import timezone

from tochuc.feedback import services as feedback_services
from tochuc.feedback.models import Feedback
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.proposals import services
from tochuc.proposals.models import Proposal

# (from, to or None for the parent, kind, subject, days ago sent, state)
PROPOSALS = [
    (
        "T01-X01",
        None,
        "procedure",
        "Hướng dẫn thủ tục chuyển sinh hoạt đảng tạm thời cho đảng viên đi làm ăn xa",
        40,
        "on_time",
    ),
    (
        "T01-X02",
        None,
        "cadre_work",
        "Kiến nghị bố trí công chức chuyên trách công tác đảng viên cấp xã",
        50,
        "late",
    ),
    ("T01-X03", None, "resources", "Đề xuất kinh phí sinh hoạt chi bộ khu dân cư sau sắp xếp", 5, "open"),
    (
        "T01-X04",
        None,
        "organization",
        "Vướng mắc về mô hình tổ chức đảng trong doanh nghiệp ngoài nhà nước",
        60,
        "open",
    ),
    (
        "T01",
        "TW",
        "policy",
        "Kiến nghị sửa đổi hướng dẫn đánh giá, xếp loại chất lượng tổ chức đảng cấp xã",
        10,
        "open",
    ),
    (
        "T02-X01",
        None,
        "procedure",
        "Hướng dẫn thủ tục chuyển sinh hoạt đảng tạm thời cho đảng viên đi làm ăn xa",
        45,
        "open",
    ),
    (
        "T02-X02",
        None,
        "procedure",
        "Hướng dẫn thủ tục chuyển sinh hoạt đảng tạm thời cho đảng viên đi làm ăn xa",
        20,
        "published",
    ),
]

ANSWER = (
    "Đề nghị đơn vị thực hiện theo hướng dẫn hiện hành về thủ tục chuyển sinh hoạt đảng; "
    "cấp trên sẽ tổng hợp các vướng mắc để kiến nghị sửa đổi."
)


def _seed_proposals(units: dict[str, OrgUnit], today: dt.date) -> int:
    created = 0
    by_key: dict[tuple[str, str], Proposal] = {}
    for from_code, to_code, kind, subject, ago, state in PROPOSALS:
        if from_code not in units or (to_code and to_code not in units):
            continue
        proposal = services.proposal_send(
            actor=None,
            from_unit=units[from_code],
            to_unit=units[to_code] if to_code else None,
            kind=kind,
            subject=subject,
            content=subject + ". Đề nghị cấp trên xem xét, trả lời để đơn vị thực hiện thống nhất.",
            sent_on=today - dt.timedelta(days=ago),
        )
        by_key[(from_code, subject)] = proposal
        created += 1
        if state in ("on_time", "late", "published"):
            services.proposal_answer_write(actor=None, proposal=proposal, answer=ANSWER)
            on = (
                proposal.answer_due - dt.timedelta(days=3)
                if state != "late"
                else proposal.answer_due + dt.timedelta(days=6)
            )
            services.proposal_answer_approve(actor=None, proposal=proposal, answered_on=min(on, today))
    published = by_key.get(("T02-X02", PROPOSALS[-1][3]))
    duplicate = by_key.get(("T02-X01", PROPOSALS[-1][3]))
    if published is not None:
        services.proposal_publish(actor=None, proposal=published, duplicates=[duplicate] if duplicate else [])
    return created


def _seed_feedback(units: dict[str, OrgUnit], today: dt.date, rng: random.Random) -> int:
    now = timezone.now()
    created = 0

    def citizen(code: str, kind: str, content: str, ago: int, name: str = "", contact: str = "") -> Feedback:
        nonlocal created
        created += 1
        return feedback_services.feedback_submit_public(
            unit=code,
            kind=kind,
            content=content,
            sender_name=name,
            sender_contact=contact,
            address=f"demo-{created}",
            now=now - dt.timedelta(days=ago),
        )

    citizen(
        "T01-X01",
        "organization",
        "Chi bộ thôn chưa tổ chức sinh hoạt định kỳ trong quý.",
        3,
        "Nguyễn Văn Hải",
        "Thôn 2, xã An Bình",
    )
    citizen(
        "T01-X02",
        "cadre",
        "Cán bộ một cửa xã hẹn giải quyết hồ sơ nhiều lần.",
        45,
        "Trần Thị Hoa",
        "0912 000 111",
    )
    answered = citizen(
        "T01-X03",
        "organization",
        "Việc công khai danh sách kết nạp đảng viên chưa đầy đủ.",
        25,
        "Lê Văn Minh",
        "Phường Thành Sen",
    )
    feedback_services.feedback_answer(
        actor=None,
        feedback=answered,
        answer="Đảng ủy phường đã chỉ đạo niêm yết đầy đủ.",
        finding="right",
        answered_on=today - dt.timedelta(days=5),
    )
    feedback_services.feedback_publish(actor=None, feedback=answered)
    citizen("T01-X04", "other", "Phản ánh không ký tên về việc sử dụng kinh phí hội nghị.", 8)
    persons = list(Person.objects.filter(unit__path__startswith=units["T01-X01"].path).order_by("code")[:1])
    press_open = feedback_services.feedback_record_press(
        actor=None,
        concerned_unit=units["T01-X01"],
        kind="cadre" if persons else "organization",
        content="Bài báo phản ánh cán bộ chậm giải quyết kiến nghị của cử tri.",
        outlet="Báo Hà Tĩnh",
        published_on=today - dt.timedelta(days=12),
        link="https://baohatinh.vn/",
        persons=persons,
        received_on=today - dt.timedelta(days=10),
    )
    press_answered = feedback_services.feedback_record_press(
        actor=None,
        concerned_unit=units["T01-X02"],
        kind="organization",
        content="Phóng sự về việc sắp xếp chi bộ thôn sau sáp nhập.",
        outlet="Đài Phát thanh và Truyền hình Hà Tĩnh",
        published_on=today - dt.timedelta(days=40),
        received_on=today - dt.timedelta(days=38),
    )
    feedback_services.feedback_answer(
        actor=None,
        feedback=press_answered,
        answer="Đảng ủy xã đã rà soát, kiện toàn chi bộ.",
        finding="partly",
        answered_on=today - dt.timedelta(days=15),
    )
    feedback_services.feedback_publish(actor=None, feedback=press_answered)
    assert press_open.pk
    return created + 2


def seed_voices(*, scale: str, rng: random.Random, stdout: TextIOBase) -> None:
    """Create the demo proposals and feedback, unless they are there already."""
    if Proposal.objects.filter(subject=PROPOSALS[0][3]).exists():
        stdout.write("Kiến nghị, phản ánh mẫu: đã có, không tạo thêm.")
        return
    codes = {p[0] for p in PROPOSALS} | {p[1] for p in PROPOSALS if p[1]}
    units = OrgUnit.objects.in_bulk(sorted(codes), field_name="code")
    if not {"T01", "T01-X01", "T01-X02", "T01-X03", "T01-X04"} <= set(units):
        stdout.write("Kiến nghị, phản ánh mẫu: thiếu đơn vị mẫu, bỏ qua.")
        return
    today = timezone.localdate()
    proposals = _seed_proposals(units, today)
    feedback = _seed_feedback(units, today, rng)
    stdout.write(f"Kiến nghị, phản ánh mẫu: {proposals} kiến nghị, {feedback} phản ánh.")
