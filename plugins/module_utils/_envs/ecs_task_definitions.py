# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Pure work on ECS task definitions (DescribeTaskDefinition answers).

The ``images`` shortcut: the RegisterTaskDefinition input of a revision,
the same with other images, and whether a revision already is that input
(the definitions are compared, not the ARNs). ``Catalog`` holds the task
definitions the reader looked up, so that the planner needs no AWS call.
"""

import copy

from .._core.errors import InputError

# Keys of a DescribeTaskDefinition answer that RegisterTaskDefinition takes.
REGISTER_KEYS = (
    "family",
    "taskRoleArn",
    "executionRoleArn",
    "networkMode",
    "containerDefinitions",
    "volumes",
    "placementConstraints",
    "requiresCompatibilities",
    "cpu",
    "memory",
    "pidMode",
    "ipcMode",
    "proxyConfiguration",
    "inferenceAccelerators",
    "ephemeralStorage",
    "runtimePlatform",
    "enableFaultInjection",
)


def short_task_definition(arn):
    """``arn:...:task-definition/shop:3`` -> ``shop:3``."""
    if not arn:
        return arn
    return arn.rsplit("task-definition/", 1)[-1]


def _clean(value):
    """Drop None, empty lists and empty dicts, recursively, so that equal definitions compare equal."""
    if isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            item = _clean(item)
            if item is not None and item != [] and item != {}:
                cleaned[key] = item
        return cleaned
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def registration_input(task_definition):
    """The RegisterTaskDefinition arguments that would recreate ``task_definition``."""
    return _clean({key: copy.deepcopy(task_definition.get(key)) for key in REGISTER_KEYS})


def with_images(task_definition, images):
    """Registration input of ``task_definition`` with the containers' images replaced."""
    wanted = registration_input(task_definition)
    names = [container["name"] for container in wanted.get("containerDefinitions", [])]
    unknown = sorted(set(images) - set(names))
    if unknown:
        raise InputError(
            "images: task definition %s has no container named %s (its containers: %s)"
            % (
                short_task_definition(task_definition["taskDefinitionArn"]),
                ", ".join(repr(name) for name in unknown),
                ", ".join(names),
            )
        )
    for container in wanted["containerDefinitions"]:
        if container["name"] in images:
            container["image"] = images[container["name"]]
    return wanted


def same_definition(task_definition, wanted):
    """Whether ``task_definition`` (a DescribeTaskDefinition answer) is the registration ``wanted``."""
    return task_definition is not None and registration_input(task_definition) == _clean(wanted)


def next_revision_arn(latest):
    """The ARN the next revision of ``latest``'s family will probably get (check mode)."""
    base = latest["taskDefinitionArn"].rsplit(":", 1)[0]
    return "%s:%d" % (base, latest["revision"] + 1)


class Catalog:
    """The task definitions a run looked up: by reference (ARN, ``family:revision``) and by family."""

    def __init__(self):
        self._found = {}  # reference -> (task definition, tags)
        self._latest = {}  # family -> task definition or None (no active revision)

    def add(self, reference, task_definition, tags=()):
        found = (task_definition, list(tags or []))
        self._found[reference] = found
        self._found[task_definition["taskDefinitionArn"]] = found

    def knows(self, reference):
        return reference in self._found

    def get(self, reference):
        """``(task definition, tags)`` of a reference the reader looked up."""
        return self._found[reference]

    def describe(self, reference):
        return self._found[reference][0]

    def set_latest(self, family, task_definition):
        self._latest[family] = task_definition
        if task_definition is not None and not self.knows(task_definition["taskDefinitionArn"]):
            self.add(task_definition["taskDefinitionArn"], task_definition)

    def knows_latest(self, family):
        return family in self._latest

    def latest(self, family):
        """The family's latest active revision, or None."""
        return self._latest.get(family)


class Wanted:
    """The version a deploy asks for: an existing revision, or a registration (``images``)."""

    def __init__(self, arn=None, task_definition=None, registration=None, tags=None):
        self.arn = arn
        self.task_definition = task_definition
        self.registration = registration
        self.tags = tags or []

    @classmethod
    def revision(cls, task_definition):
        return cls(arn=task_definition["taskDefinitionArn"], task_definition=task_definition)

    @classmethod
    def registering(cls, registration, tags):
        return cls(registration=registration, tags=tags)

    def is_run_by(self, task_definition):
        """Whether ``task_definition`` (a description, or None) is this version."""
        if task_definition is None:
            return False
        if self.registration is None:
            return task_definition["taskDefinitionArn"] == self.arn
        return same_definition(task_definition, self.registration)
