# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The alarm gate that every traffic shift checks before, during and after each step."""

from .errors import InputError


class AlarmGate:
    """The state of a fixed set of CloudWatch alarms.

    ``read_states(names)`` returns ``{alarm name: state value}`` for the alarms
    that exist (see ``_aws.cloudwatch.alarm_states``); with no alarms the gate
    never calls it.
    """

    def __init__(self, read_states, names):
        self.read_states = read_states
        self.names = list(names or [])

    def validate(self):
        """Fail (InputError naming ``alarms``) when an alarm does not exist."""
        if not self.names:
            return
        found = self.read_states(self.names)
        missing = [name for name in self.names if name not in found]
        if missing:
            raise InputError("alarms: no CloudWatch alarm named %s" % ", ".join(missing))

    def in_alarm(self):
        """Names of the alarms currently in the ALARM state, sorted."""
        if not self.names:
            return []
        return sorted(name for name, state in self.read_states(self.names).items() if state == "ALARM")
