"""traffic_analysis through Ansible against moto.

moto cannot compute percentiles, so every call here compares the Average response
time; the p95 default is tested with a stubbed client in the unit tests. Every
scenario has its own ALB in one moto state, with synthetic metrics written a few
minutes before the run, and all the calls (good and bad) run in one playbook.
"""

from datetime import datetime, timedelta, timezone

import pytest
from alb_setup import make_alb, make_target_group
from batch import Runner, failed, ok
from conftest import Ansible, Aws

MODULE = "bluegreen.aws.traffic_analysis"
pytestmark = pytest.mark.xdist_group("traffic_analysis")

# Each scenario: (blue, green) as (requests, 5xx errors, 4xx errors, latencies in seconds).
SCENARIOS = {
    "errors": ((1000, 10, 0, [0.2]), (1000, 30, 0, [0.2])),
    "equal": ((1000, 10, 0, [0.2, 0.2]), (1000, 10, 40, [0.2, 0.22])),
    "few": ((1000, 10, 0, [0.2]), (150, 1, 0, [0.2])),
    "slow": ((1000, 10, 0, [0.2, 0.2]), (1000, 10, 0, [0.5, 0.5])),
    "nolatency": ((1000, 10, 0, [0.2]), (1000, 10, 0, [])),
}


def put_traffic(cloudwatch, alb, color, traffic, when):
    """Write a color's ALB metrics the way CloudWatch holds them (test set-up)."""
    requests, errors_5xx, errors_4xx, latencies = traffic
    dimensions = [
        {"Name": "TargetGroup", "Value": "targetgroup/" + alb.target_groups[color].split(":targetgroup/")[1]},
        {"Name": "LoadBalancer", "Value": alb.load_balancer_arn.split(":loadbalancer/")[1]},
    ]
    data = [("RequestCount", requests, "Count"), ("HTTPCode_Target_5XX_Count", errors_5xx, "Count")]
    data += [("HTTPCode_Target_4XX_Count", errors_4xx, "Count")] if errors_4xx else []
    data += [("TargetResponseTime", latency, "Seconds") for latency in latencies]
    cloudwatch.put_metric_data(
        Namespace="AWS/ApplicationELB",
        MetricData=[
            {"MetricName": name, "Dimensions": dimensions, "Value": value, "Unit": unit, "Timestamp": when}
            for name, value, unit in data
        ],
    )


def make_app(aws, app):
    """An ALB with its two target groups; the production listener forwards to blue, the test listener
    (8080) to green, so that both serve the load balancer."""
    alb = make_alb(aws, app=app)
    aws.client("elbv2").create_listener(
        LoadBalancerArn=alb.load_balancer_arn,
        Protocol="HTTP",
        Port=8080,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": alb.target_groups["green"]}],
    )
    return alb


def args_for(app, **extra):
    args = dict(
        load_balancer=app,
        blue_target_group="%s-blue" % app,
        green_target_group="%s-green" % app,
        new_color="green",
        latency_stat="Average",
    )
    args.update(extra)
    return args


# (name, extra arguments, words the message must hold: the option and the value)
BAD_INPUTS = [
    ("color", dict(new_color="red"), ["new_color", "red"]),
    ("window", dict(window=30), ["window", "30"]),
    ("alpha", dict(alpha=1.5), ["alpha", "1.5"]),
    ("ceiling", dict(error_rate_ceiling=2.0), ["error_rate_ceiling", "2.0"]),
    ("ratio", dict(latency_ratio=0.8), ["latency_ratio", "0.8"]),
    ("min-requests", dict(min_requests=0), ["min_requests", "0"]),
    ("statistic", dict(latency_stat="median"), ["latency_stat", "median"]),
    ("sum", dict(latency_stat="Sum"), ["latency_stat", "Sum"]),
    ("start-time", dict(start_time="yesterday", end_time="2026-11-29T10:00:00Z"), ["start_time", "yesterday"]),
    (
        "end-before-start",
        dict(start_time="2026-11-29T10:00:00Z", end_time="2026-11-29T09:00:00Z"),
        ["end_time", "2026-11-29T09:00:00Z", "start_time"],
    ),
    ("window-and-start", dict(window=300, start_time="2026-11-29T10:00:00Z"), ["window", "start_time"]),
    ("start-without-end", dict(start_time="2026-11-29T10:00:00Z"), ["start_time", "end_time"]),
    ("load-balancer", dict(load_balancer="nope"), ["load_balancer", "nope"]),
    ("target-group", dict(green_target_group="nope-green"), ["green_target_group", "nope-green"]),
    ("same-target-group", dict(green_target_group="equal-blue"), ["blue_target_group", "green_target_group"]),
    ("unattached", dict(green_target_group="stray"), ["green_target_group", "stray", "load balancer equal"]),
]


