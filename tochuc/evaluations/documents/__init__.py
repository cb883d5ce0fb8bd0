"""Word documents of an evaluation cycle.

- the individual self-review (``BẢN KIỂM ĐIỂM CÁ NHÂN``): Mẫu 2A for non-leaders, 2B for leaders
  (and cadres managed by the Centre), 2C for members working outside the political system, chosen
  by the evaluation's criteria frame;
- the collective report Mẫu 01 (``BÁO CÁO KIỂM ĐIỂM TẬP THỂ``) with the ratings of its members and
  of its subordinate collectives;
- the cycle's summary for the upper level: counts and shares per rating, overall and per child
  unit, and the findings that were allowed with a written justification.

Layout helpers (Times New Roman 13, A4, margins) are the Party-layout helpers
of ``tochuc.core.documents.word``. The data they print is read by the ``*_data`` functions, which take
already-scoped objects: the views check access first.

One module per document: ``self_review`` (2A/2B/2C), ``collective`` (01), ``summary``; ``layout``
holds what they share (forms, criteria, layout helpers, the download's audit event). Every public
name is re-exported here, so callers keep using ``documents.self_review_docx`` and the like.
"""

from __future__ import annotations

from tochuc.evaluations.documents.collective import (
    COLLECTIVE_TITLE,
    CollectiveData,
    collective_data,
    collective_report_docx,
)
from tochuc.evaluations.documents.layout import (
    FALLBACK_CRITERIA,
    FALLBACK_NOTE,
    FORMS,
    RATINGS,
    CriteriaRows,
    criteria_for,
    form_number,
    rating_label,
)
from tochuc.evaluations.documents.self_review import SELF_REVIEW_TITLE, self_review_docx
from tochuc.evaluations.documents.summary import (
    SUMMARY_TITLE,
    TALLY_HEADINGS,
    JustifiedRow,
    SummaryData,
    Tally,
    cycle_summary_docx,
    summary_data,
)

__all__ = [
    "COLLECTIVE_TITLE",
    "FALLBACK_CRITERIA",
    "FALLBACK_NOTE",
    "FORMS",
    "RATINGS",
    "SELF_REVIEW_TITLE",
    "SUMMARY_TITLE",
    "TALLY_HEADINGS",
    "CollectiveData",
    "CriteriaRows",
    "JustifiedRow",
    "SummaryData",
    "Tally",
    "collective_data",
    "collective_report_docx",
    "criteria_for",
    "cycle_summary_docx",
    "form_number",
    "rating_label",
    "self_review_docx",
    "summary_data",
]
