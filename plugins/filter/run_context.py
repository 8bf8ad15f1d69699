# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filter bluegreen.aws.run_context: who runs a release and from which AWX job, from the variables
AWX (and Ansible Tower before it) passes to every job."""

from ansible.errors import AnsibleFilterError

# What the context holds, each from the AWX variable or, failing that, its Tower name.
FIELDS = {
    "user": ("awx_user_name", "tower_user_name"),
    "awx_job_id": ("awx_job_id", "tower_job_id"),
    "awx_job_template_name": ("awx_job_template_name", "tower_job_template_name"),
    "awx_workflow_job_id": ("awx_workflow_job_id", "tower_workflow_job_id"),
}
IDS = ("awx_job_id", "awx_workflow_job_id")


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _first(variables, names):
    for name in names:
        value = variables.get(name)
        if not _blank(value):
            return value
    return None


def _job_id(field, value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if not text.isdigit():
        raise AnsibleFilterError("%s must be a job number, got %r" % (field, value))
    return int(text)


def run_context(variables):
    """``{user, awx_job_id, awx_job_template_name, awx_workflow_job_id}``, only the fields that are set.

    Outside AWX the result is empty: the release state modules then record the local user and host.
    """
    if not isinstance(variables, dict):
        raise AnsibleFilterError("run_context expects a dict of variables, got %s" % type(variables).__name__)
    context = {}
    for field, names in FIELDS.items():
        value = _first(variables, names)
        if value is None:
            continue
        context[field] = _job_id(names[0], value) if field in IDS else str(value).strip()
    return context


class FilterModule:
    def filters(self):
        return {"run_context": run_context}
