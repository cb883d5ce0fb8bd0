"""Who may open what: one line per URL of the URL conf (pages and API alike).

The access matrix test walks the URL conf and the OpenAPI schema: a URL that is
not listed here, or listed but gone, fails the suite. So a new endpoint needs a
line here, and the line says who gets in.

``get`` is what a signed-in user of each role gets on a GET of a URL without
parameters: ``ALL`` roles, the ``EDIT`` roles (specialists and admins), or one
role; ``POST_ONLY`` for URLs that only take POSTs; ``SCOPED`` for URLs naming an
object, which answer 404 unless the object is within the user's scope (checked
by the scope fuzzing and each app's own tests). Everything not ``public``
refuses the anonymous: the login page for pages, 401 for the API.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("inside", "outside", "leader", "auditor", "admin", "viewer")
ALL = frozenset(ROLES)
EDIT = frozenset({"inside", "outside", "admin"})  # specialists and admins
ADMIN = frozenset({"admin"})
AUDITOR = frozenset({"auditor"})
POST_ONLY = frozenset({"POST"})
SCOPED = frozenset({"SCOPED"})


@dataclass(frozen=True)
class Rule:
    get: frozenset[str]
    public: bool = False
    methods: tuple[str, ...] = ()  # API operations of the URL, as in the OpenAPI schema


def public(*methods: str) -> Rule:
    return Rule(ALL, public=True, methods=methods)


def api(get: frozenset[str], *methods: str) -> Rule:
    return Rule(get, methods=methods or ("get",))


ACCESS: dict[str, Rule] = {
    "home": Rule(ALL),
    "healthz": public(),
    "set_language": public(),
    "accounts:login": public(),
    "accounts:logout": public(),
    "accounts:password_change": Rule(ALL),
    "accounts:otp": Rule(ALL),
    "accounts:grants": Rule(ADMIN),
    "accounts:grant_revoke": Rule(POST_ONLY),
    "accounts:grant_otp": Rule(POST_ONLY),
    "orgunits:tree": Rule(ALL),
    "orgunits:search": Rule(ALL),
    "orgunits:overlaps": Rule(ALL),
    "orgunits:detail": Rule(SCOPED),
    "orgunits:children": Rule(SCOPED),
    "orgunits:subtree": Rule(SCOPED),
    "orgunits:create_child": Rule(SCOPED),
    "orgunits:rename": Rule(SCOPED),
    "orgunits:move": Rule(SCOPED),
    "orgunits:merge": Rule(SCOPED),
    "orgunits:split": Rule(SCOPED),
    "orgunits:dissolve": Rule(SCOPED),
    "orgunits:function_create": Rule(SCOPED),
    "people:list": Rule(ALL),
    "people:export": Rule(ALL),
    "people:detail": Rule(SCOPED),
    "people:download_2c": Rule(SCOPED),
    "people:reveal": Rule(SCOPED),
    "people:correct": Rule(SCOPED),
    "people:move": Rule(SCOPED),
    "people:career_add": Rule(SCOPED),
    "people:training_add": Rule(SCOPED),
    "people:reward_add": Rule(SCOPED),
    "people:discipline_add": Rule(SCOPED),
    "people:relative_add": Rule(SCOPED),
    "people:import_home": Rule(EDIT),
    "people:import_template": Rule(EDIT),
    "people:import_job": Rule(SCOPED),
    "people:import_job_status": Rule(SCOPED),
    "positions:list": Rule(ALL),
    "positions:create": Rule(EDIT),
    "positions:reports": Rule(ALL),
    "positions:report_export": Rule(SCOPED),
    "positions:detail": Rule(SCOPED),
    "positions:edit": Rule(SCOPED),
    "positions:assign": Rule(SCOPED),
    "positions:assignment_end": Rule(SCOPED),
    "positions:duty_holder": Rule(SCOPED),
    "evaluations:cycle_list": Rule(ALL),
    "evaluations:cycle_create": Rule(EDIT),
    "evaluations:cycle": Rule(SCOPED),
    "evaluations:cycle_close": Rule(SCOPED),
    "evaluations:cycle_import": Rule(SCOPED),
    "evaluations:import_template": Rule(SCOPED),
    "evaluations:justify": Rule(SCOPED),
    "evaluations:cycle_unit": Rule(SCOPED),
    "evaluations:unit_refresh_tasks": Rule(SCOPED),
    "evaluations:evaluation": Rule(SCOPED),
    "evaluations:self_review": Rule(SCOPED),
    "evaluations:comments": Rule(SCOPED),
    "evaluations:appraisal": Rule(SCOPED),
    "evaluations:decision": Rule(SCOPED),
    "evaluations:analytics": Rule(ALL),
    "evaluations:analytics_unit": Rule(SCOPED),
    "evaluations:analytics_export": Rule(SCOPED),
    "evaluations:self_review_docx": Rule(SCOPED),
    "evaluations:collective_report_docx": Rule(SCOPED),
    "evaluations:cycle_summary_docx": Rule(SCOPED),
    "directives:list": Rule(ALL),
    "directives:intake": Rule(EDIT),
    "directives:review": Rule(SCOPED),
    "directives:recognition": Rule(SCOPED),
    "directives:dashboard": Rule(ALL),
    "directives:on_time": Rule(ALL),
    "directives:detail": Rule(SCOPED),
    "directives:matrix": Rule(SCOPED),
    "directives:task": Rule(SCOPED),
    "directives:task_assign": Rule(SCOPED),
    "directives:task_break_down": Rule(SCOPED),
    "directives:progress_submit": Rule(SCOPED),
    "directives:task_rate": Rule(SCOPED),
    "directives:plan_docx": Rule(SCOPED),
    "directives:progress_docx": Rule(SCOPED),
    "notifications:inbox": Rule(ALL),
    "notifications:read": Rule(SCOPED),
    "notifications:read_all": Rule(POST_ONLY),
    "personnel:home": Rule(ALL),
    "personnel:person_search": Rule(ALL),
    "personnel:planning_list": Rule(ALL),
    "personnel:planning_detail": Rule(SCOPED),
    "personnel:entry_propose": Rule(SCOPED),
    "personnel:planning_review": Rule(SCOPED),
    "personnel:entry_approve": Rule(SCOPED),
    "personnel:entry_remove": Rule(SCOPED),
    "personnel:procedure_list": Rule(ALL),
    "personnel:procedure_new": Rule(EDIT),
    "personnel:procedure_detail": Rule(SCOPED),
    "personnel:step_record": Rule(SCOPED),
    "personnel:set_approver": Rule(SCOPED),
    "personnel:decide": Rule(SCOPED),
    "personnel:withdraw": Rule(SCOPED),
    "personnel:rotation_list": Rule(ALL),
    "personnel:rotation_new": Rule(POST_ONLY),
    "personnel:rotation_end": Rule(SCOPED),
    "personnel:vote_list": Rule(ALL),
    "personnel:transparency": Rule(ALL),
    "personnel:decision_docx": Rule(SCOPED),
    "reports:index": Rule(ALL),
    "reports:structure": Rule(ALL),
    "reports:structure_export": Rule(ALL),
    "audit:list": Rule(AUDITOR),
    "audit:verify": Rule(POST_ONLY),
    # The API. ``api-root`` answers 404 to everyone; the schema and its page are public.
    "proposals:list": Rule(ALL),
    "proposals:new": Rule(EDIT),
    "proposals:dashboard": Rule(ALL),
    "proposals:detail": Rule(SCOPED),
    "proposals:answer": Rule(SCOPED),
    "proposals:approve": Rule(SCOPED),
    "proposals:publish": Rule(SCOPED),
    "proposals:forward": Rule(SCOPED),
    "proposals:opinion_ask": Rule(SCOPED),
    "proposals:opinion_give": Rule(SCOPED),
    "proposals:file": Rule(SCOPED),
    "proposals:export": Rule(ALL),
    "proposals:dashboard_export": Rule(ALL),
    "feedback:list": Rule(ALL),
    "feedback:press_new": Rule(EDIT),
    "feedback:export": Rule(ALL),
    "feedback:detail": Rule(SCOPED),
    "feedback:answer": Rule(SCOPED),
    "feedback:publish": Rule(SCOPED),
    "feedback:reveal": Rule(SCOPED),
    "feedback:file": Rule(SCOPED),
    "public_feedback:form": public(),
    "public_feedback:units": public(),
    "public_feedback:lookup": public(),
    "api:api-root": public(),
    "api:openapi-json": public(),
    "api:openapi-view": public(),
    "api:unit_list": api(ALL),
    "api:unit_search": api(SCOPED),  # needs ``q``
    "api:unit_detail": api(SCOPED),
    "api:unit_subtree": api(SCOPED),
    "api:person_list": api(ALL),
    "api:person_search": api(SCOPED),  # needs ``q``
    "api:person_detail": api(SCOPED),
    "api:person_reveal": api(POST_ONLY, "post"),
    "api:position_list": api(ALL),
    "api:position_detail": api(SCOPED),
    "api:cycle_list": api(ALL),
    "api:cycle_findings": api(SCOPED),
    "api:cycle_evaluations": api(SCOPED),
    "api:evaluation_detail": api(SCOPED),
    "api:evaluation_decide": api(POST_ONLY, "post"),
    "api:directive_list": api(ALL),
    "api:task_list": api(ALL),
    "api:directive_detail": api(SCOPED),
    "api:task_detail": api(SCOPED),
    "api:progress_report": api(POST_ONLY, "post"),
    "api:parse": api(POST_ONLY, "post"),
    "api:planning_cycle_list": api(ALL),
    "api:planning_entry_list": api(SCOPED),
    "api:procedure_list": api(ALL),
    "api:procedure_detail": api(SCOPED),
    "api:procedure_step_create": api(POST_ONLY, "post"),
    "api:person_eligibility": api(SCOPED),
    "reviews:list": Rule(ALL),
    "reviews:open": Rule(POST_ONLY),
    "reviews:detail": Rule(SCOPED),
    "reviews:remind": Rule(SCOPED),
    "reviews:open_below": Rule(SCOPED),
    "reviews:issue": Rule(SCOPED),
    "reviews:consolidated_docx": Rule(SCOPED),
    "reviews:figures_xlsx": Rule(SCOPED),
    "reviews:report": Rule(SCOPED),
    "reviews:report_return": Rule(SCOPED),
    "reviews:report_accept": Rule(SCOPED),
    "api:period_create": api(POST_ONLY, "post"),
    "api:period_detail": api(SCOPED),
    "api:report_submit": api(POST_ONLY, "post"),
    "api:proposal_list": api(ALL, "get", "post"),
    "api:proposal_detail": api(SCOPED),
    "api:proposal_answer": api(POST_ONLY, "post"),
    "api:proposal_approve": api(POST_ONLY, "post"),
    "api:public_feedback_send": public("post"),
    "api:public_feedback_lookup": public("get"),
    "api:feedback_list": api(ALL),
    "rewards:badges": Rule(ALL),
    "rewards:badge_propose": Rule(POST_ONLY),
    "rewards:badge_decide": Rule(SCOPED),
    "rewards:badges_export": Rule(SCOPED),
    "rewards:badge_proposal_docx": Rule(SCOPED),
    "rewards:badge_decision_docx": Rule(SCOPED),
}
