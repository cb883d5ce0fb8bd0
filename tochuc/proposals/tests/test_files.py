"""Files sent with a proposal and with its answer: checked on arrival, downloaded by those who see
the proposal; a file of the answer reaches the sender only once the answer is sent back."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tochuc.accounts.models import Role, User
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login, make_user
from tochuc.core.attachments import Upload
from tochuc.core.errors import DomainError
from tochuc.proposals import services
from tochuc.proposals.models import FileStage, Proposal, ProposalFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def clerk(tree: Tree) -> User:
    return make_user("clerk", Role.SPECIALIST, tree.commune)


def _send_page(client: Client, **files: SimpleUploadedFile) -> object:
    return client.post(
        "/proposals/new/",
        {
            "from_unit": "T01-X01",
            "kind": "procedure",
            "subject": "Mẫu biểu chuyển sinh hoạt đảng",
            "content": "Đề nghị ban hành mẫu biểu mới.",
            "attachments": list(files.values()),
        },
    )


def test_files_sent_with_the_proposal_are_kept_and_downloaded_in_scope(
    tree: Tree, clerk: User, inside: User, outside: User
) -> None:
    response = _send_page(login(clerk), a=SimpleUploadedFile("Tờ trình số 5.pdf", PDF, "text/html"))
    assert response.status_code == 302  # type: ignore[attr-defined]
    proposal = Proposal.objects.get()
    stored = ProposalFile.objects.get()
    assert (stored.stage, stored.name, stored.size) == (FileStage.SENT, "Tờ trình số 5.pdf", len(PDF))
    url = f"/proposals/{proposal.pk}/files/{stored.pk}/"
    got = login(inside).get(url)
    assert got.status_code == 200
    assert got.content == PDF
    assert got["Content-Type"] == "application/pdf"  # from the name, not what the browser claimed
    assert "attachment;" in got["Content-Disposition"]
    assert "T%E1%BB%9D%20tr%C3%ACnh" in got["Content-Disposition"]
    assert "Tờ trình số 5.pdf" in login(inside).get(f"/proposals/{proposal.pk}/").content.decode()
    assert login(outside).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    # Each download is audited, under the receiving unit; a refused one is not.
    events = AuditEvent.objects.filter(action="proposal.file_view")
    assert [(e.actor_id, e.summary["file"], e.unit_path) for e in events] == [
        (inside.pk, stored.pk, proposal.to_unit.path)
    ]


def test_a_refused_file_names_itself_and_nothing_is_sent(tree: Tree, clerk: User) -> None:
    response = _send_page(login(clerk), a=SimpleUploadedFile("virus.exe", b"MZ", "application/pdf"))
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "virus.exe" in response.content.decode()  # type: ignore[attr-defined]
    assert not Proposal.objects.exists()


def test_answer_files_reach_the_sender_only_once_the_answer_is_sent_back(
    tree: Tree, clerk: User, inside: User, settings: object
) -> None:
    chief = make_user("chief", Role.LEADER, tree.province)
    proposal = services.proposal_send(
        actor=clerk, from_unit=tree.commune, to_unit=None, kind="other", subject="Xin mẫu", content="x"
    )
    posted = login(inside).post(
        f"/proposals/{proposal.pk}/answer/",
        {"answer": "Gửi kèm mẫu biểu.", "attachments": [SimpleUploadedFile("mau.pdf", PDF)]},
    )
    assert posted.status_code == 302
    answer_file = ProposalFile.objects.get(stage=FileStage.ANSWER)
    url = f"/proposals/{proposal.pk}/files/{answer_file.pk}/"
    sender = login(clerk)
    assert sender.get(url).status_code == 404  # a draft is the answering unit's own business
    assert "mau.pdf" not in sender.get(f"/proposals/{proposal.pk}/").content.decode()
    assert login(chief).get(url).status_code == 200
    proposal.refresh_from_db()
    services.proposal_answer_approve(actor=chief, proposal=proposal)
    assert sender.get(url).status_code == 200


def test_the_limit_counts_the_files_of_earlier_drafts_and_a_forward_drops_them(
    tree: Tree, inside: User, settings: object
) -> None:
    settings.TOCHUC_PROPOSAL_MAX_FILES = 2  # type: ignore[attr-defined]
    proposal = services.proposal_send(
        actor=None, from_unit=tree.commune, to_unit=None, kind="other", subject="x", content="y"
    )
    one = [Upload("a.pdf", "application/pdf", PDF)]
    services.proposal_answer_write(actor=inside, proposal=proposal, answer="1", files=one * 2)
    with pytest.raises(DomainError) as refused:
        services.proposal_answer_write(actor=inside, proposal=proposal, answer="2", files=one)
    assert refused.value.field == "attachments"
    services.proposal_forward(actor=inside, proposal=proposal, to_unit=tree.commission)
    assert not proposal.files.exists()
