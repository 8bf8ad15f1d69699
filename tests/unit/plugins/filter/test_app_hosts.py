"""The host pattern every playbook targets, from bluegreen_hosts as a user or an AWX survey gives it."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.bluegreen.aws.plugins.filter.app_hosts import app_hosts


@pytest.mark.parametrize(
    "given, pattern",
    [
        (None, "localhost"),
        ("", "localhost"),
        ("  ", "localhost"),
        ([], "localhost"),
        ("all", "all"),
        (" web ", "web"),
        ("shop,cart", "shop,cart"),
        ("shop\ncart\n", "shop,cart"),
        (["shop", " cart ", ""], "shop,cart"),
    ],
)
def test_blank_is_localhost_and_lists_become_one_pattern(given, pattern):
    assert app_hosts(given) == pattern


def test_anything_else_names_the_variable():
    with pytest.raises(AnsibleFilterError, match="bluegreen_hosts must be a host pattern or a list of them, got 3"):
        app_hosts(3)
