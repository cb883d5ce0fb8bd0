"""What the orgunits services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class OrgunitsErrorCode(AppErrorCode):
    UNIT_NOT_FOUND = "orgunits.unit_not_found", ErrorCode.NOT_FOUND
    SUBTREE_NOT_MANAGED = "orgunits.subtree_not_managed", ErrorCode.FORBIDDEN
    GRANTS_REMAIN = "orgunits.grants_remain", ErrorCode.CONFLICT
    NOT_YET_EFFECTIVE = "orgunits.not_yet_effective"
    UNIT_CLOSED = "orgunits.unit_closed", ErrorCode.CONFLICT
    INVALID_KIND = "orgunits.invalid_kind"
    PARENT_REQUIRED = "orgunits.parent_required"
    KIND_NOT_UNDER_PARENT = "orgunits.kind_not_under_parent"
    NAME_REQUIRED = "orgunits.name_required"
    NAME_TOO_LONG = "orgunits.name_too_long"
    FUNCTION_TITLE_REQUIRED = "orgunits.function_title_required"
    LEAD_ALSO_COOPERATING = "orgunits.lead_also_cooperating"
    ALREADY_LEAD = "orgunits.already_lead"
    INVALID_CODE = "orgunits.invalid_code"
    CODE_TAKEN = "orgunits.code_taken", ErrorCode.CONFLICT
    ROOT_BY_SYSTEM_ONLY = "orgunits.root_by_system_only", ErrorCode.FORBIDDEN
    SAME_NAME = "orgunits.same_name"
    MOVE_INTO_OWN_SUBTREE = "orgunits.move_into_own_subtree"
    ALREADY_UNDER_PARENT = "orgunits.already_under_parent"
    BEFORE_FOUNDING = "orgunits.before_founding"
    MERGE_SOURCES_REQUIRED = "orgunits.merge_sources_required"
    SURVIVOR_AMONG_SOURCES = "orgunits.survivor_among_sources"
    MERGE_INTO_SUBORDINATE = "orgunits.merge_into_subordinate"
    SPLIT_ROOT = "orgunits.split_root"
    SPLIT_NEEDS_PARENT_GRANT = "orgunits.split_needs_parent_grant", ErrorCode.FORBIDDEN
    SPLIT_TOO_FEW_PARTS = "orgunits.split_too_few_parts"
    SPLIT_UNKNOWN_CHILDREN = "orgunits.split_unknown_children"
    SPLIT_CHILD_TWICE = "orgunits.split_child_twice"
    SPLIT_CHILDREN_LEFT = "orgunits.split_children_left"
    SPLIT_FUNCTIONS_TWICE = "orgunits.split_functions_twice"
    DISSOLVE_ROOT = "orgunits.dissolve_root"
    CHILDREN_REMAIN = "orgunits.children_remain", ErrorCode.CONFLICT
    FUNCTIONS_LED = "orgunits.functions_led", ErrorCode.CONFLICT
    UNKNOWN_UNITS = "orgunits.unknown_units"
    INVALID_SPLIT_LINE = "orgunits.invalid_split_line"
