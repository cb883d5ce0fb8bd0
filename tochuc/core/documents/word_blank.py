"""A blank Word document without reading python-docx's template every time.

``Document()`` unzips and parses the default template (styles of 350 kB and more) on each call:
about 11 ms of CPU a document. ``blank(prepare)`` parses it once per thread, lets ``prepare`` set it up
(fonts, page size, margins), then gives each caller a copy of that document in a fraction of a
millisecond.

A copy has its own main part (the body, sections and relationships: paragraphs, tables and pictures
added to it stay in it) and shares the other parts (styles, numbering, settings, theme...) with the
template of its thread: write into the body of a copy, never into its styles. ``prepare`` is where
styles are set, once.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable

from docx import Document
from docx.document import Document as DocxDocument

Prepare = Callable[[DocxDocument], None]


def _unchanged(document: DocxDocument) -> None:
    """The default template as it is."""


class _Templates(threading.local):
    def __init__(self) -> None:
        # For each ``prepare``: the prepared document and its parts other than the main one, by id.
        self.by_prepare: dict[Prepare, tuple[DocxDocument, dict[int, object]]] = {}


_templates = _Templates()


def _template(prepare: Prepare) -> tuple[DocxDocument, dict[int, object]]:
    found = _templates.by_prepare.get(prepare)
    if found is None:
        document = Document()
        prepare(document)
        main = document.part
        shared = {id(part): part for part in main.package.iter_parts() if part is not main}
        found = _templates.by_prepare[prepare] = (document, shared)
    return found


def blank(prepare: Prepare = _unchanged) -> DocxDocument:
    """A new document equal to ``Document()`` after ``prepare(document)``; ``prepare`` runs once per
    thread (it must give the same result each time: a module-level function, not a closure over data)."""
    template, shared = _template(prepare)
    document: DocxDocument = copy.deepcopy(template, dict(shared))
    return document
