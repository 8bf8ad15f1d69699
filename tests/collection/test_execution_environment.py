"""The execution environment definitions, through ``ansible-builder`` (offline: it builds no image).

``execution-environment.yml`` holds the collection and its runtime requirements only;
``meta/execution-environment.yml`` makes ansible-builder add the collection's Python requirements to
any execution environment that installs it.
"""

import os
import subprocess

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEST_TOOLCHAIN = ("pytest", "moto", "ansible-lint", "molecule", "galaxy-importer", "ansible-runner", "ruff")


def requirement_lines(path):
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def builder(*args):
    return subprocess.run(["ansible-builder", *args], capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    """The build context that ``ansible-builder create`` writes."""
    path = tmp_path_factory.mktemp("context")
    definition = os.path.join(ROOT, "execution-environment.yml")
    result = builder("create", "--file", definition, "--context", str(path), "--output-filename", "Containerfile")
    assert result.returncode == 0, result.stdout + result.stderr
    return path


def test_the_build_context_installs_ansible_core_ansible_runner_and_the_collection(context):
    containerfile = (context / "Containerfile").read_text()
    definition = load_yaml(os.path.join(ROOT, "execution-environment.yml"))
    assert definition["version"] == 3
    assert 'ARG EE_BASE_IMAGE="%s"' % definition["images"]["base_image"]["name"] in containerfile
    assert "ansible-core" in containerfile and "ansible-runner" in containerfile
    assert "ansible-galaxy collection install" in containerfile


def test_the_collection_is_the_version_of_galaxy_yml(context):
    galaxy = load_yaml(os.path.join(ROOT, "galaxy.yml"))
    collections = load_yaml(context / "_build" / "requirements.yml")["collections"]
    assert collections == [{"name": "bluegreen.aws", "version": galaxy["version"]}]


def test_the_python_requirements_are_the_runtime_ones_and_no_test_tool(context):
    installed = requirement_lines(context / "_build" / "requirements.txt")
    assert installed == requirement_lines(os.path.join(ROOT, "requirements.txt"))
    for line in installed:
        assert not line.lower().startswith(TEST_TOOLCHAIN), line


def test_ansible_builder_finds_the_collections_python_requirements(tmp_path):
    namespace = tmp_path / "ansible_collections" / "bluegreen"
    namespace.mkdir(parents=True)
    (namespace / "aws").symlink_to(ROOT)
    result = builder("introspect", "--sanitize", str(tmp_path))
    assert result.returncode == 0, result.stderr
    found = yaml.safe_load(result.stdout.split("---", 1)[1])
    runtime = requirement_lines(os.path.join(ROOT, "requirements.txt"))
    expected = [line + "  # from collection bluegreen.aws" for line in runtime]
    assert found["python"] == expected
    assert load_yaml(os.path.join(ROOT, "meta", "execution-environment.yml"))["dependencies"] == {
        "python": "requirements.txt"
    }
