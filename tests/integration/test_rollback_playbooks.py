"""The rollback playbook from the states a deploy can leave, and verify and scale_down, against moto.

Every check of AWS is made from outside (boto3), besides the playbooks' own summaries.
"""

import os
import sys

import pytest
from release_setup import ListenerWrites, failed, failures, ok, playbook, serve_fleet, summaries, summary, task_hosts

BIN = os.path.dirname(sys.executable)


# One fleet for this module, provisioned once on a moto server of its own, on one xdist worker; the
# release tests (test_release_playbooks.py) have another, so the two run side by side.
pytestmark = pytest.mark.xdist_group("rollback_playbooks")

# The rollback after a deploy killed mid-canary is Molecule's rollback_drill.
APPS = {
    "scaled": "service_pair",
    "checks": "service_pair",
    "north": "service_pair",
    "south": "task_set",
    "fresh": "service_pair",
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


def test_rollback_to_a_color_that_never_received_a_release_then_verify_and_scale_down(fleet, writes):
    # The rollback of an app never deployed is the third app of the next test's run.
    pair = fleet.apps["checks"]
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


def test_one_rollback_run_brings_every_app_back_each_failure_its_own(fleet, writes):
    north, south, fresh = (fleet.apps[name] for name in ("north", "south", "fresh"))
    for version in ("1.0", "2.0"):
        image = "registry.example.com/shop:%s" % version
        code, report = fleet.run_apps([north, south], "deploy", bluegreen_version=version, bluegreen_image=image)
        assert code == 0, failures(report)
    # The color south goes back to answers 500: its check fails, which is reported and never undone.
    south.fault("green", 500)

    writes.start()
    code, report = fleet.run_apps([north, south, fresh], "rollback")
    assert code != 0, "fresh cannot be rolled back"
    assert writes.count() == 2, "one write for each app that was switched"
    assert north.split() == (0, 100) and south.split() == (0, 100)
    assert fresh.split() == (100, 0), "the app that failed is left as it was"

    # One call switched every app, one call checked them.
    switch = "Switch the production traffic of every app of the run to its previous color, one write each, in one call"
    assert len(task_hosts(report, switch)) == 1 and len(task_hosts(report, switch)[0]) == 1
    check = "Check the color now live of every app of the run, in one call (reported, never undone)"
    assert len(task_hosts(report, check)) == 1 and len(task_hosts(report, check)[0]) == 1

    lines = summaries(report)
    assert lines["north"][0] == "north rollback: rolled back to green"
    assert "done: post-rollback check of green passed" in lines["north"]
    assert lines["south"][0] == "south rollback: rolled back to green"
    notes = [line for line in lines["south"] if "post-rollback check failed (the traffic stays on green)" in line]
    assert len(notes) == 1 and "answered 500" in notes[0], lines["south"]
    # fresh was never deployed: no mark tells the color, so its platform was read and it refused.
    assert [failure.split(" ", 1)[0] for failure in failures(report)] == ["fresh"], failures(report)
    assert "bluegreen_rollback_to" in failures(report)[0]
