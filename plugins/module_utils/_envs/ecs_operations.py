# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The changes ecs_bluegreen makes, one class each.

An operation knows how to ``apply(api)`` itself (``api`` is an
``_aws.ecs.EcsCluster``, or a fake of it), how it changes the colors
(``predict(after)``, for check and diff mode) and how to ``describe()``
itself in one line for the ``actions`` return value. A new operation is
one new class here; nothing else dispatches on the kind of operation.
"""

import math
import time

from .._core.colors import COLORS
from .._core.release_marks import DEPLOYED_KEY, VERSION_KEY, marks_now
from .ecs_colors import mark_keys
from .ecs_task_definitions import short_task_definition
from .operations import Operation


class UpdateService(Operation):
    """service_pair: the color's service runs ``task_definition`` at ``desired_count``."""

    def __init__(self, color, service, name, task_definition, desired_count, from_task_definition=None):
        self.color = color
        self.service = service
        self.name = name
        self.task_definition = task_definition
        self.desired_count = desired_count
        self.from_task_definition = from_task_definition

    def apply(self, api):
        # Passing the task definition the service already has would start a new deployment for nothing.
        changes_definition = self.task_definition != self.from_task_definition
        api.update_service(
            self.service,
            task_definition=self.task_definition if changes_definition else None,
            desired_count=self.desired_count,
        )

    def predict(self, after):
        after.colors[self.color].update(task_definition=self.task_definition, desired_count=self.desired_count)

    def describe(self):
        return "update service %s (%s): task definition %s, desired count %d" % (
            self.name,
            self.color,
            short_task_definition(self.task_definition),
            self.desired_count,
        )


class UpdateDesiredCount(Operation):
    """task_set: the service's desired count, which every task set at full scale runs."""

    def __init__(self, service, name, desired_count, from_count):
        self.service = service
        self.name = name
        self.desired_count = desired_count
        self.from_count = from_count

    def apply(self, api):
        api.update_service(self.service, desired_count=self.desired_count)

    def predict(self, after):
        after.service_desired = self.desired_count

    def describe(self):
        return "update service %s: desired count %d -> %d" % (self.name, self.from_count, self.desired_count)


class ScaleTaskSet(Operation):
    def __init__(self, color, service, task_set, scale):
        self.color = color
        self.service = service
        self.task_set = task_set
        self.scale = scale

    def apply(self, api):
        api.scale_task_set(self.service, self.task_set, self.scale)

    def predict(self, after):
        after.scales[self.color] = self.scale

    def describe(self):
        return "scale the %s task set to %d%%" % (self.color, self.scale)


class DeleteTaskSet(Operation):
    def __init__(self, color, service, task_set, task_definition):
        self.color = color
        self.service = service
        self.task_set = task_set
        self.task_definition = task_definition

    def apply(self, api):
        api.delete_task_set(self.service, self.task_set)

    def predict(self, after):
        after.colors[self.color]["task_definition"] = None
        after.scales[self.color] = None

    def describe(self):
        return "delete the older %s task set (task definition %s)" % (
            self.color,
            short_task_definition(self.task_definition),
        )


class CreateTaskSet(Operation):
    """``spec``: the CreateTaskSet arguments but cluster and service. ``created`` is the new ARN once applied."""

    def __init__(self, color, service, spec):
        self.color = color
        self.service = service
        self.spec = spec

    def apply(self, api):
        self.created = api.create_task_set(self.service, self.spec)["taskSetArn"]

    def predict(self, after):
        after.colors[self.color]["task_definition"] = self.spec["taskDefinition"]
        after.scales[self.color] = 100

    def describe(self):
        return "create the %s task set: task definition %s at 100%% scale" % (
            self.color,
            short_task_definition(self.spec["taskDefinition"]),
        )


class MakePrimary(Operation):
    def __init__(self, color, service, task_set):
        self.color = color
        self.service = service
        self.task_set = task_set

    def apply(self, api):
        api.make_primary(self.service, self.task_set)

    def describe(self):
        return "make the %s task set the primary task set" % self.color


class RegisterTaskDefinition(Operation):
    """A new revision (the ``images`` shortcut). ``task_definition`` is the ARN it will probably get until
    applied, then the one it got; ``registered`` is AWS's answer."""

    def __init__(self, registration, tags, task_definition):
        self.registration = registration
        self.tags = tags
        self.task_definition = task_definition
        self.registered = None

    def apply(self, api):
        self.registered = api.register_task_definition(self.registration, self.tags)
        self.task_definition = self.registered["taskDefinitionArn"]

    def describe(self):
        return "register task definition %s" % short_task_definition(self.task_definition)


class RecordRelease(Operation):
    """Tags the color with the version it gets and when (``bluegreen:version``, ``bluegreen:deployed-at``).

    ``resource`` is the color's service (service_pair) or the service that holds both task sets;
    ``target_group`` (when known) is the color's target group, marked alike so that a rollback
    can tell the previous color from the router alone (alb_shift ``shift_to=previous``).
    """

    def __init__(self, color, resource, strategy, version, target_group=None, clock=time.time):
        self.color = color
        self.resource = resource
        self.strategy = strategy
        self.version = version
        self.target_group = target_group
        self.clock = clock

    def apply(self, api):
        marks = marks_now(self.version, self.clock)
        version_key, deployed_key = mark_keys(self.strategy, self.color)
        api.tag_resource(self.resource, {version_key: marks[VERSION_KEY], deployed_key: marks[DEPLOYED_KEY]})
        if self.target_group:
            api.tag_target_group(self.target_group, marks)

    def predict(self, after):
        after.colors[self.color]["version"] = self.version

    def describe(self):
        return "record version %s on the %s color" % (self.version, self.color)


class Prediction:
    """The colors once operations are applied: ``{color: {task_definition, desired_count}}``.

    With the task_set strategy a color's count follows from its scale and the
    service's desired count, so both are tracked.
    """

    def __init__(self, views, strategy, service_desired):
        self.strategy = strategy
        self.colors = {
            color: {
                "task_definition": views[color]["task_definition"],
                "desired_count": views[color]["desired_count"],
                "version": views[color].get("version"),
            }
            for color in COLORS
        }
        self.scales = {color: views[color].get("scale") for color in COLORS}
        self.service_desired = service_desired

    def result(self):
        after = {color: dict(self.colors[color]) for color in COLORS}
        if self.strategy == "task_set":
            for color in COLORS:
                scale = self.scales[color]
                after[color]["desired_count"] = int(math.ceil(self.service_desired * scale / 100.0)) if scale else 0
        return after


def predict(views, ops, strategy, service_desired):
    """``{color: {task_definition, desired_count}}`` once ``ops`` are applied."""
    after = Prediction(views, strategy, service_desired)
    for op in ops:
        op.predict(after)
    return after.result()
