# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""ecs_bluegreen with strategy=codedeploy: read, plan, check and diff, apply, follow the deployment;
and what ecs_bluegreen_info reports of such an app."""

import time

from .._aws import codedeploy, ecs, elbv2
from .._core.errors import ModuleFailure, Refusal
from .._core.poller import Progress, WaitFailed, poller_for
from . import codedeploy_plan as plan
from .ecs_managed import EventLog, ManagedPlan, idle_of, iso_time, live_color_of, plan_result, task_set_colors
from .ecs_managed import wanted_task_definition
from .ecs_colors import colors_summary
from .ecs_managed_options import PREDEFINED_PREFIX, codedeploy_names, validate_managed_params
from .ecs_options import validate_app_options
from .managed_operations import CreateApplication, CreateDeployment, CreateDeploymentConfig
from .managed_operations import CreateDeploymentGroup, ManagedApi, StopDeployment, UpdateDeploymentGroup
from .managed_reader import ManagedReader

RECENT = 10  # deployments a run looks at
ROLLBACK_DESCRIPTION = "bluegreen.aws rollback to %s"


class CodeDeployState:
    """What AWS holds for the app: service, target groups, split, application, group and recent deployments."""

    def __init__(self, service, target_groups, split, application, group, deployments):
        self.service = service
        self.target_groups = target_groups
        self.target_group_arns = dict((color, group["TargetGroupArn"]) for color, group in target_groups.items())
        self.split = split
        self.application = application
        self.group = group
        self.deployments = deployments
        self.views = task_set_colors(service, self.target_group_arns)
        self.live = live_color_of(self.views, split)
        self.live_task_definition = (
            self.views[self.live]["task_definition"] if self.live else service.get("taskDefinition")
        )

    @property
    def active(self):
        return [item for item in self.deployments if item.get("status") in plan.ACTIVE]


def read_state(reader, codedeploy_client, names):
    service = reader.service()
    target_groups = reader.target_groups()
    split = reader.split(dict((color, group["TargetGroupArn"]) for color, group in target_groups.items()))
    found = names["codedeploy"]
    application = codedeploy.get_application(codedeploy_client, found["application"])
    group = (
        codedeploy.get_deployment_group(codedeploy_client, found["application"], found["group"])
        if application
        else None
    )
    deployments = []
    if group:
        for deployment in codedeploy.recent_deployments(
            codedeploy_client, found["application"], found["group"], RECENT
        ):
            deployments.append(dict(deployment, taskDefinition=plan.appspec_task_definition(deployment)))
    return CodeDeployState(service, target_groups, split, application, group, deployments)


def deployment_view(deployment):
    """A deployment as the module reports it."""
    return {
        "id": deployment.get("deploymentId"),
        "status": deployment.get("status"),
        "task_definition": deployment.get("taskDefinition"),
        "deployment_config": deployment.get("deploymentConfigName"),
        "creator": deployment.get("creator"),
        "description": deployment.get("description"),
        "error": (deployment.get("errorInformation") or {}).get("message"),
        "create_time": iso_time(deployment.get("createTime")),
        "complete_time": iso_time(deployment.get("completeTime")),
    }


class CodeDeployRelease:
    """One run of ecs_bluegreen with strategy=codedeploy; the clients, poller and clock can be fakes."""

    def __init__(self, module, ecs_client=None, codedeploy_client=None, elb_client=None, poller=None, clock=None):
        self.module = module
        self.params = module.params
        self.names = validate_managed_params(self.params)
        self.ecs_client = ecs_client or ecs.ecs_client(module)
        self.codedeploy_client = codedeploy_client or codedeploy.codedeploy_client(module)
        self.reader = ManagedReader(
            self.params, self.names, self.ecs_client, lambda: elb_client or elbv2.elbv2_client(module)
        )
        self.api = ManagedApi(self.ecs_client, self.codedeploy_client, self.params["cluster"])
        self.poller = poller or poller_for(module)
        self.clock = clock or time.monotonic
        self.events = EventLog(self.clock)

    # ------------------------------------------------------------------ plan

    def plan_setup(self, state):
        """The application, deployment configuration and deployment group the app needs."""
        params, names = self.params, self.names["codedeploy"]
        ops, tags = [], {"bluegreen:app": params["app"]}
        if state.application is None:
            ops.append(CreateApplication(names["application"], tags))
        routing = params.get("traffic_routing")
        if routing and not names["config"].startswith(PREDEFINED_PREFIX):
            existing = codedeploy.get_deployment_config(self.codedeploy_client, names["config"])
            if existing is None:
                ops.append(CreateDeploymentConfig(names["config"], routing))
            elif plan.config_differs(existing, routing):
                raise Refusal(
                    "deployment_config: %s exists and routes traffic otherwise (%s); a CodeDeploy configuration cannot "
                    "change, so name another one; nothing changed"
                    % (names["config"], existing.get("trafficRoutingConfig"))
                )
        role = params.get("codedeploy_service_role_arn") or (state.group or {}).get("serviceRoleArn")
        if role is None:
            raise Refusal(
                "codedeploy_service_role_arn: deployment group %s does not exist and needs a service role to be "
                "created (one with the AWSCodeDeployRoleForECS policy); nothing changed" % names["group"]
            )
        tg_names = dict((color, group["TargetGroupName"]) for color, group in state.target_groups.items())
        if not params.get("listener_arn"):
            raise Refusal("listener_arn: the deployment group needs the production listener; nothing changed")
        service_name = state.service["serviceName"]
        wanted = plan.wanted_group(params, names, tg_names, service_name, role, state.group, tags)
        if state.group is None:
            ops.append(CreateDeploymentGroup(wanted))
        else:
            differences = plan.group_differences(state.group, wanted)
            if differences:
                ops.append(UpdateDeploymentGroup(wanted, differences))
        return ops

    def plan_deployed(self, state):
        ops = self.plan_setup(state)
        self.reader.load_task_definitions(state.live_task_definition)
        arn, register = wanted_task_definition(self.params, state.live_task_definition, self.reader.catalog)
        decision, found = plan.deployment_decision(state.live_task_definition, state.active, arn)
        if decision == "none":
            return ManagedPlan(ops, task_definition=arn)
        if decision == "wait":
            return ManagedPlan(ops, task_definition=arn, deployment=found["deploymentId"], wait="deployment")
        if register:
            ops.append(register)
        description = "bluegreen.aws %s" % (self.params.get("version") or "deploy")
        ops.append(self._create_deployment(state, arn, description, register))
        return ManagedPlan(ops, task_definition=arn, wait="deployment")

    def _create_deployment(self, state, arn, description, register=None):
        container = plan.load_balancer_container(self.params, state.service)
        hooks = self.params.get("hooks") or {}
        return CreateDeployment(self.names["codedeploy"], arn, container, hooks, description, register)

    def plan_rolled_back(self, state):
        if state.group is None:
            raise Refusal(
                "deployment group %s does not exist: there is no CodeDeploy deployment to roll back; nothing changed"
                % self.names["codedeploy"]["group"]
            )
        if state.active:
            newest = state.active[0]
            stop = StopDeployment(newest["deploymentId"], newest.get("status"))
            return ManagedPlan(
                [stop], task_definition=state.live_task_definition, deployment=newest["deploymentId"], wait="rollback"
            )
        user_deployments = [item for item in state.deployments if item.get("creator") != "codeDeployRollback"]
        newest = user_deployments[0] if user_deployments else None
        if newest and (
            newest.get("status") in ("Failed", "Stopped")
            or (newest.get("description") or "").startswith(ROLLBACK_DESCRIPTION % "")
        ):
            # The latest release was rolled back already (by CodeDeploy, or by an earlier run).
            return ManagedPlan(task_definition=state.live_task_definition)
        previous = plan.previous_task_definition(state.deployments, state.live_task_definition)
        if previous is None:
            raise Refusal(
                "no earlier successful CodeDeploy deployment of another task definition than %s: nothing to roll back "
                "to; nothing changed" % state.live_task_definition
            )
        deploy = self._create_deployment(state, previous, ROLLBACK_DESCRIPTION % previous)
        return ManagedPlan([deploy], task_definition=previous, wait="deployment")

    # ------------------------------------------------------------------ run

    def run(self):
        params = self.params
        state = read_state(self.reader, self.codedeploy_client, self.names)
        state_name = params["state"]
        if state_name == "configured":
            run_plan = ManagedPlan(self.plan_setup(state), task_definition=state.live_task_definition)
        elif state_name == "deployed":
            run_plan = self.plan_deployed(state)
        else:
            run_plan = self.plan_rolled_back(state)
        result = plan_result("codedeploy", state, run_plan, self.events.events)
        for warning in self._warnings():
            self.module.warn(warning)
        if self.module._diff:
            result["diff"] = self._diff(state, run_plan)
        if self.module.check_mode:
            result["colors"] = colors_summary(state.views, state.split)
            return result
        created = None
        for op in run_plan.ops:
            op.apply(self.api)
            if op.created:
                created = op.created
        if run_plan.register is not None:
            result["task_definition"] = run_plan.register.task_definition
        deployment_id = created or run_plan.deployment
        if deployment_id and params["wait"]:
            self._follow(deployment_id, run_plan.wait, result)
        if deployment_id:
            result["deployment"] = deployment_view(self._deployment(deployment_id))
        final = (
            read_state(self.reader, self.codedeploy_client, self.names) if run_plan.changed or deployment_id else state
        )
        result.update(
            live_color=final.live,
            idle_color=idle_of(final.live),
            colors=colors_summary(final.views, final.split),
        )
        if params["state"] == "deployed":
            result["deployed_color"] = final.live if final.live_task_definition == result["task_definition"] else None
        return result

    def _warnings(self):
        params = self.params
        wait = params.get("termination_wait")
        if params["wait"] and wait and params["wait_timeout"] < wait * 60:
            return [
                "wait_timeout %d is shorter than termination_wait (%d minutes): a deployment succeeds only after the "
                "original task set is terminated, so the wait will give up first" % (params["wait_timeout"], wait)
            ]
        return []

    def _deployment(self, deployment_id):
        found = codedeploy.get_deployment(self.codedeploy_client, deployment_id)
        return dict(found, taskDefinition=plan.appspec_task_definition(found))

    def _look(self, deployment_id, what):
        """One look at a deployment (``what``: deployment) or at a stop with rollback (``what``: rollback)."""
        deployment = self._deployment(deployment_id)
        if what == "rollback":
            status = deployment.get("status")
            if status not in ("Stopped", "Failed", "Succeeded"):
                progress = Progress(False, "deployment %s %s, stopping" % (deployment_id, status))
            else:
                rollback = (deployment.get("rollbackInfo") or {}).get("rollbackDeploymentId")
                if not rollback:
                    progress = Progress(True, "deployment %s %s" % (deployment_id, status))
                else:
                    rolled = self._deployment(rollback)
                    progress = plan.deployment_progress(rolled, codedeploy.ecs_target(self.codedeploy_client, rollback))
        else:
            target = None
            if deployment.get("status") in ("InProgress", "Baking", "Ready"):
                target = codedeploy.ecs_target(self.codedeploy_client, deployment_id)
            progress = plan.deployment_progress(deployment, target)
        self.events.see(progress.summary)
        return progress

    def _follow(self, deployment_id, what, result):
        timeout = self.params["wait_timeout"]
        description = (
            "CodeDeploy deployment %s to succeed" % deployment_id
            if what == "deployment"
            else "the rollback of CodeDeploy deployment %s" % deployment_id
        )
        try:
            self.poller.until(lambda: self._look(deployment_id, what), description, timeout)
        except WaitFailed as error:
            msg = error.msg
            if error.progress.failure is None and what == "deployment":
                codedeploy.stop_deployment(self.codedeploy_client, deployment_id, rollback=True)
                msg += (
                    "; stopped deployment %s with rollback (traffic returns to the original task set)" % deployment_id
                )
            result["deployment"] = deployment_view(self._deployment(deployment_id))
            raise ModuleFailure(msg, result) from error

    def _diff(self, state, run_plan):
        before = {"live_task_definition": state.live_task_definition, "deployment_group": None}
        if state.group:
            before["deployment_group"] = plan.group_settings(state.group)
        after = dict(before, live_task_definition=run_plan.task_definition)
        for op in run_plan.ops:
            spec = getattr(op, "spec", None)
            if spec:
                after["deployment_group"] = plan.group_settings(spec)
        return dict(before=before, after=after)


def run_codedeploy(module):
    return CodeDeployRelease(module).run()


def describe_codedeploy(module, ecs_client=None, codedeploy_client=None, elb_client=None):
    """ecs_bluegreen_info with strategy=codedeploy: the colors, the deployment group and the last deployments."""
    params = module.params
    names = validate_app_options(params)
    names["codedeploy"] = codedeploy_names(params)
    ecs_client = ecs_client or ecs.ecs_client(module)
    codedeploy_client = codedeploy_client or codedeploy.codedeploy_client(module)
    reader = ManagedReader(params, names, ecs_client, lambda: elb_client or elbv2.elbv2_client(module))
    state = read_state(reader, codedeploy_client, names)
    colors = colors_summary(state.views, state.split)
    for view in colors.values():
        view["healthy_targets"] = elbv2.healthy_target_count(reader.elb, view["target_group_arn"])
    group = None
    if state.group:
        group = dict(plan.group_settings(state.group), name=state.group.get("deploymentGroupName"))
        group["application"] = state.group.get("applicationName")
    return dict(
        changed=False,
        strategy="codedeploy",
        live_color=state.live,
        idle_color=idle_of(state.live),
        task_definition=state.live_task_definition,
        colors=colors,
        drift=[],
        deployment_group=group,
        deployments=[deployment_view(item) for item in state.deployments],
    )
