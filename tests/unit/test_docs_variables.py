"""The variable references in the docs match the argument specs they document.

``docs/variables.md`` (and the tables of the role READMEs) list every variable with its type, default
and choices. These tests read the specs (``meta/argument_specs.yml``) and the markdown tables and fail
when a variable is missing or extra, or when its type, default or choices differ, so the docs cannot
drift from the code.

Cell formats (see docs/variables.md):

- type: ``str``, ``int``, ``bool``, ``dict``, ``path``, ``list of str``, ``list of int``;
- default: the spec's default as one backticked YAML value (`` `80` ``, `` `[]` ``, `` `/` ``);
  ``required`` for a variable the spec requires; ``required for <playbook>, ...`` for one that the
  role ``bluegreen.aws.app`` requires for those playbooks only (``REQUIRED`` of the filter app_definition); text
  starting with ``unset`` for a variable with no default;
- choices: backticked values separated by commas, or ``-``.
"""

import os
import re

import pytest
import yaml

from ansible_collections.bluegreen.aws.plugins.filter.app_definition import RELEASE_ARTIFACT, REQUIRED

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
APP_SPEC = os.path.join(ROOT, "roles", "app", "meta", "argument_specs.yml")
VARIABLES_DOC = os.path.join(ROOT, "docs", "variables.md")


