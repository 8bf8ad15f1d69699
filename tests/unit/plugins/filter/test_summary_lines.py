"""The one-screen summary every playbook ends with."""

from ansible_collections.bluegreen.aws.plugins.filter.summary_lines import summary_lines

ECS_COLOR = {
    "version": "2.0",
    "task_definition": "arn:aws:ecs:us-east-1:1:task-definition/shop:3",
    "desired_count": 2,
    "running_count": 1,
    "healthy_targets": 1,
}


def report(**changes):
    base = {
        "app": "shop",
        "action": "rollback",
        "outcome": "rolled back to green",
        "before": {"blue": 100, "green": 0},
        "after": {"blue": 0, "green": 100},
        "colors": {"blue": ECS_COLOR, "green": {"version": "1.0"}},
        "done": ["production traffic switched to green in one write"],
        "notes": [],
        "seconds": 2.04,
    }
    base.update(changes)
    return base


def test_the_summary_says_what_was_done_and_what_each_color_runs():
    assert summary_lines(report()) == [
        "shop rollback: rolled back to green",
        "traffic: blue 100%, green 0% -> blue 0%, green 100%",
        "blue     0%  version 2.0  shop:3  1/2 tasks running  1 healthy targets",
        "green  100%  version 1.0",
        "done: production traffic switched to green in one write",
        "took 2.0 s",
    ]


def test_an_unchanged_split_and_unknown_colors():
    lines = summary_lines(report(before={"blue": 0, "green": 100}, colors=None, done=[], notes=["n"], seconds=None))
    assert lines[1:] == [
        "traffic: blue 0%, green 100% (unchanged)",
        "blue     0%  version -",
        "green  100%  version -",
        "note: n",
    ]


EC2_COLOR = {
    "version": "2.0",
    "launch_template_version": 4,
    "image_id": "ami-0123456789abcdef0",
    "desired_capacity": 2,
    "desired_count": 2,
    "in_service": 1,
    "running_count": 1,
    "healthy_targets": 1,
}


def test_an_auto_scaling_color_shows_its_launch_template_version_and_instances():
    lines = summary_lines(report(colors={"blue": EC2_COLOR, "green": dict(EC2_COLOR, launch_template_version=None)}))
    assert lines[2:4] == [
        "blue     0%  version 2.0  launch template v4  1/2 instances in service  1 healthy targets",
        "green  100%  version 2.0  launch template v-  1/2 instances in service  1 healthy targets",
    ]
    assert not any("task" in line for line in lines[2:4])


def test_an_auto_scaling_color_scaled_down():
    lines = summary_lines(report(colors={"blue": dict(EC2_COLOR, desired_capacity=0, in_service=0)}))
    assert lines[2] == "blue     0%  version 2.0  launch template v4  0/0 instances in service  1 healthy targets"
