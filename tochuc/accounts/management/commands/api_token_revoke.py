"""``manage.py api_token_revoke USERNAME --name NAME``: a key stops working."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.accounts.models import ApiToken
from tochuc.accounts.services import api_token_revoke
from tochuc.core.commands import option_str
from tochuc.core.errors import DomainError


class Command(BaseCommand):
    help = "Thu hồi khoá API còn hiệu lực có tên đã cho của người dùng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Tên đăng nhập của người dùng.")
        parser.add_argument("--name", required=True, help="Tên của khoá cần thu hồi.")

    def handle(self, *args: object, **options: object) -> None:
        username, name = option_str(options, "username"), option_str(options, "name")
        token = (
            ApiToken.objects.filter(user__username=username, name=name.strip(), revoked_at__isnull=True)
            .select_related("user")
            .first()
        )
        if token is None:
            raise CommandError(f"Người dùng «{username}» không có khoá API «{name}» còn hiệu lực.")
        try:
            api_token_revoke(actor=None, token=token)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Đã thu hồi khoá API #{token.pk} «{token.name}» của {token.user.username}.")
