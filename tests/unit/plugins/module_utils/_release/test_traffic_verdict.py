import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._release.traffic_metrics import ColorTraffic
from ansible_collections.bluegreen.aws.plugins.module_utils._release.traffic_verdict import Thresholds, judge

DEFAULTS = Thresholds(alpha=0.05, error_rate_ceiling=None, latency_ratio=1.2, min_requests=200, latency_stat="p95")


def thresholds(**changes):
    return DEFAULTS._replace(**changes)


# (name, green (new), blue (baseline), thresholds, verdict, checks (error_rate, ceiling, latency), words in reasons)
CASES = [
    ("equal", ColorTraffic(1000, 10, 0.2), ColorTraffic(1000, 10, 0.2), DEFAULTS, "pass", "pass skipped pass", []),
    (
        "three-times-errors",
        ColorTraffic(1000, 30, 0.2),
        ColorTraffic(1000, 10, 0.2),
        DEFAULTS,
        "fail",
        "fail skipped pass",
        ["green's error rate 3.00% (30 of 1000) is significantly higher than blue's 1.00% (10 of 1000)", "< alpha"],
    ),
    (
        "higher-but-not-significant",
        ColorTraffic(1000, 13, 0.2),
        ColorTraffic(1000, 10, 0.2),
        DEFAULTS,
        "pass",
        "pass skipped pass",
        ["not significantly higher", ">= alpha 0.05"],
    ),
    (
        "stricter-alpha-passes-what-0.05-fails",
        ColorTraffic(500, 45, 0.2),
        ColorTraffic(1000, 60, 0.2),
        thresholds(alpha=0.01),
        "pass",
        "pass skipped pass",
        ["p-value 0.0159 >= alpha 0.01"],
    ),
    (
        "lower-new-rate",
        ColorTraffic(1000, 0, 0.2),
        ColorTraffic(1000, 50, 0.2),
        DEFAULTS,
        "pass",
        "pass skipped pass",
        [],
    ),
    (
        "above-ceiling-without-a-significant-difference",
        ColorTraffic(1000, 30, 0.2),
        ColorTraffic(1000, 30, 0.2),
        thresholds(error_rate_ceiling=0.02),
        "fail",
        "pass fail pass",
        ["green's error rate 3.00% (30 of 1000) is above error_rate_ceiling 2.00%"],
    ),
    (
        "within-ceiling",
        ColorTraffic(1000, 10, 0.2),
        ColorTraffic(1000, 10, 0.2),
        thresholds(error_rate_ceiling=0.02),
        "pass",
        "pass pass pass",
        ["within error_rate_ceiling 2.00%"],
    ),
    (
        "latency-regression",
        ColorTraffic(1000, 10, 0.5),
        ColorTraffic(1000, 10, 0.2),
        DEFAULTS,
        "fail",
        "pass skipped fail",
        ["green's p95 latency 0.500 s is 2.50 times blue's 0.200 s, above latency_ratio 1.2"],
    ),
    (
        "latency-at-the-limit",
        ColorTraffic(1000, 10, 0.24),
        ColorTraffic(1000, 10, 0.2),
        DEFAULTS,
        "pass",
        "pass skipped pass",
        ["within latency_ratio 1.2"],
    ),
    (
        "no-latency-data-for-the-new-color",
        ColorTraffic(1000, 10, None),
        ColorTraffic(1000, 10, 0.2),
        DEFAULTS,
        "pass",
        "pass skipped skipped",
        ["latency check skipped: no TargetResponseTime p95 data for green"],
    ),
    (
        "no-latency-data-with-a-failure",
        ColorTraffic(1000, 30, 0.2),
        ColorTraffic(1000, 10, None),
        DEFAULTS,
        "fail",
        "fail skipped skipped",
        ["significantly higher", "latency check skipped: no TargetResponseTime p95 data for blue"],
    ),
    (
        "baseline-latency-zero",
        ColorTraffic(1000, 10, 0.2),
        ColorTraffic(1000, 10, 0.0),
        DEFAULTS,
        "pass",
        "pass skipped skipped",
        ["latency check skipped: blue's p95 latency is 0.000 s"],
    ),
    (
        "too-few-new",
        ColorTraffic(150, 150, 3.0),
        ColorTraffic(1000, 10, 0.2),
        DEFAULTS,
        "inconclusive",
        "skipped skipped skipped",
        ["green served 150 requests in the window, fewer than min_requests 200"],
    ),
    (
        "too-few-both",
        ColorTraffic(0, 0, None),
        ColorTraffic(199, 0, 0.2),
        DEFAULTS,
        "inconclusive",
        "skipped skipped skipped",
        ["green served 0 requests", "blue served 199 requests"],
    ),
    (
        "exactly-min-requests",
        ColorTraffic(200, 2, 0.2),
        ColorTraffic(200, 2, 0.2),
        DEFAULTS,
        "pass",
        "pass skipped pass",
        [],
    ),
    (
        "no-errors-either-side",
        ColorTraffic(1000, 0, 0.2),
        ColorTraffic(1000, 0, 0.2),
        DEFAULTS,
        "pass",
        "pass skipped pass",
        ["p-value 1 >= alpha"],
    ),
]


