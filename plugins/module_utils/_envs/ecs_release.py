# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The work of the ecs_bluegreen module: read, plan, check, apply."""

from . import ecs, elbv2
from . import ecs_plan as plan
from .errors import ModuleFailure
from .forward_action import read_split
from .weights import COLORS, ValidationError, other_color


class Current:
    """What AWS holds for the app at one moment: both colors and the router's split."""

    def __init__(self, strategy):
        self.strategy = strategy
        self.views = {}  # {color: view} (see ecs_plan.service_view / task_set_view)
        self.services = {}  # service_pair: {color: service}; task_set: {"service": service}
        self.task_sets = {}  # task_set: {color: [task set]}
        self.traffic = None  # {color: percent} when a listener is known
        self.warnings = []

    @property
    def service(self):
        return self.services.get("service")

    @property
    def service_desired(self):
        return self.service.get("desiredCount", 0) if self.service else 0


class Release:
    def __init__(self, module):
        self.module = module
        self.params = module.params
        self.names = plan.validate_params(self.params)
        self.strategy = self.params["strategy"]
        self.cluster = self.params["cluster"]
        self.client = ecs.ecs_client(module)
        self._elb = None
        self._task_definitions = {}
        self._target_group_arns = None
        self._cluster_checked = False
        self.warnings = []

    # ------------------------------------------------------------------ reading

    @property
    def elb(self):
        if self._elb is None:
            self._elb = elbv2.elbv2_client(self.module)
        return self._elb

    def task_definition(self, reference, option):
        """DescribeTaskDefinition, cached for the run: ``(task definition, tags)``."""
        if reference not in self._task_definitions:
            found = ecs.describe_task_definition(self.client, reference, option)
            self._task_definitions[reference] = found
            self._task_definitions[found[0]["taskDefinitionArn"]] = found
        return self._task_definitions[reference]

    def target_group_arns(self):
        """``{color: arn or None}`` of the options (resolved once)."""
        if self._target_group_arns is None:
            self._target_group_arns = {}
            for color in COLORS:
                option = "%s_target_group" % color
                value = self.names["target_groups"][color]
                arn = None
                if value:
                    arn = elbv2.describe_target_group(self.elb, value, option)["TargetGroupArn"]
                self._target_group_arns[color] = arn
            if self._target_group_arns["blue"] and self._target_group_arns["blue"] == self._target_group_arns["green"]:
                raise ValidationError(
                    "blue_target_group and green_target_group are the same target group %s"
                    % self._target_group_arns["blue"]
                )
        return self._target_group_arns

    def read(self):
        current = Current(self.strategy)
        if not self._cluster_checked:
            ecs.describe_cluster(self.client, self.cluster)
            self._cluster_checked = True
        if self.strategy == "service_pair":
            self._read_service_pair(current)
        else:
            self._read_task_set(current)
        listener_arn = self.params["listener_arn"]
        if listener_arn:
            listener = elbv2.describe_listener(self.elb, listener_arn)
            groups = {}
            for color in COLORS:
                groups[color] = current.views[color]["target_group_arn"]
                if not groups[color]:
                    raise ValidationError(
                        "listener_arn: the %s color (service %s) is registered in no target group, so its traffic "
                        "cannot be read from listener %s" % (color, current.views[color]["name"], listener_arn)
                    )
            current.traffic = read_split(listener["DefaultActions"], groups, "listener %s" % listener_arn)
        return current

    def _read_service_pair(self, current):
        names = dict((color, ("%s_service" % color, self.names["services"][color])) for color in COLORS)
        current.services = ecs.describe_services(self.client, self.cluster, names)
        options = self.target_group_arns() if any(self.names["target_groups"].values()) else {}
        for color in COLORS:
            service = current.services[color]
            option = "%s_service" % color
            controller = (service.get("deploymentController") or {}).get("type", "ECS")
            if controller != "ECS":
                raise ValidationError(
                    "%s: service %s uses the %s deployment controller; strategy=service_pair needs the ECS "
                    "controller (strategy=task_set works with EXTERNAL)" % (option, service["serviceName"], controller)
                )
            groups = [lb["targetGroupArn"] for lb in service.get("loadBalancers") or [] if lb.get("targetGroupArn")]
            group = groups[0] if groups else None
            if options.get(color):
                if groups and options[color] not in groups:
                    raise ValidationError(
                        "%s_target_group: %s is not a target group of service %s (it is registered in %s)"
                        % (color, self.names["target_groups"][color], service["serviceName"], ", ".join(groups))
                    )
                group = options[color]
            task_definition = service.get("taskDefinition")
            if task_definition and not task_definition.startswith("arn:"):
                service = dict(
                    service, taskDefinition=self.task_definition(task_definition, option)[0]["taskDefinitionArn"]
                )
                current.services[color] = service
            current.views[color] = plan.service_view(service, group)
        if current.views["blue"]["target_group_arn"] and (
            current.views["blue"]["target_group_arn"] == current.views["green"]["target_group_arn"]
        ):
            raise ValidationError(
                "blue_service and green_service are registered in the same target group %s; each color needs its own"
                % current.views["blue"]["target_group_arn"]
            )

    def _read_task_set(self, current):
        name = self.names["services"]["service"]
        current.services = ecs.describe_services(self.client, self.cluster, {"service": ("service", name)})
        service = current.service
        controller = (service.get("deploymentController") or {}).get("type", "ECS")
        if controller != "EXTERNAL":
            raise ValidationError(
                "service: service %s uses the %s deployment controller; strategy=task_set needs the EXTERNAL "
                "controller (strategy=service_pair works with two ECS services)" % (name, controller)
            )
        groups = self.target_group_arns()
        current.task_sets, warnings = plan.task_sets_by_color(service.get("taskSets") or [], name)
        current.warnings.extend(warnings)
        for color in COLORS:
            task_sets = current.task_sets[color]
            primary = [task_set for task_set in task_sets if task_set.get("status") == "PRIMARY"]
            chosen = (primary or task_sets or [None])[0]
            current.views[color] = plan.task_set_view(chosen, current.service_desired, groups[color])

    # ------------------------------------------------------------------ running

    def run(self):
        current = self.read()
        self.warnings = list(current.warnings)
        live, source = plan.resolve_live(current.traffic, self.params["live_color"], current.views)
        result = dict(
            changed=False,
            strategy=self.strategy,
            live_color=live,
            idle_color=other_color(live) if live else ("blue" if source == "none" else None),
            deployed_color=None,
            task_definition=current.views[live]["task_definition"] if live else None,
            task_definition_registered=False,
            actions=[],
        )
        state = self.params["state"]
        work = dict(ops=[], wait=None)
        if state == "deployed":
            work = self._deploy(current, live, source, result)
        elif state == "promoted":
            work = self._promote(current, live, source, result)
        elif state == "scaled_down":
            work = self._scale_down(current, live, source, result)
        return self._finish(current, result, work)

    def _finish(self, current, result, work):
        final = current
        after = plan.predict(current.views, work["ops"], self.strategy, current.service_desired)
        if not self.module.check_mode:
            created = self._apply(current, result, work) if result["changed"] else {}
            if self.params["wait"] and work["wait"]:
                self._wait(current, result, work["wait"], created)
            if result["changed"]:
                final = self.read()
                after = plan.diff_view(final.views)
        views = final.views
        if self.module.check_mode:
            views = dict((color, dict(views[color], **after[color])) for color in COLORS)
        result["colors"] = plan.colors_summary(views, current.traffic)
        result["drift"] = plan.drift(final.views)
        if result["drift"]:
            self.warnings.append(plan.drift_warning(result["drift"]))
        for warning in self.warnings:
            self.module.warn(warning)
        if self.module._diff:
            result["diff"] = dict(before=plan.diff_view(current.views), after=plan.diff_view(after))
        return result

    def _apply(self, current, result, work):
        """Register the task definition if needed, then write the operations; return created task sets."""
        if work.get("register"):
            registration, tags = work["register"]
            registered = ecs.register_task_definition(self.client, registration, tags)
            result["task_definition"] = registered["taskDefinitionArn"]
            work["ops"] = work["rebuild"](registered["taskDefinitionArn"], registered)
        created = {}
        for op in work["ops"]:
            created.update(self._write(op))
        return created

    def _wait(self, current, result, wait, created):
        color, expected_scale = wait
        timeout = self.params["wait_timeout"]
        view = current.views[color]
        try:
            if self.strategy == "service_pair":
                ecs.wait_service_stable(self.client, self.cluster, view["arn"], view["name"], timeout)
            elif created.get(color) or view["arn"]:
                ecs.wait_task_set_stable(
                    self.client,
                    self.cluster,
                    current.service["serviceArn"],
                    created.get(color) or view["arn"],
                    color,
                    expected_scale,
                    timeout,
                )
        except ecs.WaitFailed as error:
            final = self.read()
            result["colors"] = plan.colors_summary(final.views, final.traffic)
            result["drift"] = plan.drift(final.views)
            done = "the changes were made and are left in place" if result["changed"] else "nothing changed"
            raise ModuleFailure("%s; %s" % (error, done), result) from error

    def _write(self, op):
        action = op["action"]
        client, cluster = self.client, self.cluster
        if action == "update_service":
            changes_definition = op["task_definition"] != op.get("from_task_definition")
            ecs.update_service(
                client,
                cluster,
                op["service"],
                task_definition=op["task_definition"] if changes_definition else None,
                desired_count=op["desired_count"],
            )
        elif action == "update_desired_count":
            ecs.update_service(client, cluster, op["service"], desired_count=op["desired_count"])
        elif action == "update_task_set_scale":
            ecs.update_task_set_scale(client, cluster, op["service"], op["task_set"], op["scale"])
        elif action == "delete_task_set":
            ecs.delete_task_set(client, cluster, op["service"], op["task_set"])
        elif action == "create_task_set":
            task_set = ecs.create_task_set(client, cluster, op["service"], op["spec"])
            return {op["color"]: task_set["taskSetArn"]}
        elif action == "make_primary":
            ecs.make_primary(client, cluster, op["service"], op["task_set"])
        return {}

    # ------------------------------------------------------------------ states

    def _refuse(self, color, live, source, current, action, advice):
        message = plan.traffic_refusal(
            color, live, source, current.traffic, self.params["listener_arn"], action, advice
        )
        if message:
            raise ValidationError(message)

    def _deploy(self, current, live, source, result):
        params = self.params
        if source == "split":
            raise ValidationError(plan.split_message(current.traffic, params["listener_arn"]))
        if source == "ambiguous":
            raise ValidationError(plan.ambiguous_message(current.views))
        desired_count = params["desired_count"] or plan.default_desired_count(
            self.strategy, live, current.views, current.service_desired
        )
        wanted = self._wanted_version(current, live)

        # Re-running the release of a version the live color already runs changes nothing.
        if not params["color"] and live and wanted and self._color_runs(current, live, wanted, desired_count):
            result.update(deployed_color=live, task_definition=current.views[live]["task_definition"])
            return dict(ops=[], wait=(live, 100))

        target = plan.choose_deploy_color(params["color"], live)
        view = current.views[target]
        if self.strategy == "task_set":
            for color in COLORS:
                if color != target:
                    plan.single_task_set(current.task_sets, color, self.names["services"]["service"])
        register = None
        if wanted is None:
            if not view["task_definition"]:
                raise ValidationError(
                    "task_definition: the %s color has no task definition yet; set task_definition or images" % target
                )
            arn, description = view["task_definition"], self.task_definition(view["task_definition"], "color")[0]
        elif wanted[0] == "arn":
            arn, description = wanted[1], self.task_definition(wanted[1], "task_definition")[0]
        else:
            registration, tags = wanted[1], wanted[2]
            arn = self._matching_revision(view, registration)
            if arn:
                description = self.task_definition(arn, "task_definition")[0]
            else:
                latest = self._latest_revision(registration["family"])
                arn = plan.next_revision_arn(latest) if latest else "%s:1" % registration["family"]
                description = dict(registration, taskDefinitionArn=arn)
                register = (registration, tags)

        def build(task_definition_arn, task_definition):
            if self.strategy == "service_pair":
                ops = plan.plan_service_pair_deploy(current.views, target, task_definition_arn, desired_count)
                for op in ops:
                    op["from_task_definition"] = view["task_definition"]
                return ops
            spec = self._task_set_spec(current, live, target, task_definition)
            return plan.plan_task_set_deploy(
                current.views, current.task_sets, target, task_definition_arn, desired_count, current.service, spec
            )

        ops = build(arn, description)
        if ops or register:
            self._refuse(target, live, source, current, "deploy onto", "deploy onto the idle color instead")
        if self.strategy == "task_set" and live and live != target and current.views[live]["desired_count"] > 0:
            for op in ops:
                if op["action"] == "update_desired_count" and desired_count < op["from"]:
                    raise ValidationError(
                        "desired_count: %d is below the service's %d, and would scale down the live %s task set "
                        "with it (the task sets of a service share its desired count); nothing changed"
                        % (desired_count, op["from"], live)
                    )
                if op["action"] == "update_desired_count":
                    self.warnings.append(
                        "desired_count %d also scales the live %s task set: the task sets of a service share its "
                        "desired count" % (desired_count, live)
                    )
        result.update(
            changed=bool(ops or register),
            deployed_color=target,
            task_definition=arn,
            task_definition_registered=bool(register),
            actions=(
                [plan.describe_op({"action": "register_task_definition", "task_definition": arn})] if register else []
            )
            + [plan.describe_op(op) for op in ops],
        )
        return dict(ops=ops, register=register, rebuild=build, wait=(target, 100))

    def _wanted_version(self, current, live):
        """None (keep the target's task definition), ("arn", arn) or ("registration", input, tags)."""
        params = self.params
        if params["images"]:
            if params["task_definition"]:
                base, tags = self.task_definition(params["task_definition"], "task_definition")
            else:
                source = live or plan.choose_deploy_color(params["color"], None)
                reference = current.views[source]["task_definition"]
                if not reference:
                    raise ValidationError(
                        "images: no task_definition given and the %s color runs no task definition to take the "
                        "images into; set task_definition" % source
                    )
                base, tags = self.task_definition(reference, "images")
            return ("registration", plan.with_images(base, params["images"]), tags)
        if params["task_definition"]:
            return ("arn", self.task_definition(params["task_definition"], "task_definition")[0]["taskDefinitionArn"])
        return None

    def _color_runs(self, current, color, wanted, desired_count):
        view = current.views[color]
        if wanted[0] == "arn":
            return plan.runs(view, wanted[1], desired_count, self.strategy)
        if not view["task_definition"]:
            return False
        description = self.task_definition(view["task_definition"], "task_definition")[0]
        return plan.same_definition(description, wanted[1]) and plan.runs(
            view, view["task_definition"], desired_count, self.strategy
        )

    def _matching_revision(self, view, registration):
        """A revision that already is ``registration``: the target's own, else the family's latest."""
        if view["task_definition"]:
            description = self.task_definition(view["task_definition"], "task_definition")[0]
            if plan.same_definition(description, registration):
                return description["taskDefinitionArn"]
        latest = self._latest_revision(registration["family"])
        if latest and plan.same_definition(latest, registration):
            return latest["taskDefinitionArn"]
        return None

    def _latest_revision(self, family):
        try:
            return self.task_definition(family, "task_definition")[0]
        except ValidationError:
            return None

    def _task_set_spec(self, current, live, target, task_definition):
        candidates = [live, other_color(target), target] if live else [other_color(target), target]
        source = None
        for color in candidates:
            if color and current.views[color]["arn"]:
                source = next(t for t in current.task_sets[color] if t["taskSetArn"] == current.views[color]["arn"])
                break
        if source is None and (current.service.get("networkConfiguration") or current.service.get("loadBalancers")):
            source = current.service
        return plan.task_set_spec(
            self.params["app"],
            target,
            task_definition,
            self.target_group_arns()[target],
            source,
            self.params,
        )

    def _promote(self, current, live, source, result):
        color = self.params["color"]
        traffic = current.traffic
        if traffic is not None and traffic[color] != 100:
            raise ValidationError(
                "color: refusing to promote %s, which has %d%% of the traffic on listener %s; shift all the traffic "
                "to it with alb_shift first; nothing changed" % (color, traffic[color], self.params["listener_arn"])
            )
        if source == "live_color" and live != color:
            raise ValidationError("color: refusing to promote %s, live_color is %s; nothing changed" % (color, live))
        result["task_definition"] = current.views[color]["task_definition"]
        ops = []
        if self.strategy == "task_set":
            name = self.names["services"]["service"]
            for other in COLORS:
                plan.single_task_set(current.task_sets, other, name)
            view = current.views[color]
            if view["arn"] is None:
                raise ValidationError("color: service %s has no %s task set to promote" % (name, color))
            if view["status"] != "PRIMARY":
                ops.append(
                    {
                        "action": "make_primary",
                        "color": color,
                        "service": current.service["serviceArn"],
                        "task_set": view["arn"],
                    }
                )
        result.update(changed=bool(ops), actions=[plan.describe_op(op) for op in ops])
        return dict(ops=ops, wait=None)

    def _scale_down(self, current, live, source, result):
        params = self.params
        color = params["color"]
        if source == "split" and not color:
            raise ValidationError(plan.split_message(current.traffic, params["listener_arn"]))
        if source == "ambiguous":
            raise ValidationError(plan.ambiguous_message(current.views))
        target = color or (other_color(live) if live else None)
        if target is None:
            return dict(ops=[], wait=None)
        if self.strategy == "task_set":
            for other in COLORS:
                plan.single_task_set(current.task_sets, other, self.names["services"]["service"])
        ops = plan.plan_scale_down(self.strategy, current.views, target, current.service)
        for op in ops:
            op["from_task_definition"] = op.get("task_definition")
        if ops:
            self._refuse(target, live, source, current, "scale down", "shift the traffic away with alb_shift first")
        result.update(
            changed=bool(ops),
            task_definition=current.views[target]["task_definition"],
            actions=[plan.describe_op(op) for op in ops],
        )
        return dict(ops=ops, wait=(target, 0))


def run_release(module):
    """Run ecs_bluegreen; return the result dict or raise ModuleFailure/ValidationError."""
    return Release(module).run()
