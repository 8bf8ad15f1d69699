# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of release_lock (acquire, release, break) and of release_lock_info (read)."""

import time

from .._aws.dynamodb import ConditionFailed, delete_item, dynamodb_client, get_item, put_item
from .._core.errors import InputError
from . import lock
from .options import STATE_ARGUMENT_SPEC, check_free_form, check_text, validate_state_options, who_ran

# A conditional write that loses a race is planned again from a fresh read, at most this often.
ATTEMPTS = 3

LOCK_ARGUMENT_SPEC = dict(
    STATE_ARGUMENT_SPEC,
    state=dict(type="str", choices=["acquired", "released", "broken"], default="acquired"),
    owner=dict(type="str"),
    holder=dict(type="dict", default={}),
    ttl=dict(type="int", default=1800),
)
LOCK_INFO_ARGUMENT_SPEC = STATE_ARGUMENT_SPEC


def validate_lock_options(params):
    validate_state_options(params)
    if params["state"] in ("acquired", "released"):
        if params.get("owner") is None:
            raise InputError("owner is required with state=%s" % params["state"])
    if params.get("owner") is not None:
        check_text("owner", params["owner"])
    lock.check_ttl(params["ttl"])
    check_free_form("holder", params["holder"])


def _diff(module, result, before, after):
    if module._diff:
        result["diff"] = dict(before=before or {}, after=after or {})
    return result


def lock_info(module, clock=time.time):
    validate_state_options(module.params)
    params = module.params
    current = get_item(dynamodb_client(module), params["table"], lock.key(params["app"]))
    view = lock.view(current, clock())
    return dict(changed=False, lock=view, held=bool(view and not view["expired"]))


def release_lock(module, clock=time.time):
    params = module.params
    validate_lock_options(params)
    holder = who_ran(params["holder"])
    client = dynamodb_client(module)
    table, app = params["table"], params["app"]
    if params["state"] == "broken":
        return _break(module, client, table, app, clock)
    for _attempt in range(ATTEMPTS):
        current = get_item(client, table, lock.key(app))
        now = clock()
        try:
            if params["state"] == "acquired":
                return _acquire(module, client, table, app, current, holder, now)
            return _release(module, client, table, app, current, now)
        except ConditionFailed:
            continue  # the lease changed since it was read: look again
    raise InputError("the release lock of app %s changed %d times while it was written; run again" % (app, ATTEMPTS))


def _acquire(module, client, table, app, current, holder, now):
    params = module.params
    state, lease, write = lock.plan_acquire(app, current, params["owner"], holder, params["ttl"], now)
    if not module.check_mode:
        put_item(client, table, write.item, write.condition, write.names, write.values)
    result = dict(
        changed=True,
        acquired=True,
        renewed=state == lock.MINE,
        taken_over=lock.view(current, now) if state == lock.EXPIRED else None,
        lock=lock.view(lease, now),
    )
    return _diff(module, result, lock.view(current, now), result["lock"])


def _release(module, client, table, app, current, now):
    write = lock.plan_release(app, current, module.params["owner"], now)
    before = lock.view(current, now)
    if write is None:
        return _diff(module, dict(changed=False, released=False, lock=before), before, before)
    if not module.check_mode:
        delete_item(client, table, lock.key(app), write.condition, write.names, write.values)
    return _diff(module, dict(changed=True, released=True, lock=None), before, None)


def _break(module, client, table, app, clock):
    if module.check_mode:
        broken = get_item(client, table, lock.key(app))
    else:
        broken = delete_item(client, table, lock.key(app))
    view = lock.view(broken, clock())
    return _diff(module, dict(changed=broken is not None, broken_holder=view, lock=None), view, None)
