# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Pure planners of ecs_bluegreen's states: deployed, promoted and scaled_down.

Each takes the options, what AWS holds (``ecs_colors.Current``), the live
color (``live_color.Live``) and the task definitions the reader looked up
(``ecs_task_definitions.Catalog``), and returns a ``Plan``: the operations to
apply and what to report. Refusals and bad inputs are raised before anything
is written. Nothing here talks to AWS.
"""

from .._core.colors import COLORS, other_color
from .._core.errors import InputError, Refusal
from .ecs_colors import scale_percent, single_task_set
from .ecs_operations import CreateTaskSet, DeleteTaskSet, MakePrimary, RegisterTaskDefinition
from .ecs_operations import RecordRelease, ScaleTaskSet, UpdateDesiredCount, UpdateService
from .ecs_task_definitions import Wanted, next_revision_arn, same_definition, with_images
from .ecs_task_sets import spec_source, task_set_spec
from .live_color import AMBIGUOUS, SPLIT, choose_deploy_color, plans_whichever_is_live
from .._core.release_marks import VERSION_KEY as VERSION_TAG


class Plan:
    """What a state changes: ``ops`` (after ``register``, a RegisterTaskDefinition or None) and what to report.

    ``wait`` is ``(color, expected scale percent)`` to wait for, or None.
    """

    def __init__(self, ops=(), register=None, deployed_color=None, task_definition=None, wait=None, warnings=()):
        self.ops = list(ops)
        self.register = register
        self.deployed_color = deployed_color
        self.task_definition = task_definition
        self.wait = wait
        self.warnings = list(warnings)

    @property
    def changed(self):
        return bool(self.ops or self.register)

    def all_ops(self):
        return ([self.register] if self.register else []) + self.ops

    def actions(self):
        return [op.describe() for op in self.all_ops()]


# --------------------------------------------------------------------------- helpers


def default_desired_count(strategy, live, colors, service_desired=0):
    """The live color's desired count, else (task_set) the service's, else 1."""
    if live and colors[live]["desired_count"] > 0:
        return colors[live]["desired_count"]
    if strategy == "task_set" and service_desired > 0:
        return service_desired
    return 1


def runs(view, task_definition, desired_count, strategy):
    """Whether a color already runs ``task_definition`` at ``desired_count`` (task sets: full scale)."""
    if view["arn"] is None or view["task_definition"] != task_definition:
        return False
    if strategy == "task_set" and view["scale"] != 100:
        return False
    return view["desired_count"] == desired_count


def wanted_version(params, current, live, catalog):
    """The Wanted version of the options, or None (neither task_definition nor images: the color keeps its own)."""
    if params.get("images"):
        if params["task_definition"]:
            base, tags = catalog.get(params["task_definition"])
        else:
            source = live or choose_deploy_color(params["color"], None)
            reference = current.views[source]["task_definition"]
            if not reference:
                raise InputError(
                    "images: no task_definition given and the %s color runs no task definition to take the "
                    "images into; set task_definition" % source
                )
            base, tags = catalog.get(reference)
        return Wanted.registering(with_images(base, params["images"]), tags)
    if params["task_definition"]:
        return Wanted.revision(catalog.describe(params["task_definition"]))
    return None


def color_runs(current, color, wanted, desired_count, catalog):
    """Whether ``color`` already runs the ``wanted`` version at ``desired_count``."""
    view = current.views[color]
    if not view["task_definition"]:
        return False
    if wanted.registration is None:
        return runs(view, wanted.arn, desired_count, current.strategy)
    described = catalog.describe(view["task_definition"]) if catalog.knows(view["task_definition"]) else None
    return wanted.is_run_by(described) and runs(view, view["task_definition"], desired_count, current.strategy)


def _version_for(view, target, wanted, catalog):
    """``(arn, task definition, RegisterTaskDefinition or None)`` that ``target`` (its ``view``) should run."""
    if wanted is None:
        if not view["task_definition"]:
            raise InputError(
                "task_definition: the %s color has no task definition yet; set task_definition or images" % target
            )
        return view["task_definition"], catalog.describe(view["task_definition"]), None
    if wanted.registration is None:
        return wanted.arn, wanted.task_definition, None
    registration, family = wanted.registration, wanted.registration["family"]
    # A revision that already is the registration: the target's own, else the family's latest.
    for arn in (view["task_definition"], (catalog.latest(family) or {}).get("taskDefinitionArn")):
        if arn and catalog.knows(arn) and same_definition(catalog.describe(arn), registration):
            return arn, catalog.describe(arn), None
    latest = catalog.latest(family)
    arn = next_revision_arn(latest) if latest else "%s:1" % family
    return arn, dict(registration, taskDefinitionArn=arn), RegisterTaskDefinition(registration, wanted.tags, arn)


# --------------------------------------------------------------------------- operations of one color


def plan_service_pair_deploy(colors, target, task_definition, desired_count):
    """Operations that make the ``target`` service run ``task_definition`` at ``desired_count``."""
    view = colors[target]
    if view["task_definition"] == task_definition and view["desired_count"] == desired_count:
        return []
    return [UpdateService(target, view["arn"], view["name"], task_definition, desired_count, view["task_definition"])]


def plan_task_set_deploy(colors, found, target, task_definition, desired_count, service, spec):
    """Operations that make the ``target`` task set run ``task_definition`` at full scale.

    ``found`` is ``{color: [task set]}``, ``service`` the DescribeServices
    answer and ``spec`` the CreateTaskSet arguments of a new task set (only
    used when one must be created).
    """
    ops = []
    service_arn, service_desired = service["serviceArn"], service.get("desiredCount", 0)
    if service_desired != desired_count:
        ops.append(UpdateDesiredCount(service_arn, service["serviceName"], desired_count, service_desired))
    existing = found[target]
    reusable = (
        len(existing) == 1
        and existing[0].get("taskDefinition") == task_definition
        and colors[target]["target_group_arn"] == spec["loadBalancers"][0]["targetGroupArn"]
    )
    if reusable:
        if scale_percent(existing[0]) != 100:
            ops.append(ScaleTaskSet(target, service_arn, existing[0]["taskSetArn"], 100))
        return ops
    for task_set in existing:
        if task_set.get("status") == "PRIMARY":
            raise Refusal(
                "color: the %s task set %s is the primary task set of service %s and would be replaced; promote "
                "the live color first (state=promoted); nothing changed"
                % (target, task_set["taskSetArn"], service["serviceName"])
            )
        ops.append(DeleteTaskSet(target, service_arn, task_set["taskSetArn"], task_set.get("taskDefinition")))
    ops.append(CreateTaskSet(target, service_arn, spec))
    return ops


def plan_scale_down(strategy, colors, target, service=None):
    view = colors[target]
    if view["arn"] is None or view["desired_count"] == 0 and (strategy == "service_pair" or view["scale"] == 0):
        return []
    if strategy == "service_pair":
        return [UpdateService(target, view["arn"], view["name"], view["task_definition"], 0, view["task_definition"])]
    return [ScaleTaskSet(target, service["serviceArn"], view["arn"], 0)]


def _check_one_task_set_a_color(current, colors=COLORS):
    if current.strategy == "task_set":
        for color in colors:
            single_task_set(current.task_sets, color, current.service["serviceName"])


# --------------------------------------------------------------------------- states


def plan_deployed(params, current, live, catalog, registered=None):
    """state=deployed. ``registered``: a revision just registered for this run, planned as if asked for by ARN."""
    if live.source == SPLIT:
        raise Refusal(live.split_message())
    if live.source == AMBIGUOUS:
        return _unchanged_whichever_is_live(params, current, live, catalog)
    strategy, views = current.strategy, current.views
    desired_count = params["desired_count"] or default_desired_count(
        strategy, live.color, views, current.service_desired
    )
    wanted = Wanted.revision(registered) if registered else wanted_version(params, current, live.color, catalog)

    # Re-running the release of a version the live color already runs changes nothing.
    if (
        not params["color"]
        and live.color
        and wanted
        and color_runs(current, live.color, wanted, desired_count, catalog)
    ):
        return Plan(
            deployed_color=live.color, task_definition=views[live.color]["task_definition"], wait=(live.color, 100)
        )

    target = choose_deploy_color(params["color"], live.color)
    _check_one_task_set_a_color(current, [color for color in COLORS if color != target])
    arn, task_definition, register = _version_for(views[target], target, wanted, catalog)
    if strategy == "service_pair":
        ops = plan_service_pair_deploy(views, target, arn, desired_count)
    else:
        spec = task_set_spec(
            params["app"],
            target,
            task_definition,
            current.target_group_arns[target],
            spec_source(current, live.color, target),
            params,
        )
        ops = plan_task_set_deploy(views, current.task_sets, target, arn, desired_count, current.service, spec)
    plan = Plan(ops, register, deployed_color=target, task_definition=arn, wait=(target, 100))
    _record_release(params, current, target, plan)
    if plan.changed:
        live.refuse_traffic(target, "deploy onto", "deploy onto the idle color instead")
    if strategy == "task_set" and live.color and live.color != target and views[live.color]["desired_count"] > 0:
        plan.warnings.extend(_shared_desired_count(current.service_desired, desired_count, live.color))
    return plan


def _record_release(params, current, target, plan):
    """With ``version``: tag the revision it registers, and mark the color first when anything changes."""
    version = params.get("version")
    if not version:
        return
    if plan.register:
        plan.register.tags = [tag for tag in plan.register.tags or [] if tag.get("key") != VERSION_TAG]
        plan.register.tags.append({"key": VERSION_TAG, "value": version})
    if plan.changed or current.views[target].get("version") != version:
        resource = current.views[target]["arn"] if current.strategy == "service_pair" else current.service["serviceArn"]
        target_group = current.target_group_arns.get(target)
        plan.ops.insert(0, RecordRelease(target, resource, current.strategy, version, target_group))


def _shared_desired_count(service_desired, desired_count, live):
    """The task sets of a service share its desired count: never shrink the live one, warn when it grows."""
    if desired_count == service_desired:
        return []
    if desired_count < service_desired:
        raise Refusal(
            "desired_count: %d is below the service's %d, and would scale down the live %s task set with it (the "
            "task sets of a service share its desired count); nothing changed" % (desired_count, service_desired, live)
        )
    return [
        "desired_count %d also scales the live %s task set: the task sets of a service share its desired count"
        % (desired_count, live)
    ]


def _unchanged_whichever_is_live(params, current, live, catalog):
    """Both colors are up and nothing tells which one is live: fine when the deploy writes nothing whichever
    it is (a finished release run again); refused when a write would be needed."""
    plans = plans_whichever_is_live(live, lambda assumed: plan_deployed(params, current, assumed, catalog))
    deployed = {plan.deployed_color for plan in plans}
    color = deployed.pop() if len(deployed) == 1 else None
    versions = {plan.task_definition for plan in plans}
    return Plan(
        deployed_color=color,
        task_definition=versions.pop() if len(versions) == 1 else None,
        wait=(color, 100) if color else None,
    )


def plan_promoted(params, current, live, catalog=None):
    """state=promoted: with task sets, the color's task set becomes primary; with services, nothing to do."""
    color = params["color"]
    live.refuse_without_all_traffic(color, "promote")
    view = current.views[color]
    if current.strategy == "service_pair":
        return Plan(task_definition=view["task_definition"])
    _check_one_task_set_a_color(current)
    if view["arn"] is None:
        raise InputError("color: service %s has no %s task set to promote" % (current.service["serviceName"], color))
    ops = [] if view["status"] == "PRIMARY" else [MakePrimary(color, current.service["serviceArn"], view["arn"])]
    return Plan(ops, task_definition=view["task_definition"])


def plan_scaled_down(params, current, live, catalog=None):
    """state=scaled_down: the color (by default the idle one) goes to 0 tasks and keeps its version."""
    color = params["color"]
    if live.source == SPLIT and not color:
        raise Refusal(live.split_message())
    if live.source == AMBIGUOUS and not color:
        raise Refusal(live.ambiguous_message())
    target = color or (other_color(live.color) if live.color else None)
    if target is None:
        return Plan()
    _check_one_task_set_a_color(current)
    ops = plan_scale_down(current.strategy, current.views, target, current.service)
    if ops:
        if live.source == AMBIGUOUS:
            raise Refusal(live.ambiguous_message())
        live.refuse_traffic(target, "scale down", "shift the traffic away with alb_shift first")
    return Plan(ops, task_definition=current.views[target]["task_definition"], wait=(target, 0))


PLANNERS = {"deployed": plan_deployed, "promoted": plan_promoted, "scaled_down": plan_scaled_down}