@pytest.fixture(scope="module")
def results(moto_server, tmp_path_factory):
    """Set up every scenario, then run all the calls in one playbook; ``{name: result}``."""
    moto_server.reset()
    aws = Aws(moto_server)
    tmp_path = tmp_path_factory.mktemp("traffic")
    cloudwatch = aws.client("cloudwatch")
    when = datetime.now(timezone.utc) - timedelta(seconds=120)
    for app, colors in SCENARIOS.items():
        alb = make_app(aws, app)
        for color, traffic in zip(("blue", "green"), colors, strict=True):
            put_traffic(cloudwatch, alb, color, traffic, when)
        if app == "equal":
            make_target_group(aws.client("elbv2"), "stray", alb.vpc_id)

    calls = [("%s" % app, args_for(app)) for app in SCENARIOS]
    calls.append(("equal-4xx", args_for("equal", include_4xx=True)))
    calls.append(("errors-as-blue", args_for("errors", new_color="blue", window=600)))
    calls.append(("check-mode", (args_for("errors"), {"check": True})))
    calls += [("bad-" + name, args_for("equal", **extra)) for name, extra, _words in BAD_INPUTS]
    run = Runner(Ansible(aws, tmp_path), tmp_path, MODULE)
    return dict(zip([name for name, _call in calls], run.batch(*[call for _name, call in calls]), strict=True))


def test_three_times_the_error_rate_fails(results):
    result = ok(results["errors"])
    assert result["changed"] is False
    assert result["verdict"] == "fail"
    assert result["checks"] == {"error_rate": "fail", "error_rate_ceiling": "skipped", "latency": "pass"}
    assert result["colors"]["green"]["requests"] == 1000
    assert result["colors"]["green"]["errors"] == 30
    assert result["colors"]["green"]["error_rate"] == pytest.approx(0.03)
    assert result["colors"]["blue"]["error_rate"] == pytest.approx(0.01)
    assert result["z"] == pytest.approx(3.1944, abs=1e-4)
    assert result["p_value"] < 0.05
    assert result["latency_ratio"] == pytest.approx(1.0)
    assert "significantly higher" in result["reasons"][0]
    assert result["summary"].startswith("FAIL: green (new) against blue (baseline), error rate 3.00% (30 of 1000)")
    assert result["colors"]["green"]["target_group_arn"].split(":targetgroup/")[1].startswith("errors-green/")
    assert result["period"] == 300


def test_the_baseline_is_the_other_color(results):
    result = ok(results["errors-as-blue"])
    assert (result["new_color"], result["baseline_color"], result["verdict"]) == ("blue", "green", "pass")
    assert result["z"] == pytest.approx(-3.1944, abs=1e-4)
    assert result["period"] == 600


def test_equal_error_rates_pass(results):
    result = ok(results["equal"])
    assert result["verdict"] == "pass"
    assert result["checks"] == {"error_rate": "pass", "error_rate_ceiling": "skipped", "latency": "pass"}
    assert result["z"] == pytest.approx(0.0)
    assert result["p_value"] == pytest.approx(0.5)
    assert result["colors"]["green"]["latency"] == pytest.approx(0.21)
    assert result["latency_ratio"] == pytest.approx(1.05)
    assert result["latency_statistic"] == "Average"


def test_4xx_counted_only_when_asked(results):
    result = ok(results["equal-4xx"])
    assert result["colors"]["green"]["errors"] == 50
    assert result["colors"]["blue"]["errors"] == 10
    assert result["verdict"] == "fail"


def test_too_few_requests_is_inconclusive(results):
    result = ok(results["few"])
    assert result["verdict"] == "inconclusive"
    assert result["reasons"] == ["green served 150 requests in the window, fewer than min_requests 200"]
    assert result["colors"]["green"]["requests"] == 150


def test_a_latency_regression_fails(results):
    result = ok(results["slow"])
    assert result["verdict"] == "fail"
    assert result["checks"]["latency"] == "fail"
    assert result["latency_ratio"] == pytest.approx(2.5)
    assert result["reasons"] == [
        "green's Average latency 0.500 s is 2.50 times blue's 0.200 s, above latency_ratio 1.2"
    ]


def test_no_latency_data_skips_the_latency_check(results):
    result = ok(results["nolatency"])
    assert result["verdict"] == "pass"
    assert result["checks"]["latency"] == "skipped"
    assert result["colors"]["green"]["latency"] is None
    assert result["latency_ratio"] is None
    assert "latency check skipped: no TargetResponseTime Average data for green" in result["reasons"]
    assert "Average latency not compared (no data for green)" in result["summary"]


def test_check_mode_reads_the_same(results):
    checked = ok(results["check-mode"])
    assert checked["changed"] is False
    assert checked["verdict"] == "fail"
    assert checked["z"] == results["errors"]["z"]


@pytest.mark.parametrize("name, extra, words", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_fails_naming_the_option_and_value(results, name, extra, words):
    result = failed(results["bad-" + name], *words)
    assert "verdict" not in result
