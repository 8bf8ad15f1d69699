# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Reads what the strategies codedeploy and ecs_native start from: the cluster, the one service (with the
deployment controller the strategy needs), the two target groups, the listener's split and the task
definitions a deploy builds on."""

from .._aws import ecs, elbv2
from .._routers.alb_actions import read_split
from .._core.colors import COLORS
from .._core.errors import InputError
from .ecs_task_definitions import Catalog
from .operations import listener_traffic

CONTROLLERS = {"codedeploy": "CODE_DEPLOY", "ecs_native": "ECS"}


class ManagedReader:
    def __init__(self, params, names, ecs_client, elb_client):
        self.params = params
        self.names = names
        self.client = ecs_client
        self._elb_client = elb_client
        self._elb = None
        self.catalog = Catalog()

    @property
    def elb(self):
        if self._elb is None:
            self._elb = self._elb_client()
        return self._elb

    def service(self):
        """The service, checked against the strategy (the cluster is checked first)."""
        params = self.params
        ecs.describe_cluster(self.client, params["cluster"])
        name = self.names["services"]["service"]
        service = ecs.describe_services(self.client, params["cluster"], {"service": ("service", name)})["service"]
        controller = (service.get("deploymentController") or {}).get("type", "ECS")
        wanted = CONTROLLERS[params["strategy"]]
        if controller != wanted:
            raise InputError(
                "service: service %s uses the %s deployment controller; strategy=%s needs %s"
                % (name, controller, params["strategy"], wanted)
            )
        return service

    def target_groups(self):
        """``{color: target group}`` (DescribeTargetGroups answers) of the two colors."""
        found = {}
        for color in COLORS:
            option = "%s_target_group" % color
            found[color] = elbv2.describe_target_group(self.elb, self.names["target_groups"][color], option)
        if found["blue"]["TargetGroupArn"] == found["green"]["TargetGroupArn"]:
            raise InputError(
                "blue_target_group and green_target_group are the same target group %s"
                % found["blue"]["TargetGroupArn"]
            )
        return found

    def split(self, target_group_arns, listener_arn=None):
        """``{color: percent}`` on the production listener, or None when no listener is known."""
        listener_arn = listener_arn or self.params.get("listener_arn")
        if not listener_arn:
            return None
        names = dict((color, "target group") for color in COLORS)
        return listener_traffic(self.elb, listener_arn, target_group_arns, names).split

    def rule_split(self, rule_arn, target_group_arns, option):
        """``{color: percent}`` on a listener rule (ECS blue/green's production rule)."""
        rule = elbv2.describe_rule(self.elb, rule_arn, option)
        return read_split(rule["Actions"], target_group_arns, "rule %s" % rule_arn)

    def task_definition(self, reference, option):
        if not self.catalog.knows(reference):
            found, tags = ecs.describe_task_definition(self.client, reference, option)
            self.catalog.add(reference, found, tags)
        return self.catalog.describe(reference)

    def load_task_definitions(self, live_task_definition):
        """What a deploy compares and builds on: the task_definition option; with ``images`` the base
        revision, the live one and the family's latest."""
        params = self.params
        if params.get("task_definition"):
            self.task_definition(params["task_definition"], "task_definition")
        if not params.get("images"):
            return
        if not params.get("task_definition") and not live_task_definition:
            raise InputError("images: the service runs no task definition to take the images into; set task_definition")
        if live_task_definition:
            self.task_definition(live_task_definition, "images")
        base = self.catalog.describe(params.get("task_definition") or live_task_definition)
        family = base["family"]
        if not self.catalog.knows_latest(family):
            try:
                latest = self.task_definition(family, "task_definition")
            except InputError:
                latest = None
            self.catalog.set_latest(family, latest)
