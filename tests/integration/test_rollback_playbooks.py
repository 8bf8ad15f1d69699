"""The rollback playbook from the states a deploy can leave, and verify and scale_down, against moto.

Every check of AWS is made from outside (boto3), besides the playbooks' own summaries.
"""

import os
import sys

import pytest
from release_setup import ListenerWrites, failed, failures, ok, playbook, serve_fleet, summary

BIN = os.path.dirname(sys.executable)


# One fleet for this module, provisioned once on a moto server of its own, on one xdist worker; the
# release tests (test_release_playbooks.py) have another, so the two run side by side.
pytestmark = pytest.mark.xdist_group("rollback_playbooks")

# The rollback after a deploy killed mid-canary is Molecule's rollback_drill.
APPS = {
    "scaled": "service_pair",
    "checks": "service_pair",
}


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    yield from serve_fleet(tmp_path_factory, "rollback", APPS)


@pytest.fixture
def writes(fleet):
    return ListenerWrites(fleet.aws.server.endpoint)


def test_rollback_to_a_scaled_down_color(fleet, writes):
    pair, ansible = fleet.apps["scaled"], fleet.ansible
    ok(pair.deploy("1.0"))
    ok(pair.deploy("2.0", bluegreen_scale_down_delay=0))
    assert pair.color("green") == ("1.0", 0), "the old color was scaled down after promotion"
    pair.stop_target("green")

    writes.start()
    failed(pair.run("rollback"), "bluegreen_rollback_scale_up", "scaled down")
    # Refused before any change: no router write, and the color was not scaled up behind the refusal.
    assert writes.count() == 0 and pair.split() == (100, 0)
    assert pair.color("green") == ("1.0", 0)

    # Scaled back up, green takes the traffic once its new target is healthy, not before.
    watch = ansible.watch_playbook(
        playbook("rollback"), lambda: pair.color("green"), dict(pair.vars, bluegreen_rollback_scale_up=True)
    )
    watch.until(("1.0", 2))
    assert pair.split() == (100, 0)
    pair.start_target("green")
    code, report = watch.result()
    assert code == 0, failures(report)
    lines = summary(report)
    assert pair.split() == (0, 100)
    assert pair.color("green") == ("1.0", 2)
    assert any("scaled back up" in line for line in lines)
    assert any(line.startswith("green  100%") and "2/2 tasks running" in line for line in lines), lines


def test_rollback_without_a_recorded_deploy_then_verify_and_scale_down(fleet, writes):
    pair = fleet.apps["checks"]
    writes.start()
    failed(pair.run("rollback"), "bluegreen_rollback_to")
    assert writes.count() == 0 and pair.split() == (100, 0)
    # After the very first release the other color runs only what provision gave it.
    ok(pair.deploy("1.0"))
    writes.start()
    failed(pair.run("rollback", bluegreen_rollback_scale_up=True), "blue color never received a release")
    assert writes.count() == 0 and pair.split() == (0, 100)

    # A second release: verify and scale_down.
    ok(pair.deploy("2.0"))
    lines = ok(pair.run("verify"))
    assert "blue passed every check" in lines[0]
    failed(pair.run("verify", bluegreen_verify_color="idle", bluegreen_version="2.0"), 'is "1.0", "2.0" expected')

    writes.start()
    lines = ok(pair.run("scale_down"))
    assert "green scaled down to 0 tasks" in lines[0]
    assert pair.color("green") == ("1.0", 0) and pair.color("blue") == ("2.0", 2)
    assert writes.count() == 0, "scale_down never moves traffic"
    pair.set_split(50, 50)
    failed(pair.run("scale_down"), "splits the traffic")
    assert pair.color("blue") == ("2.0", 2)
