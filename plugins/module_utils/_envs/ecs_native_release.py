# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""ecs_bluegreen with strategy=ecs_native (ECS blue/green deployments): read, plan, check and diff,
apply, follow the service deployment; and what ecs_bluegreen_info reports of such an app."""

import time

from .._aws import ecs, elbv2
from .._core.colors import COLORS
from .._core.errors import ModuleFailure, Refusal
from .._core.poller import WaitFailed, poller_for
from . import ecs_native_plan as plan
from .ecs_managed import EventLog, ManagedPlan, empty_view, idle_of, iso_time, plan_result, wanted_task_definition
from .ecs_colors import colors_summary
from .ecs_managed_options import validate_managed_params
from .ecs_options import validate_app_options
from .managed_operations import ManagedApi, MarkRollback, StopServiceDeployment, UpdateNativeService
from .managed_reader import ManagedReader

RECENT = 5  # service deployments a run looks at


class NativeState:
    """What AWS holds for the app: the service, the target groups and the split of its production rule."""

    def __init__(self, service, target_groups, split):
        self.service = service
        self.target_groups = target_groups
        self.target_group_arns = dict((color, group["TargetGroupArn"]) for color, group in target_groups.items())
        self.split = split
        full = [color for color in COLORS if split and split.get(color) == 100]
        self.live = full[0] if full else None
        self.views = dict((color, empty_view(self.target_group_arns[color])) for color in COLORS)
        if self.live:
            self.views[self.live].update(
                arn=service.get("serviceArn"),
                task_definition=service.get("taskDefinition"),
                desired_count=service.get("desiredCount", 0),
                running_count=service.get("runningCount", 0),
                status=service.get("status"),
            )


def read_state(reader, params):
    service = reader.service()
    target_groups = reader.target_groups()
    arns = dict((color, group["TargetGroupArn"]) for color, group in target_groups.items())
    balancers = service.get("loadBalancers") or []
    advanced = (balancers[0].get("advancedConfiguration") or {}) if balancers else {}
    rule = params.get("production_listener_rule") or advanced.get("productionListenerRule")
    if rule:
        split = reader.rule_split(rule, arns, "production_listener_rule")
    else:
        split = reader.split(arns)
    return NativeState(service, target_groups, split)


def deployment_view(deployment):
    target = deployment.get("targetServiceRevision") or {}
    return {
        "arn": deployment.get("serviceDeploymentArn"),
        "status": deployment.get("status"),
        "lifecycle_stage": deployment.get("lifecycleStage"),
        "status_reason": deployment.get("statusReason"),
        "target_service_revision": target.get("arn"),
        "created_at": iso_time(deployment.get("createdAt")),
        "finished_at": iso_time(deployment.get("finishedAt")),
    }


class NativeRelease:
    """One run of ecs_bluegreen with strategy=ecs_native; the clients, poller and clock can be fakes."""

    def __init__(self, module, ecs_client=None, elb_client=None, poller=None, clock=None, native_strategies=None):
        self.module = module
        self.params = module.params
        strategies = native_strategies if native_strategies is not None else ecs.deployment_strategies()
        self.names = validate_managed_params(self.params, strategies)
        self.ecs_client = ecs_client or ecs.ecs_client(module)
        self.reader = ManagedReader(
            self.params, self.names, self.ecs_client, lambda: elb_client or elbv2.elbv2_client(module)
        )
        self.api = ManagedApi(self.ecs_client, None, self.params["cluster"])
        self.poller = poller or poller_for(module)
        self.events = EventLog(clock or time.monotonic)
        self.known = set()  # the service deployments found before this run's update

    def _settings(self, state):
        """``(deploymentConfiguration, loadBalancers, changes)`` the service needs."""
        params = self.params
        alternate = None
        if params.get("alternate_target_group"):
            alternate = elbv2.describe_target_group(
                self.reader.elb, params["alternate_target_group"], "alternate_target_group"
            )["TargetGroupArn"]
        configuration = plan.wanted_configuration(params, state.service.get("deploymentConfiguration"))
        balancers = plan.wanted_load_balancers(params, state.service, state.target_group_arns, alternate)
        return configuration, balancers, plan.changes(state.service, configuration, balancers)

    def _recent(self):
        """The newest service deployments (any status); remembered, so that the wait after an update follows
        the deployment the update starts, never an older one."""
        cluster, name = self.params["cluster"], self.names["services"]["service"]
        found = ecs.service_deployments(self.ecs_client, cluster, name, RECENT)
        self.known = set(item["serviceDeploymentArn"] for item in found)
        return found

    def plan_configured(self, state):
        configuration, balancers, changes = self._settings(state)
        if not changes:
            return ManagedPlan(task_definition=state.service.get("taskDefinition"))
        service = state.service
        update = UpdateNativeService(
            service["serviceArn"], service["serviceName"], None, configuration, balancers, changes
        )
        return ManagedPlan([update], task_definition=service.get("taskDefinition"))

    def plan_deployed(self, state):
        service = state.service
        configuration, balancers, changes = self._settings(state)
        self.reader.load_task_definitions(service.get("taskDefinition"))
        arn, register = wanted_task_definition(self.params, service.get("taskDefinition"), self.reader.catalog)
        active = [item for item in self._recent() if item.get("status") in plan.ACTIVE]
        decision, found = plan.deployment_decision(service, active, arn)
        ops = []
        if decision == "wait":
            # A deployment of this version is under way: the settings wait for the next one.
            return ManagedPlan(task_definition=arn, deployment=found["serviceDeploymentArn"], wait="deployment")
        if decision == "none":
            if changes:
                ops.append(
                    UpdateNativeService(
                        service["serviceArn"], service["serviceName"], None, configuration, balancers, changes
                    )
                )
            return ManagedPlan(ops, task_definition=arn)
        if register:
            ops.append(register)
        ops.append(
            UpdateNativeService(
                service["serviceArn"], service["serviceName"], arn, configuration, balancers, changes, register
            )
        )
        return ManagedPlan(ops, task_definition=arn, wait="deployment")

    def plan_rolled_back(self, state):
        service = state.service
        name = self.names["services"]["service"]
        recent = self._recent()
        in_flight = [item for item in recent if item.get("status") in plan.IN_FLIGHT]
        if in_flight:
            stop = StopServiceDeployment(in_flight[0]["serviceDeploymentArn"], in_flight[0].get("status"))
            return ManagedPlan(
                [stop], task_definition=service.get("taskDefinition"), deployment=stop.arn, wait="rollback"
            )
        if plan.already_rolled_back(service, recent):
            return ManagedPlan(task_definition=service.get("taskDefinition"))
        previous = self._previous_task_definition(service, recent)
        if previous is None:
            raise Refusal(
                "service %s has no earlier successful deployment of another task definition than %s: nothing to roll "
                "back to; nothing changed" % (name, service.get("taskDefinition"))
            )
        update = UpdateNativeService(service["serviceArn"], name, previous, None, None, [])
        mark = MarkRollback(service["serviceArn"], plan.ROLLBACK_TAG, previous)
        return ManagedPlan([update, mark], task_definition=previous, wait="deployment")

    def _previous_task_definition(self, service, recent):
        successful = [item for item in recent if item.get("status") == "SUCCESSFUL"]
        sources = [
            revision["arn"]
            for item in successful
            for revision in item.get("sourceServiceRevisions") or []
            if revision.get("arn")
        ]
        found = ecs.service_revision_task_definitions(self.ecs_client, sources)
        for arn in sources:
            if found.get(arn) and found[arn] != service.get("taskDefinition"):
                return found[arn]
        return None

    # ------------------------------------------------------------------ run

    def run(self):
        params = self.params
        state = read_state(self.reader, params)
        planner = {
            "configured": self.plan_configured,
            "deployed": self.plan_deployed,
            "rolled_back": self.plan_rolled_back,
        }
        run_plan = planner[params["state"]](state)
        result = plan_result("ecs_native", state, run_plan, self.events.events)
        result["colors"] = colors_summary(state.views, state.split)
        if self.module._diff:
            before = {
                "task_definition": state.service.get("taskDefinition"),
                "deployment_configuration": state.service.get("deploymentConfiguration"),
            }
            after = dict(before, task_definition=run_plan.task_definition)
            for op in run_plan.ops:
                if getattr(op, "deployment_configuration", None):
                    after["deployment_configuration"] = op.deployment_configuration
            result["diff"] = dict(before=before, after=after)
        if self.module.check_mode:
            return result
        for op in run_plan.ops:
            op.apply(self.api)
        if run_plan.register is not None:
            result["task_definition"] = run_plan.register.task_definition
        deployment = None
        if run_plan.wait and params["wait"]:
            deployment = self._follow(run_plan, result)
        if deployment:
            result["deployment"] = deployment_view(deployment)
        if run_plan.changed or deployment:
            final = read_state(self.reader, params)
            result.update(
                live_color=final.live, idle_color=idle_of(final.live), colors=colors_summary(final.views, final.split)
            )
            if params["state"] == "deployed":
                running = final.service.get("taskDefinition") == result["task_definition"]
                result["deployed_color"] = final.live if running else None
        return result

    def _find(self, arn):
        """The deployment ``arn``, else (after an UpdateService) the newest service deployment, once ECS has
        started it (one found before the update is not it)."""
        if arn:
            found = ecs.describe_service_deployments(self.ecs_client, [arn])
        else:
            cluster, name = self.params["cluster"], self.names["services"]["service"]
            found = ecs.service_deployments(self.ecs_client, cluster, name, 1)
            found = [item for item in found if item["serviceDeploymentArn"] not in self.known]
        return found[0] if found else None

    def _follow(self, run_plan, result):
        rollback = run_plan.wait == "rollback"
        seen = {}

        def look():
            deployment = self._find(run_plan.deployment or seen.get("arn"))
            if deployment is not None:
                seen["arn"] = deployment["serviceDeploymentArn"]
                seen["deployment"] = deployment
            progress = plan.deployment_progress(deployment, rollback)
            self.events.see(progress.summary)
            return progress

        what = "the rollback of the service deployment" if rollback else "the service deployment to succeed"
        try:
            self.poller.until(look, what, self.params["wait_timeout"])
        except WaitFailed as error:
            msg = error.msg
            deployment = seen.get("deployment")
            if error.progress.failure is None and not rollback and deployment is not None:
                ecs.stop_service_deployment(self.ecs_client, deployment["serviceDeploymentArn"], "ROLLBACK")
                msg += "; stopped service deployment %s with rollback" % deployment["serviceDeploymentArn"]
            if deployment is not None:
                result["deployment"] = deployment_view(deployment)
            raise ModuleFailure(msg, result) from error
        return seen.get("deployment")


def run_native(module):
    return NativeRelease(module).run()


def describe_native(module, ecs_client=None, elb_client=None):
    """ecs_bluegreen_info with strategy=ecs_native: the colors, the service's blue/green settings, the last
    service deployments."""
    params = module.params
    names = validate_app_options(params)
    ecs_client = ecs_client or ecs.ecs_client(module)
    reader = ManagedReader(params, names, ecs_client, lambda: elb_client or elbv2.elbv2_client(module))
    state = read_state(reader, params)
    colors = colors_summary(state.views, state.split)
    for view in colors.values():
        view["healthy_targets"] = elbv2.healthy_target_count(reader.elb, view["target_group_arn"])
    deployments = ecs.service_deployments(ecs_client, params["cluster"], names["services"]["service"], RECENT)
    return dict(
        changed=False,
        strategy="ecs_native",
        live_color=state.live,
        idle_color=idle_of(state.live),
        task_definition=state.service.get("taskDefinition"),
        colors=colors,
        drift=[],
        deployment_configuration=state.service.get("deploymentConfiguration"),
        deployments=[deployment_view(item) for item in deployments],
    )
