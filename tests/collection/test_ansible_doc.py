"""``ansible-doc`` renders the documentation of every module, role and filter of the collection."""

import json
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def names(directory, suffix):
    return sorted(
        "bluegreen.aws." + name[: -len(suffix)]
        for name in os.listdir(os.path.join(ROOT, directory))
        if name.endswith(suffix) and not name.startswith("_")
    )


PLUGINS = {
    "module": names("plugins/modules", ".py"),
    "filter": names("plugins/filter", ".yml"),
    "role": sorted("bluegreen.aws." + name for name in os.listdir(os.path.join(ROOT, "roles"))),
}


def ansible_doc(*args):
    return subprocess.run(["ansible-doc", *args], capture_output=True, text=True, check=False, timeout=300)


@pytest.mark.parametrize("kind", sorted(PLUGINS))
def test_ansible_doc_renders_every_plugin_and_role_as_text(kind):
    result = ansible_doc("-t", kind, *PLUGINS[kind])
    assert result.returncode == 0, result.stderr
    assert "ERROR" not in result.stderr, result.stderr
    for name in PLUGINS[kind]:
        assert name in result.stdout, "ansible-doc -t %s printed nothing for %s" % (kind, name)


@pytest.mark.parametrize("kind", sorted(PLUGINS))
def test_every_plugin_and_role_documents_a_description_and_its_options(kind):
    result = ansible_doc("-t", kind, "--json", *PLUGINS[kind])
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert sorted(docs) == PLUGINS[kind]
    for name, entry in docs.items():
        if kind == "role":
            entry_points = entry["entry_points"]
            assert entry_points, name
            for point, doc in entry_points.items():
                assert doc["short_description"] and "options" in doc, (name, point)
        else:
            doc = entry["doc"]
            assert doc["short_description"] and doc["description"], name
            assert doc.get("options") is not None, name
            assert entry["examples"], "%s has no examples" % name
