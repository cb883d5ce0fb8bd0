"""``manage.py api_token_create USERNAME --name NAME``: print a new API key, once."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.accounts.models import User
from tochuc.accounts.services import api_token_create
from tochuc.core.commands import option_str
from tochuc.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Cấp một khoá API cho người dùng. Khoá được in ra đúng một lần (chỉ lưu mã băm SHA-256); "
        "dùng trong tiêu đề «Authorization: Bearer <khoá>»."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Tên đăng nhập của người dùng.")
        parser.add_argument("--name", required=True, help="Tên gợi nhớ của khoá, ví dụ tên hệ thống dùng nó.")

    def handle(self, *args: object, **options: object) -> None:
        username = option_str(options, "username")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng «{username}».")
        try:
            token, key = api_token_create(actor=None, user=user, name=option_str(options, "name"))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(
            f"Đã cấp khoá API #{token.pk} «{token.name}» cho {user.username}. "
            "Hãy lưu lại ngay: khoá sẽ không được hiển thị lần nữa."
        )
        self.stdout.write(key)
