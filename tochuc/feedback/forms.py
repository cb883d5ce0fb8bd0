"""Forms of the feedback pages: the public form, the look-up, press recording, answering."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tochuc.core.attachments import MultipleFileField, MultipleFileInput
from tochuc.core.forms import date_field
from tochuc.feedback.models import FeedbackKind, Finding


class PublicFeedbackForm(forms.Form):
    unit = forms.CharField(
        label=_("Tổ chức đảng bạn muốn phản ánh"),
        max_length=255,
        help_text=_("Gõ mã đơn vị hoặc chọn từ kết quả tìm kiếm ở trên."),
    )
    kind = forms.ChoiceField(
        label=_("Bạn phản ánh về"), choices=FeedbackKind.choices, widget=forms.RadioSelect
    )
    content = forms.CharField(
        label=_("Nội dung phản ánh"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Viết rõ sự việc, thời gian, địa điểm. Tối đa 10.000 ký tự."),
    )
    name = forms.CharField(label=_("Họ và tên (không bắt buộc)"), max_length=150, required=False)
    contact = forms.CharField(
        label=_("Địa chỉ, số điện thoại hoặc thư điện tử (không bắt buộc)"),
        max_length=255,
        required=False,
        help_text=_(
            "Chỉ người trực tiếp xử lý được xem. Thư không ghi tên hoặc địa chỉ là thư nặc danh: vẫn được "
            "lưu giữ, nhưng không được giải quyết như đơn tố cáo."
        ),
    )
    attachments = MultipleFileField(
        label=_("Tệp gửi kèm (không bắt buộc)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.txt"}),
    )
    # Hidden from people; a program that fills every field fills it.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Mã tra cứu"), max_length=20)


class PressForm(forms.Form):
    concerned_unit = forms.CharField(label=_("Đơn vị được phản ánh (mã)"), max_length=40)
    kind = forms.ChoiceField(label=_("Loại phản ánh"), choices=FeedbackKind.choices)
    persons = forms.CharField(
        label=_("Mã cán bộ, đảng viên được nêu"),
        max_length=500,
        required=False,
        help_text=_("Cách nhau bởi dấu phẩy. Phản ánh về cán bộ được chuyển đến cấp ủy quản lý cán bộ đó."),
    )
    outlet = forms.CharField(label=_("Cơ quan báo chí"), max_length=200)
    published_on = date_field(_("Ngày đăng"), required=True)
    link = forms.URLField(label=_("Đường dẫn bài báo"), max_length=500, required=False, assume_scheme="https")
    content = forms.CharField(
        label=_("Tóm tắt nội dung"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    attachments = MultipleFileField(
        label=_("Bản chụp bài báo (không bắt buộc)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.txt"}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Nội dung trả lời"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    finding = forms.ChoiceField(label=_("Kết quả xác minh"), choices=Finding.choices, required=False)
    internal_note = forms.CharField(
        label=_("Ghi chú nội bộ (không công khai)"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
