# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filter bluegreen.aws.summary_lines: the one-screen summary every playbook ends with."""

COLORS = ("blue", "green")


def _split(split):
    if not split:
        return "unknown"
    return "blue %s%%, green %s%%" % (split.get("blue", 0), split.get("green", 0))


def _task_definition(arn):
    return (arn or "-").rsplit("task-definition/", 1)[-1]


def _color_line(color, view, traffic):
    """What the color runs; the platform's part only when it was read (a rollback may know versions only).

    ECS colors show their task definition and tasks, EC2 Auto Scaling colors their launch template version
    and instances.
    """
    view = view or {}
    words = [
        "%-5s" % color,
        "%3s%%" % (traffic.get(color, 0) if traffic else "?"),
        "version %s" % (view.get("version") or "-"),
    ]
    if "task_definition" in view:
        words.append(_task_definition(view["task_definition"]))
    if "launch_template_version" in view:
        words.append("launch template v%s" % (view["launch_template_version"] or "-"))
    if "in_service" in view:
        words.append("%s/%s instances in service" % (view["in_service"] or 0, view.get("desired_capacity") or 0))
    elif "desired_count" in view:
        words.append("%s/%s tasks running" % (view.get("running_count") or 0, view["desired_count"] or 0))
    if view.get("healthy_targets") is not None:
        words.append("%s healthy targets" % view["healthy_targets"])
    return "  ".join(words)


def summary_lines(report):
    """Lines for a person from ``report``: app, action, outcome, before, after, colors, done, seconds, notes."""
    lines = ["%s %s: %s" % (report.get("app"), report.get("action"), report.get("outcome"))]
    before, after = report.get("before"), report.get("after")
    if before is not None and before != after:
        lines.append("traffic: %s -> %s" % (_split(before), _split(after)))
    else:
        lines.append("traffic: %s (unchanged)" % _split(after))
    colors = report.get("colors") or {}
    for color in COLORS:
        lines.append(_color_line(color, colors.get(color), after))
    for step in report.get("done") or []:
        lines.append("done: %s" % step)
    for note in report.get("notes") or []:
        lines.append("note: %s" % note)
    if report.get("seconds") is not None:
        lines.append("took %.1f s" % float(report["seconds"]))
    return lines


class FilterModule:
    def filters(self):
        return {"summary_lines": summary_lines}
