# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of release_status_info: what the status of an app shows, read in one run.

It is the work of three modules in one process (each module run pays for Python, Ansible's and
boto3's imports and its clients): alb_shift_info (the listeners), ecs_bluegreen_info or
asg_bluegreen_info (the colors) and release_history_info (the newest records).
"""

from .._aws.common import AWS_FAILURES
from .._core.errors import InputError
from .._core.runner import WithOptions
from .._envs import asg_options, ecs_options
from .._routers.alb_reader import READER_ARGUMENT_SPEC, read_listeners, validate_reader_options
from . import history
from .history_work import HISTORY_INFO_ARGUMENT_SPEC, history_info
from .options import validate_state_options


def _options_of(spec, names):
    """The options ``names`` of another module's spec, as they are there."""
    return {name: spec[name] for name in names}


# Each part takes the options of its own module (the app comes from the option app).
STATUS_ARGUMENT_SPEC = dict(
    app=dict(type="str", required=True),
    alb=dict(type="dict", required=True, options=READER_ARGUMENT_SPEC),
    ecs=dict(type="dict", options=_options_of(ecs_options.APP_ARGUMENT_SPEC, ("cluster", "strategy"))),
    ec2=dict(
        type="dict",
        options=_options_of(asg_options.APP_ARGUMENT_SPEC, ("blue_group", "green_group", "launch_template")),
    ),
    history=dict(type="dict", options=_options_of(HISTORY_INFO_ARGUMENT_SPEC, ("table", "count"))),
)
STATUS_MUTUALLY_EXCLUSIVE = [("ecs", "ec2")]
STATUS_REQUIRED_ONE_OF = [("ecs", "ec2")]


def read_status(module):
    """The listeners, the colors and (option ``history``) the newest records; every option checked first."""
    params = module.params
    alb, platform, describe, given_history = _parts(params)
    result = dict(changed=False)
    result["alb"] = _without_changed(read_listeners(WithOptions(module, alb)))
    result["platform"] = _without_changed(describe(WithOptions(module, platform)))
    if given_history is not None:
        result.update(_read_history(module, given_history))
    return result


def _parts(params):
    """The options of each part, as its own module takes them, checked before any call."""
    alb = dict(params["alb"])
    validate_reader_options(alb)
    if params.get("ecs") is not None:
        platform = dict(dict.fromkeys(ecs_options.APP_ARGUMENT_SPEC), **params["ecs"])
        platform["app"] = params["app"]
        ecs_options.validate_app_options(platform)
        # Imported here: a run imports the code of its own platform only.
        from .._envs.ecs_release import describe_app as describe
    else:
        platform = dict(dict.fromkeys(asg_options.APP_ARGUMENT_SPEC), **params["ec2"])
        platform["app"] = params["app"]
        asg_options.validate_app_options(platform)
        from .._envs.asg_release import describe_app as describe
    given_history = params.get("history")
    if given_history is not None:
        given_history = dict(given_history, app=params["app"])
        try:
            validate_state_options(given_history)
            history.check_count(given_history["count"])
        except InputError as error:
            raise InputError("history: %s" % error.msg) from None
    return alb, platform, describe, given_history


def _read_history(module, given):
    """The newest records; a history that cannot be read (no table yet) is reported, not failed."""
    try:
        return dict(history=history_info(WithOptions(module, given))["records"])
    except AWS_FAILURES as error:
        return dict(history=None, history_error=getattr(error, "msg", None) or str(error))


def _without_changed(result):
    return {key: value for key, value in result.items() if key != "changed"}
