"""The AWX / Automation Platform configuration (extensions/patterns/bluegreen) matches the code.

Each job template runs a playbook that exists and imports the collection's playbook of the same name;
each survey question sets a variable of the argument spec that playbook validates, with a survey type
and choices the spec accepts; the release workflow is deploy (no promotion), approval, promote, and
rollback on the failure of promote. So the configuration cannot drift from the playbooks.
"""

import json
import os
import re

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PATTERN = os.path.join(ROOT, "extensions", "patterns", "bluegreen")
CONTROLLER = os.path.join(PATTERN, "controller")
PLAYBOOKS = ("provision", "deploy", "promote", "verify", "rollback", "status", "scale_down")
SURVEY_TYPES = {"text", "textarea", "password", "integer", "float", "multiplechoice", "multiselect"}


def load_yaml(*parts):
    with open(os.path.join(*parts), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_json(*parts):
    with open(os.path.join(*parts), encoding="utf-8") as handle:
        return json.load(handle)


TEMPLATES = load_yaml(CONTROLLER, "job_templates.yml")["controller_templates"]
WORKFLOW = load_yaml(CONTROLLER, "workflows.yml")["controller_workflows"][0]
APP_SPECS = load_yaml(ROOT, "roles", "app", "meta", "argument_specs.yml")["argument_specs"]


def playbook_name(template):
    return os.path.splitext(os.path.basename(template["playbook"]))[0]


def survey_file(definition):
    """The survey file a template or workflow loads (its survey_spec is a lookup of surveys/<name>.json)."""
    match = re.search(r"/surveys/([a-z_]+\.json)'", definition["survey_spec"])
    assert match, "survey_spec of %s does not load a file of surveys/" % definition["name"]
    return match.group(1)


def entry_point(playbook):
    """The app role's argument spec entry point the collection's playbook validates against."""
    plays = load_yaml(ROOT, "playbooks", playbook + ".yml")
    for task in plays[0]["tasks"]:
        if task.get("ansible.builtin.import_role", {}).get("name") == "bluegreen.aws.app":
            return task["vars"]["app_entry_point"]
    raise AssertionError("playbooks/%s.yml does not validate the app definition" % playbook)


def check_question(question, options, where):
    variable = question["variable"]
    assert variable in options, "%s asks for %s, which no argument spec option has" % (where, variable)
    spec = options[variable]
    kind = spec.get("type", "str")
    assert question["type"] in SURVEY_TYPES, where
    assert question["question_name"] and isinstance(question["required"], bool), where
    if question["type"] == "integer":
        assert kind == "int", "%s: %s is an integer question but a %s" % (where, variable, kind)
    elif question["type"] == "multiplechoice":
        allowed = ["true", "false"] if kind == "bool" else [str(choice) for choice in spec.get("choices", [])]
        assert allowed and set(question["choices"]) <= set(allowed), (where, variable, question["choices"])
    else:
        assert kind in ("str", "path"), "%s: %s is a %s question but a %s" % (where, variable, question["type"], kind)


def test_one_job_template_per_playbook():
    assert sorted(playbook_name(template) for template in TEMPLATES) == sorted(PLAYBOOKS)
    assert sorted(template["name"] for template in TEMPLATES) == sorted("bluegreen " + name for name in PLAYBOOKS)


@pytest.mark.parametrize("template", TEMPLATES, ids=playbook_name)
def test_each_template_runs_the_collection_playbook_of_its_name(template):
    name = playbook_name(template)
    path = os.path.join(ROOT, template["playbook"])
    assert os.path.isfile(path), "%s runs %s, which does not exist" % (template["name"], template["playbook"])
    assert load_yaml(path)[0]["ansible.builtin.import_playbook"] == "bluegreen.aws." + name
    assert os.path.isfile(os.path.join(ROOT, "playbooks", name + ".yml"))


@pytest.mark.parametrize("template", TEMPLATES, ids=playbook_name)
def test_each_template_runs_alone_with_the_aws_credential_and_a_survey(template):
    assert template["allow_simultaneous"] is False
    assert template["credentials"] == ["{{ bluegreen_controller_credential }}"]
    assert template["survey_enabled"] is True
    assert survey_file(template) == playbook_name(template) + ".json"


@pytest.mark.parametrize("template", TEMPLATES, ids=playbook_name)
def test_each_survey_question_sets_a_variable_of_the_playbooks_argument_spec(template):
    name = playbook_name(template)
    options = APP_SPECS[entry_point(name)]["options"]
    survey = load_json(CONTROLLER, "surveys", survey_file(template))
    assert survey["spec"], "the survey of %s asks nothing" % template["name"]
    assert survey["spec"][0]["variable"] == "bluegreen_app" and survey["spec"][0]["required"] is True
    for question in survey["spec"]:
        check_question(question, options, "survey of %s" % template["name"])


def test_the_credential_is_of_the_aws_credential_type():
    credentials = load_yaml(CONTROLLER, "credentials.yml")["controller_credentials"]
    assert [credential["credential_type"] for credential in credentials] == ["Amazon Web Services"]
    assert credentials[0]["name"] == "{{ bluegreen_controller_credential }}"


def test_the_release_workflow_deploys_waits_for_an_approval_promotes_and_rolls_back_on_failure():
    nodes = {node["identifier"]: node for node in WORKFLOW["workflow_nodes"]}
    templates = {template["name"] for template in TEMPLATES}

    def follows(identifier, kind):
        return [link["identifier"] for link in nodes[identifier].get("related", {}).get(kind, [])]

    assert nodes["deploy"]["unified_job_template"]["name"] == "bluegreen deploy"
    assert nodes["deploy"]["extra_data"] == {"bluegreen_auto_promote": False}
    assert follows("deploy", "success_nodes") == ["approve"]
    assert nodes["approve"]["unified_job_template"]["type"] == "workflow_approval"
    assert follows("approve", "success_nodes") == ["promote"]
    assert nodes["promote"]["unified_job_template"]["name"] == "bluegreen promote"
    assert follows("promote", "failure_nodes") == ["rollback"]
    assert nodes["rollback"]["unified_job_template"]["name"] == "bluegreen rollback"
    for node in nodes.values():
        job = node["unified_job_template"]
        assert job["type"] == "workflow_approval" or job["name"] in templates, job
    assert WORKFLOW["allow_simultaneous"] is False


def test_the_workflow_survey_sets_variables_of_deploy_and_leaves_promotion_to_the_approval():
    survey = load_json(CONTROLLER, "surveys", survey_file(WORKFLOW))
    variables = [question["variable"] for question in survey["spec"]]
    assert "bluegreen_auto_promote" not in variables
    for question in survey["spec"]:
        check_question(question, APP_SPECS["deploy"]["options"], "survey of the release workflow")


def test_the_deploy_survey_can_receive_the_workflows_auto_promote():
    survey = load_json(CONTROLLER, "surveys", "deploy.json")
    assert "bluegreen_auto_promote" in [question["variable"] for question in survey["spec"]]


def test_the_loader_playbook_of_the_readme_reads_every_configuration_file():
    with open(os.path.join(PATTERN, "README.md"), encoding="utf-8") as handle:
        loader = yaml.safe_load(re.search(r"```yaml\n(.*?)```", handle.read(), re.S).group(1))[0]
    files = sorted("controller/" + name for name in os.listdir(CONTROLLER) if name.endswith(".yml"))
    assert sorted(loader["vars_files"]) == files
    assert loader["roles"] == ["infra.aap_configuration.dispatch"]


def test_the_pattern_metadata_lists_the_job_templates_with_deploy_as_primary():
    pattern = load_json(PATTERN, "meta", "pattern.json")
    listed = pattern["aap_resources"]["controller_job_templates"]
    assert [(item["name"], item["playbook"]) for item in listed] == [
        (template["name"], os.path.basename(template["playbook"])) for template in TEMPLATES
    ]
    assert [item["name"] for item in listed if item.get("primary")] == ["bluegreen deploy"]
