# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filter bluegreen.aws.app_hosts: the host pattern a playbook of the collection targets, from
bluegreen_hosts as a user or an AWX survey gives it."""

from ansible.errors import AnsibleFilterError

DEFAULT = "localhost"


def app_hosts(value):
    """``value`` as a host pattern: blank or null is ``localhost``; a list (an AWX multiple-choice
    answer) or a text of one pattern per line becomes one comma-separated pattern."""
    if value is None:
        return DEFAULT
    if isinstance(value, str):
        parts = value.splitlines()
    elif isinstance(value, (list, tuple)):
        parts = value
    else:
        raise AnsibleFilterError("bluegreen_hosts must be a host pattern or a list of them, got %r" % (value,))
    patterns = [str(part).strip() for part in parts if part is not None and str(part).strip()]
    return ",".join(patterns) or DEFAULT


class FilterModule:
    def filters(self):
        return {"app_hosts": app_hosts}
