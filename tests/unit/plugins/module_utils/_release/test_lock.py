"""The release lock's decisions, plans and work, with a fake clock and a scripted DynamoDB client."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError, Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._release import lock
from ansible_collections.bluegreen.aws.plugins.module_utils._release.items import to_item
from ansible_collections.bluegreen.aws.plugins.module_utils._release.lock_work import release_lock
from fakes import FakeClient, FakeClock, FakeModule, ModuleExit, client_error

T0 = 1795000000.0  # 2026-11-18T...


def lease(owner="run-a", acquired=T0, ttl=600, holder=None):
    return dict(
        lock.key("shop"),
        owner=owner,
        holder=holder or {"user": "alice"},
        acquired_at=lock.format_time(acquired),
        expires_at=lock.format_time(acquired + ttl),
        expires_at_epoch=acquired + ttl,
        ttl=ttl,
    )


@pytest.mark.parametrize(
    "current, owner, now, expected",
    [
        (None, "run-a", T0, lock.FREE),
        (lease("run-a"), "run-a", T0 + 1, lock.MINE),
        (lease("run-a"), "run-a", T0 + 6000, lock.MINE),  # my expired lease: renewed, not taken over
        (lease("run-a"), "run-b", T0 + 599, lock.HELD),
        (lease("run-a"), "run-b", T0 + 600, lock.EXPIRED),  # expiry is inclusive
        (lease("run-a"), "run-b", T0 + 601, lock.EXPIRED),
        (lease("run-a"), None, T0 + 1, lock.HELD),  # nobody owns a lease without an owner
    ],
)
def test_status(current, owner, now, expected):
    assert lock.status(current, owner, now) == expected


def test_plan_acquire_free_puts_only_when_absent():
    state, new, write = lock.plan_acquire("shop", None, "run-a", {"user": "bob"}, 30, T0)
    assert state == lock.FREE
    assert (write.kind, write.condition) == ("put", "attribute_not_exists(sk)")
    assert new["acquired_at"] == lock.format_time(T0)
    assert new["expires_at_epoch"] == T0 + 30 and new["ttl"] == 30
    assert write.item == new and new["sk"] == "lock"


def test_plan_acquire_renewal_keeps_acquired_at_and_is_conditional_on_the_owner():
    state, new, write = lock.plan_acquire("shop", lease("run-a"), "run-a", {}, 900, T0 + 300)
    assert state == lock.MINE
    assert new["acquired_at"] == lock.format_time(T0)
    assert new["expires_at"] == lock.format_time(T0 + 1200)
    assert write.condition == "#owner = :owner" and write.values == {":owner": "run-a"}


def test_plan_acquire_takes_over_only_the_expired_lease_that_was_read():
    _state, new, write = lock.plan_acquire("shop", lease("run-a"), "run-b", {}, 60, T0 + 700)
    assert new["acquired_at"] == lock.format_time(T0 + 700) and new["owner"] == "run-b"
    assert write.condition == "#owner = :seen AND expires_at_epoch = :seen_expires"
    assert write.values == {":seen": "run-a", ":seen_expires": T0 + 600}


def test_plan_acquire_held_by_another_is_refused_naming_the_holder():
    current = lease("run-a", holder={"user": "alice", "awx_job_id": 42, "playbook": "deploy.yml"})
    with pytest.raises(Refusal) as refused:
        lock.plan_acquire("shop", current, "run-b", {}, 60, T0 + 100)
    assert refused.value.msg == (
        "the release lock of app shop is held by run-a (awx job id 42, playbook deploy.yml, user alice) "
        "since %s, until %s (500 s left); wait until that release ends, or remove a dead run's lock with "
        "state=broken" % (lock.format_time(T0), lock.format_time(T0 + 600))
    )
    assert refused.value.result["acquired"] is False
    assert refused.value.result["lock"]["owner"] == "run-a"


@pytest.mark.parametrize(
    "current, owner, now, outcome",
    [
        (None, "run-a", T0, None),
        (lease("run-b"), "run-a", T0 + 601, None),  # another's expired lease is free
        (lease("run-a"), "run-a", T0 + 1, "#owner = :owner"),
        (lease("run-a"), "run-a", T0 + 6000, "#owner = :owner"),
        (lease("run-b"), "run-a", T0 + 1, Refusal),
    ],
)
def test_plan_release(current, owner, now, outcome):
    if outcome is Refusal:
        with pytest.raises(Refusal, match="held by run-b .* only its owner releases it"):
            lock.plan_release("shop", current, owner, now)
        return
    write = lock.plan_release("shop", current, owner, now)
    assert (write and write.condition) == outcome


@pytest.mark.parametrize("ttl, good", [(0, False), (1, True), (86400, True), (86401, False), (-5, False)])
def test_check_ttl(ttl, good):
    if good:
        lock.check_ttl(ttl)
    else:
        with pytest.raises(InputError, match="ttl must be from 1 to 86400 seconds, got %d" % ttl):
            lock.check_ttl(ttl)


def test_view_tells_expired_and_drops_the_keys():
    assert lock.view(None, T0) is None
    view = lock.view(lease(), T0 + 600)
    assert view["expired"] is True and "sk" not in view and "expires_at_epoch" not in view
    assert lock.view(lease(), T0 + 599)["expired"] is False


# The work, against a scripted client


def params(**extra):
    values = dict(table="bluegreen-releases", app="shop", state="acquired", owner="run-b", holder={}, ttl=60)
    values.update(extra)
    return values


def run(client, clock, monkeypatch, check_mode=False, **extra):
    from ansible_collections.bluegreen.aws.plugins.module_utils._release import lock_work

    monkeypatch.setattr(lock_work, "dynamodb_client", lambda module: client)
    return release_lock(FakeModule(params(**extra), check_mode=check_mode), clock=clock)


@pytest.fixture
def clock():
    fake = FakeClock()
    fake.now = T0 + 100
    return fake


def test_a_lost_race_reads_again_and_names_the_winner(clock, monkeypatch):
    client = FakeClient(
        get_item=[{}, {"Item": to_item(lease("run-a"))}],
        put_item=[client_error("ConditionalCheckFailedException", "PutItem")],
    )
    with pytest.raises(Refusal, match="held by run-a"):
        run(client, clock, monkeypatch)
    assert client.methods() == ["get_item", "put_item", "get_item"]
    assert client.calls[1][1]["ConditionExpression"] == "attribute_not_exists(sk)"


def test_check_mode_writes_nothing(clock, monkeypatch):
    client = FakeClient(get_item=[{}])
    result = run(client, clock, monkeypatch, check_mode=True)
    assert result["changed"] is True and result["acquired"] is True
    assert client.methods() == ["get_item"]


def test_broken_deletes_unconditionally_and_returns_the_old_lease(clock, monkeypatch):
    client = FakeClient(delete_item=[{"Attributes": to_item(lease("run-a"))}, {}])
    result = run(client, clock, monkeypatch, state="broken", owner=None)
    assert result["changed"] is True and result["broken_holder"]["owner"] == "run-a"
    assert "ConditionExpression" not in client.calls[0][1]
    assert client.calls[0][1]["ReturnValues"] == "ALL_OLD"
    assert run(client, clock, monkeypatch, state="broken", owner=None) == dict(
        changed=False, broken_holder=None, lock=None
    )


def test_missing_table_is_named(clock, monkeypatch):
    client = FakeClient(get_item=[client_error("ResourceNotFoundException", "GetItem")])
    with pytest.raises(InputError, match="table: the DynamoDB table bluegreen-releases does not exist"):
        run(client, clock, monkeypatch)


@pytest.mark.parametrize(
    "extra, message",
    [
        (dict(owner=None), "owner is required with state=acquired"),
        (dict(state="released", owner=None), "owner is required with state=released"),
        (dict(owner=" "), "owner must be 1 to 256 printable characters"),
        (dict(app="a b"), "app must be"),
        (dict(table="ab"), "table must be a DynamoDB table name"),
        (dict(ttl=0), "ttl must be from 1"),
    ],
)
def test_inputs_are_checked_before_any_call(clock, monkeypatch, extra, message):
    client = FakeClient()
    with pytest.raises(InputError, match=message):
        run(client, clock, monkeypatch, **extra)
    assert client.calls == []


def test_the_runner_turns_a_refusal_into_a_failure(clock, monkeypatch):
    from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
    from ansible_collections.bluegreen.aws.plugins.module_utils._release import lock_work

    client = FakeClient(get_item=[{"Item": to_item(lease("run-a"))}])
    monkeypatch.setattr(lock_work, "dynamodb_client", lambda module: client)
    with pytest.raises(ModuleExit) as ended:
        run_module(FakeModule(params()), lambda module: release_lock(module, clock=clock))
    assert ended.value.failed is True and ended.value.result["acquired"] is False