@pytest.mark.parametrize("name, green, blue, limits, verdict, checks, words", CASES, ids=[case[0] for case in CASES])
def test_verdict(name, green, blue, limits, verdict, checks, words):
    result = judge({"blue": blue, "green": green}, "green", limits)
    assert result["verdict"] == verdict, result
    assert [result["checks"][check] for check in ("error_rate", "error_rate_ceiling", "latency")] == checks.split()
    text = " | ".join(result["reasons"])
    for word in words:
        assert word in text, (word, result["reasons"])
    assert result["reasons"], result
    assert result["summary"].startswith("%s: green (new) against blue (baseline), " % verdict.upper())


def test_a_failure_lists_only_what_failed():
    result = judge({"blue": ColorTraffic(1000, 10, 0.2), "green": ColorTraffic(1000, 30, 0.2)}, "green", DEFAULTS)
    assert len(result["reasons"]) == 1
    assert "latency" not in result["reasons"][0]


def test_blue_can_be_the_new_color():
    result = judge({"blue": ColorTraffic(1000, 30, 0.2), "green": ColorTraffic(1000, 10, 0.2)}, "blue", DEFAULTS)
    assert (result["verdict"], result["new_color"], result["baseline_color"]) == ("fail", "blue", "green")
    assert result["z"] == pytest.approx(3.1944, abs=1e-4)


def test_numbers_returned():
    result = judge({"blue": ColorTraffic(1000, 10, 0.2), "green": ColorTraffic(1000, 30, 0.21)}, "green", DEFAULTS)
    assert result["colors"] == {
        "blue": {"requests": 1000, "errors": 10, "error_rate": 0.01, "latency": 0.2},
        "green": {"requests": 1000, "errors": 30, "error_rate": 0.03, "latency": 0.21},
    }
    assert result["z"] == pytest.approx(3.1944, abs=1e-4)
    assert result["p_value"] == pytest.approx(0.000701, abs=1e-6)
    assert result["latency_ratio"] == pytest.approx(1.05)
    assert result["latency_statistic"] == "p95"
    assert result["summary"] == (
        "FAIL: green (new) against blue (baseline), error rate 3.00% (30 of 1000) against 1.00% (10 of 1000), "
        "p-value 0.000701 (alpha 0.05); p95 latency 0.210 s against 0.200 s, ratio 1.05 (limit 1.2)."
    )


def test_inconclusive_still_reports_the_numbers():
    result = judge({"blue": ColorTraffic(1000, 10, 0.2), "green": ColorTraffic(100, 3, None)}, "green", DEFAULTS)
    assert result["colors"]["green"]["error_rate"] == 0.03
    assert result["z"] is not None
    assert result["summary"] == (
        "INCONCLUSIVE: green (new) against blue (baseline), error rate 3.00%% (3 of 100) against 1.00%% (10 of 1000), "
        "p-value %.3g (alpha 0.05); p95 latency not compared (no data for green)." % result["p_value"]
    )


def test_no_requests_at_all_has_no_rates():
    result = judge({"blue": ColorTraffic(0, 0, None), "green": ColorTraffic(0, 0, None)}, "green", DEFAULTS)
    assert (result["z"], result["p_value"], result["latency_ratio"]) == (None, None, None)
    assert result["colors"]["blue"]["error_rate"] is None
    assert "error rate no rate (0 of 0)" in result["summary"]
