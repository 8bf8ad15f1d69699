# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Pure reading and rewriting of an ALB listener's (or rule's) forward action.

Actions are the dicts of the ELBv2 API (DescribeListeners ``DefaultActions``,
DescribeRules ``Actions``). Nothing here talks to AWS.
"""

import copy

from .._core.colors import ALB_MAX_WEIGHT, split_from_weights
from .._core.errors import InputError


def forward_index(actions, where):
    """Index of the single forward action in ``actions``."""
    indexes = [index for index, action in enumerate(actions) if action.get("Type") == "forward"]
    if len(indexes) != 1:
        raise InputError("%s has %d forward actions; alb_shift needs exactly one" % (where, len(indexes)))
    return indexes[0]


def forward_weights(action):
    """``{target group arn: weight}`` of a forward action, in either of its forms."""
    groups = (action.get("ForwardConfig") or {}).get("TargetGroups")
    if groups:
        # AWS omits Weight in some answers for a single target group; it means 1.
        return dict((group["TargetGroupArn"], group.get("Weight", 1)) for group in groups)
    if action.get("TargetGroupArn"):
        return {action["TargetGroupArn"]: 1}
    return {}


def read_split(actions, target_groups, where):
    """The current split between ``target_groups`` (``{color: arn}``).

    Fails when the forward action also sends to a third target group: the
    module never drops one silently.
    """
    weights = forward_weights(actions[forward_index(actions, where)])
    others = sorted(set(weights) - set(target_groups.values()))
    if others:
        raise InputError(
            "%s forwards to target groups other than blue and green: %s; "
            "remove them first, alb_shift never drops a target group" % (where, ", ".join(others))
        )
    return split_from_weights(
        dict((color, weights.get(arn, 0)) for color, arn in target_groups.items()),
        ALB_MAX_WEIGHT,
    )


def read_stickiness(actions, where):
    """Seconds of stickiness on the forward action; 0 when disabled."""
    config = (actions[forward_index(actions, where)].get("ForwardConfig") or {}).get(
        "TargetGroupStickinessConfig"
    ) or {}
    return int(config.get("DurationSeconds") or 0) if config.get("Enabled") else 0


def stickiness_config(seconds):
    if seconds:
        return {"Enabled": True, "DurationSeconds": seconds}
    return {"Enabled": False}


def with_split(actions, target_groups, split, stickiness, where):
    """A copy of ``actions`` ready for ModifyListener/ModifyRule.

    The forward action gets the weighted form with ``split`` (weights summing
    to 100) and ``stickiness`` seconds (None: as it is). Every other action is
    kept as it is, except that authenticate-oidc keeps its existing client
    secret, which DescribeListeners never returns.
    """
    result = copy.deepcopy(actions)
    index = forward_index(result, where)
    forward = result[index]
    config = forward.get("ForwardConfig") or {}
    new_config = {
        "TargetGroups": [
            {"TargetGroupArn": target_groups[color], "Weight": split[color]} for color in ("blue", "green")
        ]
    }
    if stickiness is not None:
        new_config["TargetGroupStickinessConfig"] = stickiness_config(stickiness)
    elif config.get("TargetGroupStickinessConfig"):
        new_config["TargetGroupStickinessConfig"] = config["TargetGroupStickinessConfig"]
    forward.pop("TargetGroupArn", None)
    forward["ForwardConfig"] = new_config
    for action in result:
        oidc = action.get("AuthenticateOidcConfig")
        if oidc is not None and "ClientSecret" not in oidc:
            oidc["UseExistingClientSecret"] = True
    return result
