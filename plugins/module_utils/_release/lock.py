# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The release lock of an app: a lease in the release state table. Decisions and items only, no AWS call.

The lease is the item ``{app: <app>, sk: "lock"}``. It names its ``owner``
(the run that took it), who that is (``holder``), since when it is held
(``acquired_at``) and until when (``expires_at``; ``expires_at_epoch`` is the
same time as a number, for the conditions of the writes). A lease past its
expiry is free for anyone to take over.
"""

from .._core.errors import InputError, Refusal
from .items import format_time

LOCK_KEY = "lock"
TTL_MAX = 86400

# What a lease is to the one who asks.
FREE = "free"  # no lease
EXPIRED = "expired"  # a lease of another owner, past its expiry
MINE = "mine"  # a lease of the asking owner (expired or not)
HELD = "held"  # a lease of another owner, not expired


def key(app):
    return {"app": app, "sk": LOCK_KEY}


def check_ttl(ttl):
    if ttl < 1 or ttl > TTL_MAX:
        raise InputError("ttl must be from 1 to %d seconds, got %d" % (TTL_MAX, ttl))


def status(lock, owner, now):
    """FREE, EXPIRED, MINE or HELD: ``lock`` (a plain item or None) as seen by ``owner`` at ``now``."""
    if lock is None:
        return FREE
    if owner is not None and lock.get("owner") == owner:
        return MINE
    if lock.get("expires_at_epoch", 0) <= now:
        return EXPIRED
    return HELD


def view(lock, now):
    """The lock as modules return it: the item without its keys and numbers, plus ``expired``."""
    if lock is None:
        return None
    return {
        "app": lock.get("app"),
        "owner": lock.get("owner"),
        "holder": lock.get("holder") or {},
        "acquired_at": lock.get("acquired_at"),
        "expires_at": lock.get("expires_at"),
        "ttl": lock.get("ttl"),
        "expired": lock.get("expires_at_epoch", 0) <= now,
    }


def describe_holder(lock):
    """``run-7 (user alice, host ci-1, playbook deploy.yml, AWX job 42)``."""
    holder = lock.get("holder") or {}
    details = ", ".join("%s %s" % (name.replace("_", " "), holder[name]) for name in sorted(holder))
    return "%s (%s)" % (lock.get("owner"), details) if details else str(lock.get("owner"))


def held_message(app, lock, now):
    return "the release lock of app %s is held by %s since %s, until %s (%d s left)" % (
        app,
        describe_holder(lock),
        lock.get("acquired_at"),
        lock.get("expires_at"),
        max(0, round(lock.get("expires_at_epoch", 0) - now)),
    )


def _state_unless_held(app, current, owner, now, done, advice):
    """The status of the lock for ``owner``; Refusal naming the holder (and ``advice``) when another holds it."""
    state = status(current, owner, now)
    if state == HELD:
        raise Refusal(
            "%s; %s" % (held_message(app, current, now), advice),
            result={"changed": False, done: False, "lock": view(current, now)},
        )
    return state


class Write:
    """One conditional write: ``put`` (of ``item``), ``update`` (with ``update``) or ``delete``, with its condition."""

    def __init__(self, kind, condition, names, values, item=None, update=None):
        self.kind = kind
        self.item = item
        self.update = update
        self.condition = condition
        self.names = names
        self.values = values


def plan_acquire(app, current, owner, holder, ttl, now):
    """The lease to write and its one conditional PutItem, or Refusal when another owner holds the lock.

    Returns ``(state, lease, write)``: the state of ``current`` for ``owner``
    (FREE, EXPIRED or MINE; MINE renews: same acquired_at, new expiry).
    """
    state = _state_unless_held(
        app,
        current,
        owner,
        now,
        "acquired",
        "wait until that release ends, or remove a dead run's lock with state=broken",
    )
    expires = now + ttl
    lease = dict(
        key(app),
        owner=owner,
        holder=holder,
        acquired_at=current["acquired_at"] if state == MINE else format_time(now),
        expires_at=format_time(expires),
        expires_at_epoch=round(expires, 3),
        ttl=ttl,
    )
    if state == FREE:
        write = Write("put", "attribute_not_exists(sk)", {}, {}, lease)
    elif state == MINE:
        write = Write("put", "#owner = :owner", {"#owner": "owner"}, {":owner": owner}, lease)
    else:
        # Still the expired lease that was read: nobody renewed or took it meanwhile.
        write = Write(
            "put",
            "#owner = :seen AND expires_at_epoch = :seen_expires",
            {"#owner": "owner"},
            {":seen": current["owner"], ":seen_expires": current["expires_at_epoch"]},
            lease,
        )
    return state, lease, write


def plan_release(app, current, owner, now):
    """The conditional delete of the owner's lease, None when there is nothing to release.

    Refusal when another owner holds the lock (not expired). A lease of
    another owner past its expiry is free: nothing to do.
    """
    state = _state_unless_held(
        app,
        current,
        owner,
        now,
        "released",
        "only its owner releases it (to remove a dead run's lock, use state=broken)",
    )
    if state != MINE:
        return None
    return Write("delete", "#owner = :owner", {"#owner": "owner"}, {":owner": owner})


def plan_renew(app, owner, ttl, now):
    """The one conditional UpdateItem that renews ``owner``'s lease for ``ttl`` seconds from ``now``.

    Its condition fails when the lease is gone (broken) or another owner's:
    the run has lost the lock and must stop writing.
    """
    expires = now + ttl
    return Write(
        "update",
        "#owner = :owner",
        {"#owner": "owner", "#ttl": "ttl"},
        {
            ":owner": owner,
            ":expires_at": format_time(expires),
            ":expires_at_epoch": round(expires, 3),
            ":ttl": ttl,
        },
        update="SET expires_at = :expires_at, expires_at_epoch = :expires_at_epoch, #ttl = :ttl",
    )


def lost_message(app, owner):
    return (
        "the release lock of app %s is no longer held by %s (a rollback broke it, or it expired and another run "
        "took it)" % (app, owner)
    )
