# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filter bluegreen.aws.app_settings: the one place where the app definition's variables are
converted (survey strings to numbers and booleans, blanks to defaults)."""

import json

from ansible.errors import AnsibleFilterError
from ansible.module_utils.parsing.convert_bool import BOOLEANS_FALSE, BOOLEANS_TRUE

PREFIX = "bluegreen_"


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _to_int(name, value):
    if isinstance(value, bool):
        raise AnsibleFilterError("%s must be an integer, got %s" % (name, json.dumps(value)))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise AnsibleFilterError("%s must be an integer, got %s" % (name, json.dumps(value, default=str)))


def _to_float(name, value):
    if isinstance(value, bool):
        raise AnsibleFilterError("%s must be a number, got %s" % (name, json.dumps(value)))
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise AnsibleFilterError("%s must be a number, got %s" % (name, json.dumps(value, default=str)))


def _to_bool(name, value):
    if isinstance(value, bool):
        return value
    key = value.strip().lower() if isinstance(value, str) else value
    if key in BOOLEANS_TRUE:
        return True
    if key in BOOLEANS_FALSE:
        return False
    raise AnsibleFilterError("%s must be true or false, got %s" % (name, json.dumps(value, default=str)))


def _to_list(name, value, elements):
    if isinstance(value, str):
        value = [item.strip() for item in value.replace("\n", ",").split(",") if item.strip()]
    if not isinstance(value, (list, tuple)):
        raise AnsibleFilterError("%s must be a list, got %s" % (name, json.dumps(value, default=str)))
    if elements == "int":
        return [_to_int("%s[%d]" % (name, index), item) for index, item in enumerate(value)]
    if elements == "str":
        return [str(item) for item in value]
    return list(value)


def _to_dict(name, value):
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            import yaml

            try:
                value = yaml.safe_load(value)
            except yaml.YAMLError:
                value = None
    if not isinstance(value, dict):
        raise AnsibleFilterError("%s must be a mapping, got %s" % (name, json.dumps(value, default=str)))
    return dict(value)


def convert(name, value, spec):
    kind = spec.get("type", "str")
    if kind == "int":
        value = _to_int(name, value)
    elif kind == "float":
        value = _to_float(name, value)
    elif kind == "bool":
        value = _to_bool(name, value)
    elif kind == "list":
        value = _to_list(name, value, spec.get("elements"))
    elif kind == "dict":
        value = _to_dict(name, value)
    elif kind in ("str", "path"):
        if isinstance(value, (dict, list)):
            raise AnsibleFilterError("%s must be a string, got %s" % (name, json.dumps(value, default=str)))
        value = str(value).strip()
    choices = spec.get("choices")
    if choices and value not in choices:
        raise AnsibleFilterError(
            "%s must be one of %s, got %s" % (name, ", ".join(str(choice) for choice in choices), json.dumps(value))
        )
    return value


def convert_all(raw, options, required=None):
    """``(settings, problems)``: ``{name without bluegreen_: converted value}`` for every option of
    ``options`` that converts, and one message for each that does not.

    ``required`` names variables that must be set although the spec does not require them
    (those a playbook needs beyond the shared definition).
    """
    required = set(required or [])
    if not isinstance(raw, dict) or not isinstance(options, dict):
        raise AnsibleFilterError("app_settings expects a dict of values and a dict of argument spec options")
    settings, problems = {}, []
    for name, spec in options.items():
        value = raw.get(name)
        key = name[len(PREFIX) :] if name.startswith(PREFIX) else name
        try:
            if _blank(value):
                if spec.get("required") or name in required:
                    raise AnsibleFilterError("%s is required and was not set" % name)
                default = spec.get("default")
                settings[key] = convert(name, default, spec) if default is not None else None
            else:
                settings[key] = convert(name, value, spec)
        except AnsibleFilterError as error:
            problems.append(error.message)
    return settings, problems


def app_settings(raw, options, required=None):
    """``{name without bluegreen_: converted value}`` for every option of ``options``; fails
    naming every variable that is missing or does not convert."""
    settings, problems = convert_all(raw, options, required)
    if problems:
        raise AnsibleFilterError("; ".join(problems))
    return settings


class FilterModule:
    def filters(self):
        return {"app_settings": app_settings}
