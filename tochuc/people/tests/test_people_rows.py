"""The rows of the people list built by ``people_rows`` are the HTML the template loop wrote, escaped."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Membership, Person

# The loop the list's template held before the rows were built in Python.
LOOP = Template(
    """{% load choices %}{% for p in people %}<tr>
    <td><a class="row-link" href="{% url 'people:detail' p.code %}">{{ p.full_name }}</a>{% if p.current_post %}<div class="muted small">{{ p.current_post }}</div>{% endif %}</td>
    <td class="mono">{{ p.code }}</td>
    <td>{{ p.birth_date|date:"d/m/Y" }}</td>
    <td>{{ p|choice_label:"gender" }}</td>
    <td>{{ p.ethnicity }}</td>
    <td>{{ p.unit.short_name|default:p.unit.name }}</td>
    <td>{{ p|choice_label:"political_theory_level" }}</td>
    <td>{% if p.membership %}<span class="badge status-{{ p.membership.status }}">{{ p.membership|choice_label:"status" }}</span>{% else %}<span class="muted">—</span>{% endif %}</td>
  </tr>{% endfor %}"""
)
TAG = Template("{% load people_list %}{% people_rows people %}")

text = st.text(alphabet=st.sampled_from(list("aăâ ĐđÁỹ<>&\"'/=x1")), max_size=12)
person_st = st.builds(
    lambda code, name, post, born, gender, ethnicity, theory, status, short, unit_name: (
        Person(
            code=code,
            full_name=name,
            current_post=post,
            birth_date=born,
            gender=gender,
            ethnicity=ethnicity,
            political_theory_level=theory,
            unit=OrgUnit(code="T01-X01", name=unit_name, short_name=short, path="00000001."),
        ),
        status,
    ),
    st.from_regex(r"[A-Z0-9][A-Z0-9._-]{0,10}", fullmatch=True),
    text,
    text,
    st.dates(dt.date(1900, 1, 1), dt.date(2010, 12, 31)),
    st.sampled_from(["male", "female", "x<y"]),
    text,
    st.sampled_from(["none", "elementary", "advanced", "bachelor", "<b>"]),
    st.sampled_from([None, "full", "probationary", "left", "exempt", 'a"b']),
    text,
    text,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(person_st, max_size=4))
def test_the_rows_are_the_html_of_the_template_loop(rows):
    people = []
    for person, status in rows:
        if status is not None:
            person.membership = Membership(status=status)
        people.append(person)
    context = Context({"people": people})
    assert TAG.render(context) == LOOP.render(context)


def test_values_are_escaped():
    person = Person(
        code="P1",
        full_name="<script>alert(1)</script>",
        current_post='Bí thư "chi bộ" & tổ',
        birth_date=dt.date(1980, 5, 1),
        gender="female",
        ethnicity="Tày",
        political_theory_level="advanced",
        unit=OrgUnit(code="T01", name="Chi bộ <b>", short_name="", path="00000001."),
    )
    html = TAG.render(Context({"people": [person]}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Bí thư &quot;chi bộ&quot; &amp; tổ" in html and "Chi bộ &lt;b&gt;" in html
    assert '<a class="row-link" href="/people/P1/">' in html and "<td>01/05/1980</td>" in html
    assert "<td>Nữ</td>" in html and "<td>Cao cấp</td>" in html and '<span class="muted">—</span>' in html
