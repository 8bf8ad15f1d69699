"""alb_fleet_switch: alb_shift's work for many apps in one call, each app's failure its own."""

import threading

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError, Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._routers import alb_fleet
from fakes import FakeModule, client_error


def app(name, **changes):
    entry = dict(name=name, load_balancer=name, port=80, shift_to="previous")
    entry.update(blue_target_group="%s-blue" % name, green_target_group="%s-green" % name)
    entry.update(changes)
    return entry


class ClientMaker(FakeModule):
    """A module whose client() counts the clients made."""

    def __init__(self, params, **kwargs):
        super().__init__(params, **kwargs)
        self.made = []

    def client(self, service, retry_decorator=None):
        self.made.append(service)
        return object()


def run(apps, switch, workers=10, check_mode=False):
    module = ClientMaker(dict(apps=apps, workers=workers), check_mode=check_mode)
    return module, alb_fleet.switch_apps(module, switch=switch)


def test_each_app_is_switched_with_its_own_options_and_alb_shifts_defaults():
    seen = {}

    def switch(module):
        seen[module.params["load_balancer"]] = dict(module.params)
        return dict(changed=module.params["load_balancer"] == "shop", shifted_to="green")

    _module, result = run([app("shop"), app("cart", min_healthy_targets=0)], switch)
    assert set(result["switches"]) == {"shop", "cart"} and result["failed_apps"] == []
    assert result["changed"] is True, "changed when any app changed"
    assert seen["shop"]["blue_target_group"] == "shop-blue" and seen["cart"]["green_target_group"] == "cart-green"
    assert seen["shop"]["min_healthy_targets"] == 1 and seen["cart"]["min_healthy_targets"] == 0
    assert seen["shop"]["percent"] == 100 and seen["shop"]["wait"] is True, "alb_shift's defaults fill the rest"
    assert "name" not in seen["shop"], "the name is the fleet's key, not an alb_shift option"


def test_nothing_changed_when_no_app_changed():
    _module, result = run([app("shop")], lambda module: dict(changed=False))
    assert result["changed"] is False


def test_an_app_that_fails_is_reported_and_the_others_are_still_switched():
    def switch(module):
        name = module.params["load_balancer"]
        if name == "cart":
            raise Refusal("no release is marked on either target group", dict(before={"blue": 100, "green": 0}))
        if name == "search":
            raise client_error("Throttling", "ModifyListener")
        return dict(changed=True, shifted_to="green")

    _module, result = run([app("shop"), app("cart"), app("search"), app("blog")], switch)
    assert result["failed_apps"] == ["cart", "search"]
    assert result["switches"]["cart"] == dict(
        failed=True, msg="no release is marked on either target group", before={"blue": 100, "green": 0}
    )
    assert "Throttling" in result["switches"]["search"]["msg"]
    assert result["switches"]["shop"]["shifted_to"] == result["switches"]["blog"]["shifted_to"] == "green"


def test_an_app_with_a_wrong_option_fails_alone_and_is_never_switched():
    switched = []

    def switch(module):
        switched.append(module.params["load_balancer"])
        return dict(changed=True)

    both = dict(listener_arn="arn:aws:elasticloadbalancing:listener/x")
    wrong = [app("shop", shift_to="purple"), app("cart", colour="blue"), app("blog", **both)]
    _module, result = run(wrong + [app("search")], switch)
    assert switched == ["search"]
    assert result["failed_apps"] == ["shop", "cart", "blog"]
    assert "shift_to" in result["switches"]["shop"]["msg"] and "purple" in result["switches"]["shop"]["msg"]
    assert "colour" in result["switches"]["cart"]["msg"]
    assert "listener_arn" in result["switches"]["blog"]["msg"], "alb_shift's option constraints apply too"


@pytest.mark.parametrize(
    "apps, named",
    [
        ([app("shop"), app("shop")], "apps[1].name: shop"),
        ([app("shop"), dict(app("cart"), name="")], "apps[1].name is needed"),
        ([{k: v for k, v in app("shop").items() if k != "name"}], "apps[0].name is needed"),
    ],
)
def test_names_are_checked_before_any_switch(apps, named):
    def switch(module):
        raise AssertionError("no app may be switched")

    with pytest.raises(InputError, match=named.replace("[", r"\[").replace("]", r"\]")):
        run(apps, switch)


def test_workers_below_one_are_refused():
    with pytest.raises(InputError, match="workers must be 1 or more, got 0"):
        run([app("shop")], lambda module: {}, workers=0)


def test_the_apps_are_switched_at_the_same_time():
    # Sequential switches would leave the barrier waiting for the others until its timeout.
    barrier = threading.Barrier(3, timeout=10)

    def switch(module):
        barrier.wait()
        return dict(changed=True)

    _module, result = run([app("shop"), app("cart"), app("blog")], switch, workers=3)
    assert result["failed_apps"] == []


def test_the_apps_share_one_client_per_service_and_the_modules_mode():
    modes = []

    def switch(module):
        module.client("elbv2")
        module.client("dynamodb")
        modes.append(module.check_mode)
        return dict(changed=False)

    module, _result = run([app("a%d" % index) for index in range(6)], switch, workers=3, check_mode=True)
    assert sorted(module.made) == ["dynamodb", "elbv2"]
    assert modes == [True] * 6


def test_no_apps_switch_nothing():
    _module, result = run([], lambda module: {})
    assert result == dict(changed=False, switches={}, failed_apps=[])
