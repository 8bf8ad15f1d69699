# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Reads what AWS holds for an ECS app into the pure views: both colors, the listener's split, and the
task definitions a deploy needs (so that the planner needs no AWS call)."""

from .._aws import ecs, elbv2
from .._core.colors import COLORS
from .._core.errors import InputError
from .ecs_colors import Current, service_view, task_set_view, task_sets_by_color, with_marks
from .ecs_task_definitions import Catalog
from .operations import listener_traffic


class EcsReader:
    """``names`` come from ``ecs_options.validate_app_options``; ``elbv2_client`` is called when first needed."""

    def __init__(self, params, names, ecs_client, elbv2_client):
        self.params = params
        self.names = names
        self.strategy = params["strategy"]
        self.cluster = params["cluster"]
        self.client = ecs_client
        self._elbv2_client = elbv2_client
        self._elb = None
        self.catalog = Catalog()
        self._target_group_arns = None
        self._cluster_checked = False

    @property
    def elb(self):
        if self._elb is None:
            self._elb = self._elbv2_client()
        return self._elb

    # ------------------------------------------------------------------ colors

    def read(self):
        """A Current of both colors (and of the listener's split when ``listener_arn`` is set)."""
        current = Current(self.strategy)
        if not self._cluster_checked:
            ecs.describe_cluster(self.client, self.cluster)
            self._cluster_checked = True
        if self.strategy == "service_pair":
            self._read_service_pair(current)
        else:
            self._read_task_set(current)
        if self.params["listener_arn"]:
            current.traffic = self._traffic(current)
        return current

    def _traffic(self, current):
        groups = dict((color, current.views[color]["target_group_arn"]) for color in COLORS)
        names = dict((color, "service %s" % current.views[color]["name"]) for color in COLORS)
        return listener_traffic(self.elb, self.params["listener_arn"], groups, names)

    def target_group_arns(self):
        """``{color: arn or None}`` of the options (resolved once)."""
        if self._target_group_arns is None:
            arns = {}
            for color in COLORS:
                option, value = "%s_target_group" % color, self.names["target_groups"][color]
                arns[color] = elbv2.describe_target_group(self.elb, value, option)["TargetGroupArn"] if value else None
            if arns["blue"] and arns["blue"] == arns["green"]:
                raise InputError("blue_target_group and green_target_group are the same target group %s" % arns["blue"])
            self._target_group_arns = arns
        return self._target_group_arns

    def _read_service_pair(self, current):
        names = dict((color, ("%s_service" % color, self.names["services"][color])) for color in COLORS)
        current.services = ecs.describe_services(self.client, self.cluster, names)
        options = self.target_group_arns() if any(self.names["target_groups"].values()) else {}
        for color in COLORS:
            service, option = current.services[color], "%s_service" % color
            controller = (service.get("deploymentController") or {}).get("type", "ECS")
            if controller != "ECS":
                raise InputError(
                    "%s: service %s uses the %s deployment controller; strategy=service_pair needs the ECS "
                    "controller (strategy=task_set works with EXTERNAL)" % (option, service["serviceName"], controller)
                )
            groups = [lb["targetGroupArn"] for lb in service.get("loadBalancers") or [] if lb.get("targetGroupArn")]
            group = groups[0] if groups else None
            if options.get(color):
                if groups and options[color] not in groups:
                    raise InputError(
                        "%s_target_group: %s is not a target group of service %s (it is registered in %s)"
                        % (color, self.names["target_groups"][color], service["serviceName"], ", ".join(groups))
                    )
                group = options[color]
            task_definition = service.get("taskDefinition")
            if task_definition and not task_definition.startswith("arn:"):
                arn = self.task_definition(task_definition, option)["taskDefinitionArn"]
                service = current.services[color] = dict(service, taskDefinition=arn)
            current.target_group_arns[color] = group
            current.views[color] = service_view(service, group)
        group = current.target_group_arns["blue"]
        if group and group == current.target_group_arns["green"]:
            raise InputError(
                "blue_service and green_service are registered in the same target group %s; each color needs its own"
                % group
            )

    def _read_task_set(self, current):
        name = self.names["services"]["service"]
        current.services = ecs.describe_services(self.client, self.cluster, {"service": ("service", name)})
        service = current.service
        controller = (service.get("deploymentController") or {}).get("type", "ECS")
        if controller != "EXTERNAL":
            raise InputError(
                "service: service %s uses the %s deployment controller; strategy=task_set needs the EXTERNAL "
                "controller (strategy=service_pair works with two ECS services)" % (name, controller)
            )
        current.target_group_arns = dict(self.target_group_arns())
        current.task_sets, warnings = task_sets_by_color(service.get("taskSets") or [], name)
        current.warnings.extend(warnings)
        for color in COLORS:
            task_sets = current.task_sets[color]
            primary = [task_set for task_set in task_sets if task_set.get("status") == "PRIMARY"]
            chosen = (primary or task_sets or [None])[0]
            view = task_set_view(chosen, current.service_desired, current.target_group_arns[color])
            current.views[color] = with_marks(view, service, color)

    # ------------------------------------------------------------------ task definitions

    def task_definition(self, reference, option):
        """DescribeTaskDefinition, once a run (kept in ``catalog``)."""
        if not self.catalog.knows(reference):
            found, tags = ecs.describe_task_definition(self.client, reference, option)
            self.catalog.add(reference, found, tags)
        return self.catalog.describe(reference)

    def latest(self, family):
        """The family's latest active revision (None when it has none), once a run."""
        if not self.catalog.knows_latest(family):
            try:
                found = self.task_definition(family, "task_definition")
            except InputError:
                found = None
            self.catalog.set_latest(family, found)
        return self.catalog.latest(family)

    def load_task_definitions(self, params, current):
        """Look up what a deploy compares and builds on: the task_definition option; with ``images`` both
        colors' task definitions (the bases and the revisions to reuse) and their families' latest revision;
        without either, the task definition that ``color`` keeps."""
        images = bool(params.get("images"))
        references = []
        if params.get("task_definition"):
            references.append((params["task_definition"], "task_definition"))
        if images or not params.get("task_definition"):
            colors = COLORS if images else [params["color"] or "blue"]
            for color in colors:
                if current.views[color]["task_definition"]:
                    references.append((current.views[color]["task_definition"], "images" if images else "color"))
        for reference, option in references:
            self.task_definition(reference, option)
        if images:
            for family in sorted({self.catalog.describe(reference)["family"] for reference, _option in references}):
                self.latest(family)
