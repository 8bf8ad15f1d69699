# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The changes of the strategies codedeploy and ecs_native, one class each (see ``operations.Operation``).

``api`` is a ``ManagedApi`` (or a fake of it): the ECS and CodeDeploy clients and the cluster.
"""

from .._aws import codedeploy, ecs
from .codedeploy_plan import appspec, traffic_routing_config
from .ecs_task_definitions import short_task_definition
from .operations import Operation


class ManagedApi:
    def __init__(self, ecs_client, codedeploy_client, cluster):
        self.ecs = ecs_client
        self.codedeploy = codedeploy_client
        self.cluster = cluster

    def register_task_definition(self, registration, tags):
        return ecs.register_task_definition(self.ecs, registration, tags)


class CreateApplication(Operation):
    def __init__(self, name, tags):
        self.name = name
        self.tags = tags

    def apply(self, api):
        codedeploy.create_application(api.codedeploy, self.name, self.tags)

    def describe(self):
        return "create CodeDeploy application %s (ECS)" % self.name


class CreateDeploymentGroup(Operation):
    def __init__(self, spec):
        self.spec = spec

    def apply(self, api):
        codedeploy.create_deployment_group(api.codedeploy, self.spec)

    def describe(self):
        return "create deployment group %s (blue/green, target groups %s)" % (
            self.spec["deploymentGroupName"],
            " and ".join(
                item["name"] for item in self.spec["loadBalancerInfo"]["targetGroupPairInfoList"][0]["targetGroups"]
            ),
        )


class UpdateDeploymentGroup(Operation):
    def __init__(self, spec, differences):
        self.spec = spec
        self.differences = differences

    def apply(self, api):
        codedeploy.update_deployment_group(api.codedeploy, self.spec)

    def describe(self):
        return "update deployment group %s: %s" % (self.spec["deploymentGroupName"], ", ".join(self.differences))


class CreateDeploymentConfig(Operation):
    def __init__(self, name, routing):
        self.name = name
        self.routing = routing

    def apply(self, api):
        codedeploy.create_deployment_config(api.codedeploy, self.name, traffic_routing_config(self.routing))

    def describe(self):
        return "create deployment configuration %s: %s %d%% every %d minutes" % (
            self.name,
            self.routing["type"],
            self.routing["percentage"],
            self.routing["interval"],
        )


class CreateDeployment(Operation):
    """``task_definition`` may be a revision registered earlier in the run (``register``: that operation)."""

    def __init__(self, names, task_definition, container, hooks, description, register=None):
        self.names = names
        self.task_definition = task_definition
        self.container = container
        self.hooks = hooks
        self.description = description
        self.register = register

    def apply(self, api):
        if self.register is not None:
            self.task_definition = self.register.task_definition
        content = appspec(self.task_definition, self.container[0], self.container[1], self.hooks)
        self.created = codedeploy.create_deployment(
            api.codedeploy,
            self.names["application"],
            self.names["group"],
            self.names["config"],
            content,
            self.description,
        )

    def describe(self):
        return "create CodeDeploy deployment of %s (%s, container %s:%s)" % (
            short_task_definition(self.task_definition),
            self.names["config"],
            self.container[0],
            self.container[1],
        )


class StopDeployment(Operation):
    def __init__(self, deployment_id, status):
        self.deployment_id = deployment_id
        self.status = status

    def apply(self, api):
        codedeploy.stop_deployment(api.codedeploy, self.deployment_id, rollback=True)

    def describe(self):
        return "stop CodeDeploy deployment %s (%s) with rollback: traffic returns to the original task set" % (
            self.deployment_id,
            self.status,
        )


class UpdateNativeService(Operation):
    """ecs_native: the service's deployment configuration and load balancers, and the task definition to
    deploy (None: only the settings change, no deployment starts)."""

    def __init__(
        self, service, name, task_definition, deployment_configuration, load_balancers, changes, register=None
    ):
        self.service = service
        self.name = name
        self.task_definition = task_definition
        self.deployment_configuration = deployment_configuration
        self.load_balancers = load_balancers
        self.changes = changes
        self.register = register

    def apply(self, api):
        if self.register is not None:
            self.task_definition = self.register.task_definition
        ecs.update_service_deployment(
            api.ecs,
            api.cluster,
            self.service,
            task_definition=self.task_definition,
            deployment_configuration=self.deployment_configuration,
            load_balancers=self.load_balancers,
        )

    def describe(self):
        what = list(self.changes)
        if self.task_definition:
            what.insert(0, "deploy task definition %s" % short_task_definition(self.task_definition))
        return "update service %s: %s" % (self.name, ", ".join(what))


class StopServiceDeployment(Operation):
    def __init__(self, arn, status):
        self.arn = arn
        self.status = status

    def apply(self, api):
        ecs.stop_service_deployment(api.ecs, self.arn, "ROLLBACK")

    def describe(self):
        return "stop service deployment %s (%s) with rollback" % (self.arn.rsplit("/", 1)[-1], self.status)


class MarkRollback(Operation):
    """ecs_native: tags the service with the task definition a rollback went back to, so that the rollback
    run again changes nothing."""

    def __init__(self, service, tag, task_definition):
        self.service = service
        self.tag = tag
        self.task_definition = task_definition

    def apply(self, api):
        ecs.tag_resource(api.ecs, self.service, {self.tag: self.task_definition})

    def describe(self):
        return "tag the service %s=%s" % (self.tag, short_task_definition(self.task_definition))
