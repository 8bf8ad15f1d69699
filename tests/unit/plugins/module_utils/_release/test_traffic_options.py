from datetime import datetime, timezone

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._release import traffic_options

NOW = datetime(2026, 11, 29, 10, 7, 31, 250000, tzinfo=timezone.utc)


def params(**changes):
    values = dict((name, spec.get("default")) for name, spec in traffic_options.ARGUMENT_SPEC.items())
    values.update(load_balancer="shop", blue_target_group="shop-blue", green_target_group="shop-green")
    values.update(new_color="green")
    values.update(changes)
    return values


def test_default_window_is_the_last_five_whole_minutes():
    window = traffic_options.analysis_window(params(), NOW)
    assert window.start == datetime(2026, 11, 29, 10, 2, tzinfo=timezone.utc)
    assert window.end == datetime(2026, 11, 29, 10, 7, tzinfo=timezone.utc)
    assert window.period == 300


def test_window_rounds_the_period_up_to_whole_minutes():
    window = traffic_options.analysis_window(params(window=90), NOW)
    assert (window.end - window.start).total_seconds() == 90
    assert window.period == 120


def test_start_and_end_time():
    window = traffic_options.analysis_window(
        params(start_time="2026-11-29T09:00:00Z", end_time="2026-11-29T11:30:00+02:00"), NOW
    )
    assert window.start == datetime(2026, 11, 29, 9, 0, tzinfo=timezone.utc)
    assert window.end == datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)
    assert window.period == 1800


def test_a_time_without_zone_is_utc():
    assert traffic_options.parse_time("start_time", "2026-11-29 09:00:00") == datetime(
        2026, 11, 29, 9, 0, tzinfo=timezone.utc
    )


BAD = [
    (dict(window=59), "window must be 60 to 86400 seconds, got 59"),
    (dict(window=86401), "window must be 60 to 86400 seconds, got 86401"),
    (dict(start_time="yesterday", end_time="2026-11-29T10:00:00Z"), "start_time: 'yesterday' is not an ISO 8601"),
    (dict(start_time="2026-11-29T10:00:00Z", end_time="10h"), "end_time: '10h' is not an ISO 8601"),
    (
        dict(start_time="2026-11-29T10:00:00Z", end_time="2026-11-29T09:00:00Z"),
        "end_time 2026-11-29T09:00:00Z must be after start_time 2026-11-29T10:00:00Z",
    ),
    (dict(start_time="2026-11-29T10:00:00Z", end_time="2026-11-29T10:00:30Z"), "is 30 seconds"),
    (dict(start_time="2026-11-01T10:00:00Z", end_time="2026-11-01T11:00:00Z"), "more than 15 days ago"),
]


@pytest.mark.parametrize("changes, message", BAD)
def test_bad_windows(changes, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        traffic_options.analysis_window(params(**changes), NOW)


BAD_THRESHOLDS = [
    (dict(alpha=0.0), "alpha must be above 0 and below 1, got 0.0"),
    (dict(alpha=1.0), "alpha must be above 0 and below 1, got 1.0"),
    (dict(error_rate_ceiling=-0.1), "error_rate_ceiling must be a fraction from 0 to 1 (0.02 is 2%), got -0.1"),
    (dict(error_rate_ceiling=5.0), "got 5.0"),
    (dict(latency_ratio=0.9), "latency_ratio must be 1 or more, got 0.9"),
    (dict(min_requests=0), "min_requests must be 1 or more, got 0"),
    (dict(latency_stat="Sum"), "latency_stat: 'Sum' is not a CloudWatch statistic"),
    (dict(latency_stat="median"), "latency_stat: 'median'"),
    (dict(latency_stat="p101"), "latency_stat: 'p101'"),
]


@pytest.mark.parametrize("changes, message", BAD_THRESHOLDS)
def test_bad_thresholds(changes, message):
    with pytest.raises(InputError) as raised:
        traffic_options.thresholds(params(**changes))
    assert message in raised.value.msg


@pytest.mark.parametrize(
    "stat",
    [
        "p95",
        "p99",
        "p99.9",
        "p100",
        "p0.5",
        "Average",
        "Maximum",
        "Minimum",
        "tm90",
        "IQM",
        "TM(10%:90%)",
        "PR(:0.5)",
        "wm99",
    ],
)
def test_latency_statistics_accepted(stat):
    assert traffic_options.thresholds(params(latency_stat=stat)).latency_stat == stat


def test_same_target_group_for_both_colors():
    with pytest.raises(InputError, match="blue_target_group and green_target_group are both shop"):
        traffic_options.check_target_groups(params(blue_target_group="shop", green_target_group="shop"))
