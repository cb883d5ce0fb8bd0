"""Shapes shared by every part of the API."""

from ninja import Schema


class ErrorOut(Schema):
    """Every error: a message, a machine-readable code and, for bad input, the field."""

    detail: str
    code: str
    field: str = ""
