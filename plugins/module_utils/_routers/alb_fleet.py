# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of alb_fleet_switch: what alb_shift does, for many apps in one call, in threads.

Each app gets exactly alb_shift's work with its own options (checked against alb_shift's spec); the
call's AWS clients are shared. What one app runs into (a wrong option, a refusal, an AWS error) is
that app's result and never stops the others: the module itself fails only on its own options.
"""

from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from .._aws.common import AWS_FAILURES
from .._core.errors import InputError
from .._core.runner import SharedClients, WithOptions
from .alb import ALB_SHIFT_ARGUMENT_CONSTRAINTS, alb_shift_argument_spec, shift_listener

NAME = "name"


def switch_apps(module, switch=shift_listener):
    """Run ``switch`` (alb_shift's work) for every entry of the ``apps`` option; the results by app name."""
    apps = module.params["apps"]
    names = _names(apps)
    workers = module.params["workers"]
    if workers < 1:
        raise InputError("workers must be 1 or more, got %d" % workers)
    validator = ArgumentSpecValidator(alb_shift_argument_spec(), **ALB_SHIFT_ARGUMENT_CONSTRAINTS)
    shared = SharedClients(module)

    def switch_one(app):
        checked = validator.validate({option: value for option, value in app.items() if option != NAME})
        if checked.error_messages:
            return dict(failed=True, msg="; ".join(checked.error_messages))
        try:
            return switch(WithOptions(shared, checked.validated_parameters))
        except AWS_FAILURES as error:
            return dict(getattr(error, "result", None) or {}, failed=True, msg=_message(error))

    results = []
    if apps:
        with ThreadPoolExecutor(max_workers=min(workers, len(apps))) as pool:
            results = list(pool.map(switch_one, apps))
    switches = dict(zip(names, results, strict=True))
    return dict(
        changed=any(result.get("changed") for result in results),
        switches=switches,
        failed_apps=[name for name in names if switches[name].get("failed")],
    )


def _names(apps):
    names = []
    for index, app in enumerate(apps):
        name = app.get(NAME)
        if not isinstance(name, str) or not name:
            raise InputError("apps[%d].name is needed (a non-empty string), got %r" % (index, name))
        if name in names:
            raise InputError("apps[%d].name: %s is the name of another app too; each name is one app" % (index, name))
        names.append(name)
    return names


def _message(error):
    return getattr(error, "msg", None) or getattr(error, "message", None) or str(error)
