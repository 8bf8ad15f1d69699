# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""What the strategies codedeploy and ecs_native share: one ECS service whose deployments CodeDeploy or
ECS itself run; the task definition a deploy asks for, the plan of a run, the events of a wait, the
colors as the module reports them. Nothing here talks to AWS."""

from .._core.colors import COLORS, other_color
from .._core.release_marks import VERSION_KEY
from .ecs_colors import scale_percent
from .ecs_operations import RegisterTaskDefinition
from .ecs_task_definitions import next_revision_arn, same_definition, with_images


class ManagedPlan:
    """The changes of a run (``ops``, applied in order), and what it deploys or waits for."""

    def __init__(self, ops=(), task_definition=None, deployment=None, wait=None, warnings=()):
        self.ops = list(ops)
        self.task_definition = task_definition
        self.deployment = deployment  # the deployment to wait for (an id or ARN), when one runs already
        self.wait = wait  # what to wait for: "deployment" (the one created or found) or None
        self.warnings = list(warnings)

    @property
    def changed(self):
        return bool(self.ops)

    @property
    def register(self):
        return next((op for op in self.ops if isinstance(op, RegisterTaskDefinition)), None)

    def actions(self):
        return [op.describe() for op in self.ops]


def wanted_task_definition(params, live_task_definition, catalog):
    """``(ARN, RegisterTaskDefinition or None)`` of the version ``task_definition`` / ``images`` ask for.

    With ``images``, a new revision of ``task_definition`` (else of the live task definition) is
    registered, unless the live one or the family's latest revision already is it.
    """
    if not params.get("images"):
        return catalog.describe(params["task_definition"])["taskDefinitionArn"], None
    base_reference = params.get("task_definition") or live_task_definition
    base, tags = catalog.get(base_reference)
    registration = with_images(base, params["images"])
    family = registration["family"]
    latest = catalog.latest(family)
    for arn in (live_task_definition, (latest or {}).get("taskDefinitionArn")):
        if arn and catalog.knows(arn) and same_definition(catalog.describe(arn), registration):
            return arn, None
    arn = next_revision_arn(latest) if latest else "%s:1" % family
    tags = [tag for tag in tags if tag.get("key") != VERSION_KEY]
    if params.get("version"):
        tags.append({"key": VERSION_KEY, "value": params["version"]})
    return arn, RegisterTaskDefinition(registration, tags, arn)


def color_of_target_group(target_group_arns, arn):
    """The color whose target group is ``arn`` (None when neither)."""
    return next((color for color in COLORS if target_group_arns.get(color) == arn), None)


def empty_view(target_group_arn):
    return {
        "arn": None,
        "task_definition": None,
        "desired_count": 0,
        "running_count": 0,
        "target_group_arn": target_group_arn,
        "status": None,
        "version": None,
        "deployed_at": None,
    }


def task_set_colors(service, target_group_arns):
    """``{color: view}`` of the task sets of a CodeDeploy service, each color by its target group.

    A service without task sets yet (its first deployment) is reported on the color of its own target group.
    """
    views = dict((color, empty_view(target_group_arns[color])) for color in COLORS)
    task_sets = [item for item in service.get("taskSets") or [] if item.get("status") != "DRAINING"]
    for task_set in task_sets:
        balancers = task_set.get("loadBalancers") or []
        color = color_of_target_group(target_group_arns, balancers[0].get("targetGroupArn") if balancers else None)
        if color is None:
            continue
        views[color].update(
            arn=task_set.get("taskSetArn"),
            task_definition=task_set.get("taskDefinition"),
            desired_count=task_set.get("computedDesiredCount", 0),
            running_count=task_set.get("runningCount"),
            status=task_set.get("status"),
            scale=scale_percent(task_set),
        )
    if not task_sets and service.get("taskDefinition"):
        color = service_color(service, target_group_arns) or "blue"
        views[color].update(
            arn=service.get("serviceArn"),
            task_definition=service.get("taskDefinition"),
            desired_count=service.get("desiredCount", 0),
            running_count=service.get("runningCount", 0),
            status="PRIMARY",
        )
    return views


def service_color(service, target_group_arns):
    balancers = service.get("loadBalancers") or []
    return color_of_target_group(target_group_arns, balancers[0].get("targetGroupArn") if balancers else None)


def live_color_of(views, split):
    """The live color: the one with all the traffic on the listener, else the primary task set's."""
    if split is not None:
        full = [color for color in COLORS if split.get(color) == 100]
        return full[0] if full else None
    primary = [color for color in COLORS if views[color]["status"] == "PRIMARY"]
    return primary[0] if len(primary) == 1 else None


def iso_time(value):
    """A datetime from boto3 as ISO 8601 text (anything else as it is)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def plan_result(strategy, state, run_plan, events):
    """The result of a codedeploy or ecs_native run before anything is applied."""
    return dict(
        changed=run_plan.changed,
        strategy=strategy,
        live_color=state.live,
        idle_color=idle_of(state.live),
        deployed_color=None,
        task_definition=run_plan.task_definition,
        task_definition_registered=run_plan.register is not None,
        actions=run_plan.actions(),
        deployment=None,
        events=events,
        drift=[],
    )


def idle_of(live):
    return other_color(live) if live else None


class EventLog:
    """What a wait saw, one entry each time it changed: ``{"seconds": n, "event": text}``."""

    def __init__(self, clock):
        self.clock = clock
        self.started = clock()
        self.events = []

    def see(self, text):
        if not self.events or self.events[-1]["event"] != text:
            self.events.append({"seconds": int(self.clock() - self.started), "event": text})
