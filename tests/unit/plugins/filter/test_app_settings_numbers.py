"""The app_settings filter converts float variables (the A/B analysis thresholds) like the other types."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.bluegreen.aws.plugins.filter.app_settings import app_settings

SPEC = {
    "bluegreen_analysis_alpha": {"type": "float", "default": 0.05},
    "bluegreen_analysis_latency_ratio": {"type": "float", "default": 1.2},
}


@pytest.mark.parametrize(
    "given, expected",
    [(None, 0.05), ("", 0.05), ("0.01", 0.01), (" 0.2 ", 0.2), (1, 1.0), (0.1, 0.1)],
)
def test_floats_from_surveys_and_defaults(given, expected):
    settings = app_settings({"bluegreen_analysis_alpha": given}, SPEC)
    assert settings["analysis_alpha"] == expected and isinstance(settings["analysis_alpha"], float)
    assert settings["analysis_latency_ratio"] == 1.2


@pytest.mark.parametrize("given", ["low", True, [0.1], {"a": 1}])
def test_a_value_that_is_no_number_names_the_variable(given):
    with pytest.raises(AnsibleFilterError, match="bluegreen_analysis_alpha must be a number"):
        app_settings({"bluegreen_analysis_alpha": given}, SPEC)
