"""alb_shift_info's own checks, made before any AWS call."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._routers.alb_reader import validate_reader_options


def params(**changes):
    return dict(dict(load_balancer="shop", ports=[80, 8080], blue_target_group="b", green_target_group="g"), **changes)


def test_good_options_pass():
    validate_reader_options(params())


@pytest.mark.parametrize(
    "changes, words",
    [
        (dict(ports=[]), "ports must name at least one listener port"),
        (dict(ports=[0]), "ports must be from 1 to 65535, got 0"),
        (dict(ports=[80, 65536]), "ports must be from 1 to 65535, got 65536"),
        (dict(ports=[80, 8080, 80]), "ports must not repeat a port"),
        (dict(green_target_group="b"), "blue_target_group and green_target_group must differ"),
    ],
)
def test_bad_options_name_the_option(changes, words):
    with pytest.raises(InputError) as raised:
        validate_reader_options(params(**changes))
    assert words in raised.value.msg
