# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of ecs_bluegreen (read, plan, check and diff, apply, wait) and of ecs_bluegreen_info (read, report)."""

from .._aws import ecs, elbv2
from .._core.errors import ModuleFailure
from .._core.poller import WaitFailed, poller_for, slice_result
from .codedeploy_release import describe_codedeploy, run_codedeploy
from .drift import drift_warning
from .ecs_colors import WORDS, colors_summary, diff_view, drift, service_progress, task_set_progress
from .ecs_operations import predict
from .ecs_options import validate_app_options, validate_params
from .ecs_plan import PLANNERS, plan_deployed
from .ecs_native_release import describe_native, run_native
from .ecs_reader import EcsReader
from .live_color import Live


def reader_for(module, params, names):
    return EcsReader(params, names, ecs.ecs_client(module), lambda: elbv2.elbv2_client(module))


def live_of(current, params):
    return Live.resolve(current.traffic, params["live_color"], current.counts(), WORDS)


def wait_for_service(api, poller, service, name, timeout, **wait_slice):
    """Wait until the service has one deployment and runs its desired count; return the last Progress.

    ``wait_slice``: the ``wait_slice`` and ``started_at`` of ``Poller.until``."""
    return poller.until(
        lambda: service_progress(api.describe_service(service)),
        "service %s to be stable (one deployment, every desired task running)" % name,
        timeout,
        **wait_slice,
    )


def wait_for_task_set(api, poller, service, task_set, color, expected_scale, timeout, **wait_slice):
    """Wait until the task set is in steady state at ``expected_scale`` percent; return the last Progress."""
    return poller.until(
        lambda: task_set_progress(api.describe_task_set(service, task_set), expected_scale),
        "the %s task set %s to be stable at %d%% scale" % (color, task_set, expected_scale),
        timeout,
        **wait_slice,
    )


def _warn(module, warnings, found_drift):
    if found_drift:
        warnings = list(warnings) + [drift_warning(found_drift)]
    for warning in warnings:
        module.warn(warning)


class Release:
    """One run of ecs_bluegreen. ``reader``, ``api`` (an ``_aws.ecs.EcsCluster``) and ``poller`` can be fakes."""

    def __init__(self, module, reader=None, api=None, poller=None):
        self.module = module
        self.params = module.params
        names = validate_params(self.params)
        self.reader = reader or reader_for(module, self.params, names)
        self.api = api or ecs.EcsCluster(self.reader.client, self.params["cluster"], lambda: self.reader.elb)
        self.poller = poller or poller_for(module)

    def run(self):
        params = self.params
        current = self.reader.read()
        live = live_of(current, params)
        if params["state"] == "deployed":
            self.reader.load_task_definitions(params, current)
        plan = PLANNERS[params["state"]](params, current, live, self.reader.catalog)
        result = dict(
            changed=plan.changed,
            strategy=current.strategy,
            live_color=live.color,
            idle_color=live.idle,
            deployed_color=plan.deployed_color,
            task_definition=plan.task_definition,
            task_definition_registered=plan.register is not None,
            actions=plan.actions(),
            waiting=False,
        )
        after = predict(current.views, plan.all_ops(), current.strategy, current.service_desired)
        final = current
        if not self.module.check_mode:
            created = self._apply(current, live, plan, result) if plan.changed else {}
            if params["wait"] and plan.wait:
                self._wait(current, plan.wait, created, result)
            if plan.changed:
                final = self.reader.read()
                after = final.views
        views = final.views
        if self.module.check_mode:
            views = dict((color, dict(views[color], **after[color])) for color in views)
        result["colors"] = colors_summary(views, current.split())
        result["drift"] = drift(final.views)
        _warn(self.module, current.warnings + plan.warnings, result["drift"])
        if self.module._diff:
            result["diff"] = dict(before=diff_view(current.views), after=diff_view(after))
        return result

    def _apply(self, current, live, plan, result):
        """Register the new revision first (then plan the rest with its real ARN), then the rest; return
        ``{color: ARN}`` of the task sets created."""
        if plan.register:
            plan.register.apply(self.api)
            registered = plan.register.registered
            self.reader.catalog.add(registered["taskDefinitionArn"], registered, plan.register.tags)
            plan.ops = plan_deployed(self.params, current, live, self.reader.catalog, registered=registered).ops
            result.update(task_definition=registered["taskDefinitionArn"], actions=plan.actions())
        for op in plan.ops:
            op.apply(self.api)
        return dict((op.color, op.created) for op in plan.ops if op.created)

    def _wait(self, current, wait, created, result):
        color, expected_scale = wait
        view, timeout = current.views[color], self.params["wait_timeout"]
        wait_slice = dict(wait_slice=self.params.get("wait_slice") or 0, started_at=self.params.get("wait_started"))
        progress = None
        try:
            if current.strategy == "service_pair":
                progress = wait_for_service(self.api, self.poller, view["arn"], view["name"], timeout, **wait_slice)
            elif created.get(color) or view["arn"]:
                service = current.service["serviceArn"]
                task_set = created.get(color) or view["arn"]
                progress = wait_for_task_set(
                    self.api, self.poller, service, task_set, color, expected_scale, timeout, **wait_slice
                )
        except WaitFailed as error:
            final = self.reader.read()
            result["colors"] = colors_summary(final.views, final.split())
            result["drift"] = drift(final.views)
            done = "the changes were made and are left in place" if result["changed"] else "nothing changed"
            raise ModuleFailure("%s; %s" % (error.msg, done), result) from error
        result.update(slice_result(progress))


def run_release(module):
    """The work of ecs_bluegreen: the result, or InputError / Refusal (nothing written) / ModuleFailure."""
    strategy = module.params["strategy"]
    if strategy == "codedeploy":
        return run_codedeploy(module)
    if strategy == "ecs_native":
        return run_native(module)
    return Release(module).run()


def describe_app(module, reader=None):
    """The work of ecs_bluegreen_info: both colors, the live one and the drift between them; never writes."""
    params = module.params
    if params["strategy"] == "codedeploy":
        return describe_codedeploy(module)
    if params["strategy"] == "ecs_native":
        return describe_native(module)
    names = validate_app_options(params)
    reader = reader or reader_for(module, params, names)
    current = reader.read()
    live = live_of(current, params)
    result = dict(
        changed=False,
        strategy=current.strategy,
        live_color=live.color,
        idle_color=live.idle,
        task_definition=current.views[live.color]["task_definition"] if live.color else None,
        colors=colors_summary(current.views, current.split()),
        drift=drift(current.views),
    )
    for view in result["colors"].values():
        arn = view["target_group_arn"]
        view["healthy_targets"] = elbv2.healthy_target_count(reader.elb, arn) if arn else None
    _warn(module, current.warnings, result["drift"])
    return result
