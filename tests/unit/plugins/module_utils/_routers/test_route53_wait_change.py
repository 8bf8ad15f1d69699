"""route53_weight's wait_change: a call that goes on waiting for the change of the call before it, then shifts."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core import poller as poller_module
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError, ModuleFailure
from ansible_collections.bluegreen.aws.plugins.module_utils._routers import route53 as route53_router
from fakes import FakeClient, FakeClock, FakeModule

PENDING, INSYNC = {"ChangeInfo": {"Status": "PENDING"}}, {"ChangeInfo": {"Status": "INSYNC"}}


@pytest.fixture
def aws(monkeypatch):
    """The Route 53 client the call gets, the shift it hands over to (recorded), and a fake clock."""
    clock = FakeClock()
    shifted = []
    monkeypatch.setattr(poller_module, "Poller", lambda interval, **kwargs: clock.poller(interval))

    def client_for(**script):
        client = FakeClient(**script)
        monkeypatch.setattr(route53_router.route53, "route53_client", lambda module: client)
        return client

    def shift(module, validate, make_router):
        shifted.append(dict(module.params))
        return dict(changed=False, after={"blue": 50, "green": 50})

    monkeypatch.setattr(route53_router, "switch_traffic", shift)
    return clock, client_for, shifted


def color(identifier, address):
    return dict(identifier=identifier, value=[address], alias=None, health_check_id=None)


def params(**changes):
    values = dict(record="shop.example.com", type="A", ttl=60, wait=True, wait_timeout=300)
    values.update(wait_slice=10, wait_started=None, wait_change="/change/C1", zone="example.com")
    values.update(blue=color("blue", "192.0.2.1"), green=color("green", "192.0.2.2"))
    values.update(changes)
    return values


def test_a_change_still_pending_at_the_end_of_the_slice_returns_waiting_and_shifts_nothing(aws):
    clock, client_for, shifted = aws
    client = client_for(get_change=[PENDING] * 5)
    result = route53_router.shift_records(FakeModule(params()))
    assert result["waiting"] is True and result["changed"] is False and result["change_id"] == "/change/C1"
    assert "change /change/C1 to be INSYNC" in result["waiting_for"] and result["wait_started"] == 0
    assert clock.now == 10 and shifted == [] and set(client.methods()) == {"get_change"}


def test_a_change_in_sync_hands_over_to_the_shift_of_the_same_options(aws):
    clock, client_for, shifted = aws
    client_for(get_change=[PENDING, INSYNC])
    result = route53_router.shift_records(FakeModule(params()))
    assert result == dict(changed=False, after={"blue": 50, "green": 50}, waiting=False)
    assert len(shifted) == 1 and shifted[0]["wait_change"] == "/change/C1" and clock.now == 5


def test_the_whole_wait_timeout_still_fails(aws):
    clock, client_for, _shifted = aws
    client_for(get_change=[PENDING] * 5)
    clock.now = 1000.0
    with pytest.raises(ModuleFailure, match="after 400 seconds.*Route 53 will apply it"):
        route53_router.shift_records(FakeModule(params(wait_started=600.0)))


def test_wait_change_needs_wait(aws):
    _clock, client_for, _shifted = aws
    client = client_for()
    with pytest.raises(InputError, match="wait_change needs wait=true"):
        route53_router.shift_records(FakeModule(params(wait=False)))
    assert client.methods() == []