def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def spec_options(role, entry_point="main"):
    specs = load_yaml(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml"))
    return specs["argument_specs"][entry_point]["options"]


def cells(line):
    """The cells of one markdown table row (no escaped pipes in these tables)."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def tables(path):
    """Every table of a markdown file: a list of (header, rows), each row a list of cells."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    found = []
    index = 0
    while index < len(lines):
        if lines[index].startswith("|") and index + 1 < len(lines) and re.match(r"^\|[\s:|-]+\|$", lines[index + 1]):
            header = [cell.lower() for cell in cells(lines[index])]
            rows = []
            index += 2
            while index < len(lines) and lines[index].startswith("|"):
                rows.append(cells(lines[index]))
                index += 1
            found.append((header, rows))
        else:
            index += 1
    return found


def documented(path, prefix):
    """``{variable: row}`` from the tables of ``path`` that have variable, type, default and choices columns.

    Only rows whose variable starts with ``prefix`` count; a variable listed twice fails.
    """
    rows = {}
    for header, table in tables(path):
        if not {"variable", "type", "default", "choices"} <= set(header):
            continue
        for cells_of_row in table:
            assert len(cells_of_row) == len(header), "%s: a row has %d cells, the header %d: %s" % (
                path,
                len(cells_of_row),
                len(header),
                " | ".join(cells_of_row),
            )
            row = dict(zip(header, cells_of_row, strict=True))
            name = row["variable"].strip("`")
            if not name.startswith(prefix):
                continue
            assert name not in rows, "%s lists %s twice" % (path, name)
            rows[name] = row
    return rows


def type_text(spec):
    kind = spec.get("type", "str")
    if kind == "list":
        return "list of %s" % spec.get("elements", "raw")
    return kind


def choices_text(spec):
    choices = spec.get("choices")
    return ", ".join("`%s`" % choice for choice in choices) if choices else "-"


def default_problem(spec, cell, required_for):
    """None when the default cell says what the spec (and app_required) say, else what differs."""
    if spec.get("required"):
        return None if cell == "required" else "the spec requires it: the default cell must be `required`"
    if required_for:
        wanted = "required for %s" % ", ".join(sorted(required_for))
        return None if cell == wanted else "the app role requires it for some playbooks: %r expected" % wanted
    if "default" not in spec or spec["default"] is None:
        return None if cell.startswith("unset") else "no default in the spec: the cell must start with 'unset'"
    match = re.fullmatch(r"`([^`]*)`", cell)
    if not match:
        return "the default must be one backticked value, got %r" % cell
    value = yaml.safe_load(match.group(1))
    if value != spec["default"] or type(value) is not type(spec["default"]):
        return "default %r in the spec, %r in the doc" % (spec["default"], value)
    return None


def compare(path, options, prefix, required_for=None):
    """Every difference between the tables of ``path`` and the spec ``options``."""
    required_for = required_for or {}
    rows = documented(path, prefix)
    problems = []
    for name in sorted(set(options) - set(rows)):
        problems.append("%s is in the argument spec but not in %s" % (name, path))
    for name in sorted(set(rows) - set(options)):
        problems.append("%s is in %s but not in the argument spec" % (name, path))
    for name in sorted(set(options) & set(rows)):
        spec, row = options[name], rows[name]
        if row["type"] != type_text(spec):
            problems.append("%s: type %r in the spec, %r in the doc" % (name, type_text(spec), row["type"]))
        if row["choices"] != choices_text(spec):
            problems.append("%s: choices %r in the spec, %r in the doc" % (name, choices_text(spec), row["choices"]))
        problem = default_problem(spec, row["default"], required_for.get(name, set()))
        if problem:
            problems.append("%s: %s" % (name, problem))
    return problems


def app_required_for():
    """``{variable: {playbook, ...}}``: what bluegreen.aws.app requires beyond the spec, by entry point."""
    required = {}
    for entry_point, names in REQUIRED.items():
        for name in names:
            required.setdefault(name, set()).add(entry_point)
    # What a deploy puts on the idle color is required by deploy, on its platform.
    for name in RELEASE_ARTIFACT.values():
        required.setdefault(name, set()).add("deploy")
    return required


def test_the_app_spec_entry_points_share_one_set_of_options():
    specs = load_yaml(APP_SPEC)["argument_specs"]
    main = specs["main"]["options"]
    for entry_point, spec in specs.items():
        assert spec["options"] == main, "entry point %s has other options than main" % entry_point


def test_variables_md_matches_the_app_argument_spec():
    problems = compare(VARIABLES_DOC, spec_options("app"), "bluegreen_", app_required_for())
    assert not problems, "\n".join(problems)


def test_the_app_role_readme_matches_its_argument_spec():
    path = os.path.join(ROOT, "roles", "app", "README.md")
    problems = compare(path, spec_options("app"), "bluegreen_", app_required_for())
    assert not problems, "\n".join(problems)


def test_the_verify_role_readme_matches_its_argument_spec():
    path = os.path.join(ROOT, "roles", "verify", "README.md")
    problems = compare(path, spec_options("verify"), "verify_")
    assert not problems, "\n".join(problems)


def test_every_playbook_named_in_variables_md_exists():
    playbooks = {name[: -len(".yml")] for name in os.listdir(os.path.join(ROOT, "playbooks"))}
    for name, row in documented(VARIABLES_DOC, "bluegreen_").items():
        for playbook in re.findall(r"`([a-z_]+)`", row.get("playbooks", "")):
            assert playbook in playbooks, "%s names a playbook %s that does not exist" % (name, playbook)


# The checker itself: a drifted table must fail.
SPEC = {
    "bluegreen_app": {"type": "str", "required": True},
    "bluegreen_port": {"type": "int", "default": 80},
    "bluegreen_mode": {"type": "str", "choices": ["a", "b"], "default": "a"},
    "bluegreen_steps": {"type": "list", "elements": "int"},
    "bluegreen_vpc_id": {"type": "str"},
}
HEADER = "| variable | type | default | choices | meaning |\n| --- | --- | --- | --- | --- |\n"
GOOD_ROWS = [
    "| `bluegreen_app` | str | required | - | name |",
    "| `bluegreen_port` | int | `80` | - | port |",
    "| `bluegreen_mode` | str | `a` | `a`, `b` | mode |",
    "| `bluegreen_steps` | list of int | unset (from the shift) | - | steps |",
    "| `bluegreen_vpc_id` | str | required for provision | - | VPC |",
]


def run_compare(tmp_path, rows):
    path = tmp_path / "doc.md"
    path.write_text("# Doc\n\n" + HEADER + "\n".join(rows) + "\n")
    return compare(str(path), SPEC, "bluegreen_", {"bluegreen_vpc_id": {"provision"}})


def test_the_checker_accepts_a_matching_table(tmp_path):
    assert run_compare(tmp_path, GOOD_ROWS) == []


@pytest.mark.parametrize(
    "index, row, fragment",
    [
        (0, "| `bluegreen_app` | str | `shop` | - | name |", "requires it"),
        (1, "| `bluegreen_port` | str | `80` | - | port |", "type 'int' in the spec"),
        (1, "| `bluegreen_port` | int | `8080` | - | port |", "default 80"),
        (1, '| `bluegreen_port` | int | `"80"` | - | port |', "default 80"),
        (2, "| `bluegreen_mode` | str | `a` | `a` | mode |", "choices"),
        (3, "| `bluegreen_steps` | list of str | unset | - | steps |", "type 'list of int'"),
        (3, "| `bluegreen_steps` | list of int | `[]` | - | steps |", "must start with 'unset'"),
        (4, "| `bluegreen_vpc_id` | str | unset | - | VPC |", "required for provision"),
        (4, "| `bluegreen_vpc_idx` | str | unset | - | VPC |", "not in the argument spec"),
    ],
)
def test_the_checker_finds_a_drifted_row(tmp_path, index, row, fragment):
    rows = list(GOOD_ROWS)
    rows[index] = row
    problems = run_compare(tmp_path, rows)
    assert any(fragment in problem for problem in problems), problems


def test_the_checker_finds_a_missing_row(tmp_path):
    problems = run_compare(tmp_path, GOOD_ROWS[1:])
    assert problems == ["bluegreen_app is in the argument spec but not in %s" % (tmp_path / "doc.md")]
