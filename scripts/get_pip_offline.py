"""Offline stand-in for get-pip.py, used by scripts/sanity.sh.

ansible-test bootstraps pip in the empty virtual environments it creates by
running a cached get-pip.py through its quiet_pip.py wrapper (in-process, with
runpy), roughly as:

    GET_PIP=<this file> python quiet_pip.py --disable-pip-version-check \
        pip==<version> --no-setuptools --no-wheel

Like the real get-pip.py this turns its arguments into
`pip install --upgrade --force-reinstall <args> pip [setuptools] [wheel]`,
but it takes the first pip from the interpreter's bundled wheel (ensurepip)
instead of a copy embedded in the script, so it needs no download.
"""

import argparse
import importlib
import runpy
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--no-setuptools", action="store_true")
    parser.add_argument("--no-wheel", action="store_true")
    options, args = parser.parse_known_args(sys.argv[1:])
    args.append("pip")
    if not options.no_setuptools:
        args.append("setuptools")
    if not options.no_wheel:
        args.append("wheel")

    # A child process: in-process ensurepip would leave PIP_CONFIG_FILE=/dev/null
    # behind and hide the machine's pip configuration (index, certificates).
    subprocess.run([sys.executable, "-m", "ensurepip", "--upgrade"], check=True)
    importlib.invalidate_caches()
    # Run pip in this process so quiet_pip.py's log filters still apply; its
    # SystemExit carries pip's exit status back to ansible-test.
    sys.argv = ["pip", "install", "--upgrade", "--force-reinstall", *args]
    runpy.run_module("pip", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
