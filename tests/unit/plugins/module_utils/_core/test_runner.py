import pytest

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import (
    BlueGreenError,
    InputError,
    ModuleFailure,
    Refusal,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from fakes import FakeModule, ModuleExit, client_error


def run(work):
    module = FakeModule(name="bluegreen.aws.alb_shift")
    with pytest.raises(ModuleExit) as ended:
        run_module(module, work)
    return ended.value


def test_success_exits_with_the_result():
    ended = run(lambda module: {"changed": True, "after": {"blue": 0, "green": 100}})
    assert not ended.failed
    assert ended.result == {"changed": True, "after": {"blue": 0, "green": 100}}


@pytest.mark.parametrize("error_class", [InputError, Refusal, ModuleFailure])
def test_each_failure_fails_with_its_message_and_partial_result(error_class):
    def work(module):
        raise error_class("green: refusing", {"changed": False, "before": {"blue": 100, "green": 0}})

    ended = run(work)
    assert ended.failed
    assert ended.result == {"msg": "green: refusing", "changed": False, "before": {"blue": 100, "green": 0}}


def test_a_bad_input_and_a_refusal_are_told_apart():
    assert not issubclass(InputError, Refusal) and not issubclass(Refusal, InputError)
    assert all(issubclass(cls, BlueGreenError) for cls in (InputError, Refusal, ModuleFailure))
    assert InputError("x").result == {}


def test_aws_errors_name_the_module():
    def work(module):
        raise client_error("Throttling", "ModifyListener")

    ended = run(work)
    assert ended.failed
    assert ended.result["msg"].startswith("alb_shift failed: ")


def test_amazon_aws_errors_are_reported_with_their_message():
    def work(module):
        raise AnsibleAWSError(message="Failed to describe things", exception=client_error("AccessDenied"))

    ended = run(work)
    assert ended.failed and "Failed to describe things" in ended.result["msg"]


def test_other_exceptions_are_not_swallowed():
    def work(module):
        raise KeyError("bug")

    with pytest.raises(KeyError):
        run_module(FakeModule(), work)
