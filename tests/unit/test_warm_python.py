"""The tests' warm interpreter runs a module as ``python FILE`` does, and as ``python`` alone does
with the module on its standard input (Ansible's pipelining)."""

import os
import subprocess
import sys

import pytest

sys.path.insert(
    0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "scripts")
)
import warm_python  # noqa: E402

SCRIPT = "import sys\nprint('ran', sys.argv)\nsys.exit(3)\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = str(tmp_path_factory.mktemp("warm"))
    path = warm_python.start(folder)
    yield path
    warm_python.stop(folder)


def test_a_file_runs_with_its_arguments(client, tmp_path):
    script = tmp_path / "module.py"
    script.write_text(SCRIPT)
    done = subprocess.run([client, str(script), "args"], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout) == (3, "ran ['%s', 'args']\n" % script)


def test_a_script_on_standard_input_runs_as_python_alone_runs_it(client):
    done = subprocess.run([client], input=SCRIPT, capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout) == (3, "ran ['']\n")
