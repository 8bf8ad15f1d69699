# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Pure planners of asg_bluegreen's states: deployed and scaled_down.

Each takes the options, what AWS holds (``asg_colors.Current``) and the live
color (``live_color.Live``), and returns a ``Plan``: the operations to apply
and what to report. Refusals and bad inputs are raised before anything is
written. Nothing here talks to AWS.
"""

from .._core.colors import other_color
from .._core.errors import InputError, Refusal
from .asg_colors import outdated
from .asg_operations import CreateVersion, RecordRelease, ReplaceInstances, SetCapacity, SetVersion
from .live_color import AMBIGUOUS, SPLIT, choose_deploy_color, plans_whichever_is_live


class Wait:
    """What a run waits for: ``color`` at ``desired`` InService instances on ``image_id`` with
    ``min_healthy`` healthy targets (``desired`` 0: no instance left)."""

    def __init__(self, color, image_id=None, desired=0, min_healthy=0):
        self.color = color
        self.image_id = image_id
        self.desired = desired
        self.min_healthy = min_healthy

    def __eq__(self, other):
        return isinstance(other, Wait) and vars(self) == vars(other)

    def __repr__(self):
        return "Wait(%r)" % vars(self)


class Plan:
    """What a state changes (``ops``) and what to report."""

    def __init__(self, ops=(), deployed_color=None, launch_template_version=None, image_id=None, wait=None):
        self.ops = list(ops)
        self.deployed_color = deployed_color
        self._launch_template_version = launch_template_version
        self.image_id = image_id
        self.wait = wait

    @property
    def changed(self):
        return bool(self.ops)

    @property
    def launch_template_version(self):
        """The version of the color acted on; a created version's number once it is applied."""
        for op in self.ops:
            if isinstance(op, CreateVersion):
                return op.number
        return self._launch_template_version

    def actions(self):
        return [op.describe() for op in self.ops]


class Wanted:
    """The version a deploy asks for: a launch template version ``number`` (None: to be found or made from
    ``source`` with ``image_id``)."""

    def __init__(self, number, image_id, source=None):
        self.number = number
        self.image_id = image_id
        self.source = source

    def run_by(self, view):
        if self.number is not None:
            return view["launch_template_version"] == self.number
        return view["image_id"] == self.image_id


def default_desired_count(live, views):
    """The live color's desired capacity, else 1."""
    if live and views[live]["desired_capacity"] > 0:
        return views[live]["desired_capacity"]
    return 1


def wanted_version(params, current, live, target):
    """The Wanted version of the options; without image_id and launch_template_version the target's own."""
    template = current.template["LaunchTemplateName"]
    number = params.get("launch_template_version")
    if number is not None:
        image_id = current.image_of(number)
        if not image_id:
            raise InputError(
                "launch_template_version: version %d of launch template %s names no AMI (ImageId)" % (number, template)
            )
        return Wanted(number, image_id)
    if params.get("image_id"):
        source = current.views[live or target]["launch_template_version"]
        return Wanted(None, params["image_id"], source)
    view = current.views[target]
    if not view["image_id"]:
        raise InputError(
            "color: launch template version %s of group %s names no AMI; set image_id or launch_template_version"
            % (view["launch_template_version"], view["name"])
        )
    return Wanted(view["launch_template_version"], view["image_id"])


def version_for(current, view, wanted, description):
    """``(number, CreateVersion or None)``: the launch template version the target should use.

    A version is made only when none fits: the target's own version already on the AMI is kept, and the
    template's latest version is reused when it is exactly the source with the AMI (a run that stopped after
    making it).
    """
    if wanted.number is not None:
        return wanted.number, None
    if view["image_id"] == wanted.image_id:
        return view["launch_template_version"], None
    latest = current.latest_version
    source_data = (current.versions.get(wanted.source) or {}).get("LaunchTemplateData") or {}
    latest_data = (current.versions.get(latest) or {}).get("LaunchTemplateData")
    if latest_data is not None and latest_data == dict(source_data, ImageId=wanted.image_id):
        return latest, None
    create = CreateVersion(
        current.template_id,
        current.template["LaunchTemplateName"],
        wanted.source,
        wanted.image_id,
        latest + 1,
        description,
    )
    return create.number, create


