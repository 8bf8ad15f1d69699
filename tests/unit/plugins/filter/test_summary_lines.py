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
