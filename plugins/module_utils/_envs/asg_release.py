# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of asg_bluegreen (read, plan, check and diff, apply, wait) and of asg_bluegreen_info (read, report)."""

from .._aws import autoscaling, ec2, elbv2
from .._core.errors import ModuleFailure
from .._core.poller import WaitFailed, poller_for, slice_result
from .asg_colors import WORDS, DRIFT_SETTINGS, colors_summary, diff_view
from .asg_operations import predict
from .asg_options import validate_app_options, validate_params
from .asg_plan import PLANNERS
from .asg_reader import AsgApi, AsgReader
from .live_color import Live
from .drift import drift, drift_warning


def api_for(module):
    return AsgApi(autoscaling.autoscaling_client(module), ec2.ec2_client(module), lambda: elbv2.elbv2_client(module))


def live_of(current, params):
    return Live.resolve(current.traffic, params["live_color"], current.counts(), WORDS)


def _warn(module, warnings, found_drift):
    if found_drift:
        warnings = list(warnings) + [drift_warning(found_drift)]
    for warning in warnings:
        module.warn(warning)


def wait_for(api, poller, views, wait, timeout, **wait_slice):
    """Wait until the color is ready (``wait``, an ``asg_plan.Wait``); return the last Progress.

    ``wait_slice``: the ``wait_slice`` and ``started_at`` of ``Poller.until``."""
    name = views[wait.color]["name"]
    if wait.desired == 0:
        what = "group %s to have no instance" % name
        return poller.until(lambda: api.empty_progress(name), what, timeout, **wait_slice)
    what = "group %s to have %d InService instance(s) on %s and nothing else, %d of them healthy targets" % (
        name,
        wait.desired,
        wait.image_id,
        wait.min_healthy,
    )
    return poller.until(
        lambda: api.deploy_progress(name, wait.image_id, wait.desired, wait.min_healthy), what, timeout, **wait_slice
    )


class Release:
    """One run of asg_bluegreen. ``reader``, ``api`` and ``poller`` can be fakes."""

    def __init__(self, module, reader=None, api=None, poller=None):
        self.module = module
        self.params = module.params
        names = validate_params(self.params)
        self.api = api or api_for(module)
        self.reader = reader or AsgReader(self.params, names, self.api)
        self.poller = poller or poller_for(module)

    def run(self):
        params = self.params
        current = self.reader.read()
        if params["state"] == "deployed" and params.get("image_id"):
            self.reader.check_image(params["image_id"])
        live = live_of(current, params)
        plan = PLANNERS[params["state"]](params, current, live)
        after = predict(current.views, plan.ops)
        final = current
        result = dict(
            changed=plan.changed,
            live_color=live.color,
            idle_color=live.idle,
            deployed_color=plan.deployed_color,
            launch_template_version=plan.launch_template_version,
            image_id=plan.image_id,
            actions=plan.actions(),
            waiting=False,
        )
        if not self.module.check_mode:
            for op in plan.ops:
                op.apply(self.api)
            result.update(launch_template_version=plan.launch_template_version, actions=plan.actions())
            if params["wait"] and plan.wait:
                self._wait(current, plan, result)
            if plan.changed:
                final = self.reader.read()
        views = final.views
        if self.module.check_mode:
            views = dict((color, dict(views[color], **after[color])) for color in views)
        elif plan.changed:
            after = diff_view(final.views)
        result["colors"] = colors_summary(views, final.split())
        result["drift"] = drift(final.views, DRIFT_SETTINGS)
        _warn(self.module, current.warnings, result["drift"])
        if self.module._diff:
            result["diff"] = dict(before=diff_view(current.views), after=after)
        return result

    def _wait(self, current, plan, result):
        params = self.params
        wait_slice = dict(wait_slice=params.get("wait_slice") or 0, started_at=params.get("wait_started"))
        try:
            progress = wait_for(self.api, self.poller, current.views, plan.wait, params["wait_timeout"], **wait_slice)
        except WaitFailed as error:
            final = self.reader.read()
            result["colors"] = colors_summary(final.views, final.split())
            result["drift"] = drift(final.views, DRIFT_SETTINGS)
            done = "the changes were made and are left in place" if result["changed"] else "nothing changed"
            raise ModuleFailure("%s; %s" % (error.msg, done), result) from error
        result.update(slice_result(progress))


def run_release(module):
    """The work of asg_bluegreen: the result, or InputError / Refusal (nothing written) / ModuleFailure."""
    return Release(module).run()


def describe_app(module, reader=None):
    """The work of asg_bluegreen_info: both colors, the live one and the drift between them; never writes."""
    params = module.params
    names = validate_app_options(params)
    reader = reader or AsgReader(params, names, api_for(module))
    current = reader.read()
    live = live_of(current, params)
    view = current.views[live.color] if live.color else None
    result = dict(
        changed=False,
        live_color=live.color,
        idle_color=live.idle,
        launch_template_version=view["launch_template_version"] if view else None,
        image_id=view["image_id"] if view else None,
        colors=colors_summary(current.views, current.split()),
        drift=drift(current.views, DRIFT_SETTINGS),
    )
    _warn(module, current.warnings, result["drift"])
    return result
