"""Shapes shared by every part of the API."""

from ninja import Schema


class ErrorOut(Schema):
    """Every error: a message, a machine-readable code and, for bad input, the field."""

    detail: str
    code: str
    field: str = ""


# The largest ``offset`` a list accepts: past it there is nothing, and a database integer
# cannot hold much more.
MAX_OFFSET = 2**31 - 1
