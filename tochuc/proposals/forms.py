"""Forms of the proposals pages: sending, forwarding, asking an opinion, answering, publishing."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tochuc.core.attachments import MultipleFileField, MultipleFileInput
from tochuc.proposals.models import ProposalKind

CODE_HELP = _("Nhập mã đơn vị, ví dụ T01-X01.")


def attachments_field() -> MultipleFileField:
    return MultipleFileField(
        label=_("Tệp gửi kèm (không bắt buộc)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.txt"}),
        help_text=format_lazy(
            _("PDF, Word, Excel, ảnh hoặc văn bản; tối đa {n} tệp, mỗi tệp không quá {mb} MB."),
            n=int(settings.TOCHUC_PROPOSAL_MAX_FILES),
            mb=int(settings.TOCHUC_PROPOSAL_MAX_FILE_BYTES) // (1024 * 1024),
        ),
    )


class ProposalForm(forms.Form):
    from_unit = forms.CharField(label=_("Đơn vị gửi (mã)"), max_length=40, help_text=CODE_HELP)
    to_unit = forms.CharField(
        label=_("Gửi đến (mã đơn vị cấp trên)"),
        max_length=40,
        required=False,
        help_text=_(
            "Để trống để gửi cấp trên trực tiếp; nhập mã cấp cao hơn khi vấn đề thuộc thẩm quyền cấp đó."
        ),
    )
    kind = forms.ChoiceField(label=_("Loại kiến nghị"), choices=ProposalKind.choices)
    subject = forms.CharField(label=_("Trích yếu"), max_length=500)
    content = forms.CharField(
        label=_("Nội dung"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 8})
    )
    attachments = attachments_field()


class ForwardForm(forms.Form):
    to_unit = forms.CharField(label=_("Chuyển đến (mã đơn vị)"), max_length=40, help_text=CODE_HELP)
    note = forms.CharField(label=_("Ghi chú"), max_length=2000, required=False)


class OpinionAskForm(forms.Form):
    unit = forms.CharField(label=_("Xin ý kiến đơn vị (mã)"), max_length=40, help_text=CODE_HELP)
    note = forms.CharField(label=_("Nội dung xin ý kiến"), max_length=2000, required=False)


class OpinionForm(forms.Form):
    unit = forms.CharField(widget=forms.HiddenInput, max_length=40)
    opinion = forms.CharField(label=_("Ý kiến"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Nội dung trả lời"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 8})
    )
    attachments = attachments_field()


class PublishForm(forms.Form):
    duplicates = forms.TypedMultipleChoiceField(
        label=_("Kiến nghị cùng nội dung được trả lời chung"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Các kiến nghị được chọn sẽ được đóng bằng câu trả lời này."),
    )

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["duplicates"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = choices


class ProposalFilterForm(forms.Form):
    box = forms.ChoiceField(
        label=_("Hộp"),
        required=False,
        choices=[("", _("Tất cả")), ("received", _("Đơn vị nhận trả lời")), ("sent", _("Đơn vị đã gửi"))],
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("open", _("Chờ trả lời")),
            ("drafted", _("Chờ duyệt")),
            ("answered", _("Đã trả lời")),
            ("overdue", _("Quá hạn")),
            ("late", _("Trả lời chậm")),
        ],
    )
