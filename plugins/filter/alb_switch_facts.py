# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filter bluegreen.aws.alb_switch_facts: what the release role keeps of a switch on the
router alb (the result of alb_shift, or of one app of alb_fleet_switch)."""

from ansible.errors import AnsibleFilterError

COLORS = ("blue", "green")


def alb_switch_facts(result):
    """``{fact name: value}`` for a switch result: ``release_switch`` (the result itself),
    ``release_traffic`` (the split after, the live color, the listener, the DNS name),
    ``release_state`` (the split before and the color that was live), ``release_target`` (the color
    switched to), ``release_colors`` (the releases the marks tell, when returned) and ``wrote``
    (whether the split changed). A failed switch gives only ``release_quick_failure``, its message.
    """
    if not isinstance(result, dict):
        raise AnsibleFilterError("alb_switch_facts expects a switch result (a dict), got %r" % (result,))
    if result.get("failed"):
        return {"release_quick_failure": result.get("msg") or "the switch failed"}
    before, after = result["before"], result["after"]
    facts = {
        "release_switch": result,
        "release_traffic": {
            "split": after,
            "live_color": result.get("live_color"),
            "listener_arn": result.get("listener_arn"),
            "dns_name": result.get("dns_name"),
        },
        "release_state": {"split": before, "live": next((color for color in COLORS if before.get(color) == 100), None)},
        "wrote": before != after,
    }
    if result.get("shifted_to"):
        facts["release_target"] = result["shifted_to"]
    if result.get("releases") is not None:
        facts["release_colors"] = result["releases"]
    return facts


class FilterModule:
    def filters(self):
        return {"alb_switch_facts": alb_switch_facts}