def check_capacity(view, desired):
    if desired > view["max_size"]:
        raise InputError(
            "desired_count: %d is above the max size %d of group %s; raise its max size first"
            % (desired, view["max_size"], view["name"])
        )
    if desired < view["min_size"]:
        raise InputError(
            "desired_count: %d is below the min size %d of group %s; lower its min size first"
            % (desired, view["min_size"], view["name"])
        )


def plan_deployed(params, current, live):
    """state=deployed: the target color runs the wanted version at ``desired_count``, all instances on its AMI."""
    if live.source == SPLIT:
        raise Refusal(live.split_message())
    if live.source == AMBIGUOUS:
        return _unchanged_whichever_is_live(params, current, live)
    views = current.views
    desired = params.get("desired_count") or default_desired_count(live.color, views)
    min_healthy = params.get("min_healthy_targets")
    min_healthy = desired if min_healthy is None else min_healthy
    if min_healthy > desired:
        raise InputError(
            "min_healthy_targets %d is above the desired count %d: the deploy could never be done"
            % (min_healthy, desired)
        )
    target = choose_deploy_color(params.get("color"), live.color)
    wanted = wanted_version(params, current, live.color, target)

    # Re-running the release of a version the live color already runs changes nothing.
    if not params.get("color") and live.color:
        view = views[live.color]
        if wanted.run_by(view) and view["desired_capacity"] == desired:
            return Plan(
                deployed_color=live.color,
                launch_template_version=view["launch_template_version"],
                image_id=view["image_id"],
                wait=Wait(live.color, view["image_id"], desired, min_healthy),
            )

    view = views[target]
    number, create = version_for(current, view, wanted, params.get("version"))
    ops = [create] if create else []
    if view["launch_template_version"] != number:
        ops.append(SetVersion(target, view["name"], current.template_id, number, wanted.image_id, made=create))
    replace = outdated(view, wanted.image_id)
    if replace:
        ops.append(ReplaceInstances(target, view["name"], replace, wanted.image_id))
    if view["desired_capacity"] != desired:
        check_capacity(view, desired)
        ops.append(SetCapacity(target, view["name"], desired, view["desired_capacity"]))
    version = params.get("version")
    if version and (ops or view.get("version") != version):
        ops.insert(0, RecordRelease(target, view["name"], version, view.get("target_group_arn")))
    if ops:
        live.refuse_traffic(target, "deploy onto", "deploy onto the idle color instead")
    return Plan(
        ops,
        deployed_color=target,
        launch_template_version=number,
        image_id=wanted.image_id,
        wait=Wait(target, wanted.image_id, desired, min_healthy),
    )


def _unchanged_whichever_is_live(params, current, live):
    """Both colors are up and nothing tells which one is live: fine when the deploy writes nothing whichever
    it is (a finished release run again); refused when a write would be needed."""
    plans = plans_whichever_is_live(live, lambda assumed: plan_deployed(params, current, assumed))
    deployed = {plan.deployed_color for plan in plans}
    if len(deployed) != 1:
        return Plan()
    plan = plans[0]
    return Plan(
        deployed_color=plan.deployed_color,
        launch_template_version=plan.launch_template_version,
        image_id=plan.image_id,
        wait=plan.wait,
    )


def plan_scaled_down(params, current, live):
    """state=scaled_down: the color (by default the idle one) goes to 0 instances and keeps its version."""
    color = params.get("color")
    if not color:
        live.refuse_if_unknown()
    target = color or (other_color(live.color) if live.color else None)
    if target is None:
        return Plan()
    view = current.views[target]
    ops = []
    if view["desired_capacity"] != 0 or view["min_size"] != 0:
        min_size = 0 if view["min_size"] != 0 else None
        ops.append(SetCapacity(target, view["name"], 0, view["desired_capacity"], min_size=min_size))
    if ops:
        if live.source == AMBIGUOUS:
            raise Refusal(live.ambiguous_message())
        live.refuse_traffic(target, "scale down", "shift the traffic away with alb_shift first")
    return Plan(
        ops,
        launch_template_version=view["launch_template_version"],
        image_id=view["image_id"],
        wait=Wait(target),
    )


PLANNERS = {"deployed": plan_deployed, "scaled_down": plan_scaled_down}
