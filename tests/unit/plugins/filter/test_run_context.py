"""The run context: who launched the job and which AWX job, for the release lock and history."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.bluegreen.aws.plugins.filter.run_context import run_context


def test_an_awx_job_gives_its_user_job_template_and_workflow():
    variables = {
        "awx_user_name": "alice",
        "awx_job_id": 4242,
        "awx_job_template_name": "bluegreen deploy",
        "awx_workflow_job_id": "4240",
        "bluegreen_app": "shop",
    }
    assert run_context(variables) == {
        "user": "alice",
        "awx_job_id": 4242,
        "awx_job_template_name": "bluegreen deploy",
        "awx_workflow_job_id": 4240,
    }


def test_the_tower_names_count_when_the_awx_names_are_unset_or_blank():
    variables = {"awx_user_name": "", "tower_user_name": "bob", "awx_job_id": None, "tower_job_id": "17"}
    assert run_context(variables) == {"user": "bob", "awx_job_id": 17}


def test_the_awx_names_win_over_the_tower_names():
    variables = {"awx_user_name": "alice", "tower_user_name": "bob", "awx_job_id": 5, "tower_job_id": 6}
    assert run_context(variables) == {"user": "alice", "awx_job_id": 5}


def test_outside_awx_the_context_is_empty():
    assert run_context({"awx_job_id": "", "awx_user_name": None, "bluegreen_app": "shop"}) == {}


@pytest.mark.parametrize("job_id", ["abc", "12a", True])
def test_a_job_id_that_is_not_a_number_fails_naming_the_variable(job_id):
    with pytest.raises(AnsibleFilterError, match="^awx_job_id must be a job number"):
        run_context({"awx_job_id": job_id})


def test_the_input_must_be_a_dict():
    with pytest.raises(AnsibleFilterError, match="expects a dict"):
        run_context(["awx_job_id"])
