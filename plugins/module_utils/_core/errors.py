# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The failures every bluegreen module reports, each with its partial result.

The module runner (``runner.run_module``) turns any of them into
``fail_json(msg=error.msg, **error.result)``.
"""


class BlueGreenError(Exception):
    """A failure with a message for a person and the return values as far as the run got."""

    def __init__(self, msg, result=None):
        super().__init__(msg)
        self.msg = msg
        self.result = dict(result or {})


class InputError(BlueGreenError):
    """An input that is wrong: the message names the option and the value. Nothing was written."""


class Refusal(BlueGreenError):
    """A valid request that would do harm (for example a deploy onto the color that receives
    traffic). The message says what to do instead. Nothing was written."""


class ModuleFailure(BlueGreenError):
    """The run failed after it started working (a stopped shift, a wait that gave up).

    ``result`` holds what was found, what was written and whether it was rolled back.
    """
