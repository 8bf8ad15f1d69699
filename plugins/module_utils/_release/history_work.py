# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of release_history (record) and of release_history_info (read the newest records)."""

import time

from .._aws.dynamodb import ConditionFailed, delete_item, dynamodb_client, get_item, put_item, query_newest
from . import history, lock
from .options import STATE_ARGUMENT_SPEC, validate_state_options, who_ran

SIDE_OPTIONS = dict(color=dict(type="str", choices=["blue", "green"]), version=dict(type="str"))
HISTORY_ARGUMENT_SPEC = dict(
    STATE_ARGUMENT_SPEC,
    state=dict(type="str", choices=["recorded"], default="recorded"),
    id=dict(type="str"),
    started_at=dict(type="str", required=True),
    ended_at=dict(type="str"),
    who=dict(type="dict", default={}),
    to=dict(type="dict", options=SIDE_OPTIONS),
    shift=dict(type="str"),
    steps=dict(type="list", elements="int", default=[]),
    outcome=dict(type="str", required=True, choices=list(history.OUTCOMES)),
    reason=dict(type="str"),
    analysis=dict(type="raw"),
    break_lock=dict(type="bool", default=False),
)
HISTORY_ARGUMENT_SPEC["from"] = dict(type="dict", options=SIDE_OPTIONS)
HISTORY_INFO_ARGUMENT_SPEC = dict(STATE_ARGUMENT_SPEC, count=dict(type="int", default=5))


def record_release(module, clock=time.time):
    params = module.params
    validate_state_options(params)
    record = history.build_record(params, who_ran(params["who"]), clock())
    client = dynamodb_client(module)
    table = params["table"]
    broken = _break_lock(module, client, table, clock) if params.get("break_lock") else None
    record["broken_lock"] = broken
    stored = history.to_stored(record)
    key = {"app": stored["app"], "sk": stored["sk"]}
    if module.check_mode:
        existing = get_item(client, table, key) if params.get("id") else None
    else:
        try:
            put_item(client, table, stored, "attribute_not_exists(sk)")
            existing = None
        except ConditionFailed:
            existing = get_item(client, table, key)
    if existing is not None:
        # Recorded before (a retried task): the record as it was first written.
        record = history.from_stored(existing)
        result, before = dict(changed=False, record=record), record
    else:
        result, before = dict(changed=True, record=record), {}
    if params.get("break_lock"):
        result["broken_holder"] = broken
        result["changed"] = result["changed"] or broken is not None
    if module._diff:
        result["diff"] = dict(before=before, after=record)
    return result


def _break_lock(module, client, table, clock):
    """Remove the app's release lock whoever holds it (read it only, in check mode); the lease removed, or None."""
    key = lock.key(module.params["app"])
    found = get_item(client, table, key) if module.check_mode else delete_item(client, table, key)
    return lock.view(found, clock())


def history_info(module):
    params = module.params
    validate_state_options(params)
    history.check_count(params["count"])
    items = query_newest(
        dynamodb_client(module), params["table"], params["app"], history.RECORD_PREFIX, params["count"]
    )
    return dict(changed=False, records=[history.from_stored(item) for item in items])
