# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The changes asg_bluegreen makes, one class each.

An operation knows how to ``apply(api)`` itself (``api`` is an
``asg_reader.AsgApi``, or a fake of it), how it changes the colors
(``predict(after)``, for check and diff mode) and how to ``describe()`` itself
in one line for the ``actions`` return value.
"""

import time

from .._core.colors import COLORS
from .operations import Operation
from .._core.release_marks import marks_now


class CreateVersion(Operation):
    """A new launch template version: ``source`` with ``image_id``. ``number`` is the number it will probably
    get until applied, then the one it got."""

    def __init__(self, template_id, template_name, source, image_id, number, description=None):
        self.template_id = template_id
        self.template_name = template_name
        self.source = source
        self.image_id = image_id
        self.number = number
        self.description = description

    def apply(self, api):
        created = api.create_version(self.template_id, self.source, self.image_id, self.description)
        self.number = created["VersionNumber"]

    def describe(self):
        return "create version %d of launch template %s from version %d with %s" % (
            self.number,
            self.template_name,
            self.source,
            self.image_id,
        )


class SetVersion(Operation):
    """The group launches new instances from launch template version ``number`` (or the one ``made`` got)."""

    def __init__(self, color, group, template_id, number, image_id, made=None):
        self.color = color
        self.group = group
        self.template_id = template_id
        self._number = number
        self.image_id = image_id
        self.made = made

    @property
    def number(self):
        return self.made.number if self.made else self._number

    def apply(self, api):
        api.update_group(self.group, LaunchTemplate={"LaunchTemplateId": self.template_id, "Version": str(self.number)})

    def predict(self, after):
        after[self.color].update(launch_template_version=self.number, image_id=self.image_id)

    def describe(self):
        return "set group %s (%s) to launch template version %d (%s)" % (
            self.group,
            self.color,
            self.number,
            self.image_id,
        )


class ReplaceInstances(Operation):
    """Terminate the instances that run another AMI; the group launches their replacements from its version.

    The color takes no traffic, so all of them go at once. Its capacity is kept.
    """

    def __init__(self, color, group, instance_ids, image_id):
        self.color = color
        self.group = group
        self.instance_ids = sorted(instance_ids)
        self.image_id = image_id

    def apply(self, api):
        for instance_id in self.instance_ids:
            api.terminate_instance(instance_id)

    def describe(self):
        return "replace %d instance(s) of group %s (%s) not on %s: %s" % (
            len(self.instance_ids),
            self.group,
            self.color,
            self.image_id,
            ", ".join(self.instance_ids),
        )


class SetCapacity(Operation):
    """The group's desired capacity (and its minimum size, lowered to 0 for a scale-down)."""

    def __init__(self, color, group, desired, from_desired, min_size=None):
        self.color = color
        self.group = group
        self.desired = desired
        self.from_desired = from_desired
        self.min_size = min_size

    def apply(self, api):
        settings = {"DesiredCapacity": self.desired}
        if self.min_size is not None:
            settings["MinSize"] = self.min_size
        api.update_group(self.group, **settings)

    def predict(self, after):
        after[self.color]["desired_capacity"] = self.desired

    def describe(self):
        line = "set the desired capacity of group %s (%s): %d -> %d" % (
            self.group,
            self.color,
            self.from_desired,
            self.desired,
        )
        if self.min_size is not None:
            line += ", min size %d" % self.min_size
        return line


class RecordRelease(Operation):
    """Tags the group with the version it gets and when (``bluegreen:version``, ``bluegreen:deployed-at``),
    the marks ecs_bluegreen writes too: the rollback playbook reads them to find the newest release.
    ``target_group`` (when the group has one) is marked alike, for alb_shift ``shift_to=previous``."""

    def __init__(self, color, group, version, target_group=None, clock=time.time):
        self.color = color
        self.group = group
        self.version = version
        self.target_group = target_group
        self.clock = clock

    def apply(self, api):
        marks = marks_now(self.version, self.clock)
        api.tag_group(self.group, marks)
        if self.target_group:
            api.tag_target_group(self.target_group, marks)

    def predict(self, after):
        after[self.color]["version"] = self.version

    def describe(self):
        return "record version %s on the %s color" % (self.version, self.color)


def predict(views, ops):
    """``{color: {launch_template_version, image_id, desired_capacity, version}}`` once ``ops`` are applied."""
    after = {
        color: {
            "launch_template_version": views[color]["launch_template_version"],
            "image_id": views[color]["image_id"],
            "desired_capacity": views[color]["desired_capacity"],
            "version": views[color].get("version"),
        }
        for color in COLORS
    }
    for op in ops:
        op.predict(after)
    return after
