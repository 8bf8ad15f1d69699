# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The release lock a shift keeps while it runs (the ``lease`` option of the shifting modules, whose spec is
in ``_core.options.SHIFT_ARGUMENT_SPEC``).

The run took the lock before the shift (``release_lock``); the shift renews it
before every write and while a step is held, with one conditional UpdateItem.
When the run no longer holds it, the engine stops without writing.
"""

import time

from .._aws.dynamodb import ConditionFailed, dynamodb_client, update_item
from .._core.errors import InputError
from .._core.shift import Lease, LeaseLost
from . import lock
from .options import check_text, validate_state_options


def validate_lease(lease):
    """The ``lease`` option (None when not given); every failure names it."""
    if lease is None:
        return
    try:
        validate_state_options(lease)
        check_text("owner", lease["owner"])
        lock.check_ttl(lease["ttl"])
    except InputError as error:
        raise InputError("lease: %s" % error.msg) from None


def renewer(client, lease, clock=time.time):
    """A callable that renews the lease once, raising LeaseLost when the run no longer holds it."""

    def renew():
        write = lock.plan_renew(lease["app"], lease["owner"], lease["ttl"], clock())
        try:
            update_item(
                client, lease["table"], lock.key(lease["app"]), write.update, write.condition, write.names, write.values
            )
        except ConditionFailed:
            raise LeaseLost(lock.lost_message(lease["app"], lease["owner"])) from None

    return renew


def lease_for(module):
    """The Lease of the ``lease`` option, None when it is not given or in check mode (nothing is written)."""
    lease = module.params.get("lease")
    if lease is None or module.check_mode:
        return None
    return Lease(renewer(dynamodb_client(module), lease), lease["ttl"], time.monotonic)
