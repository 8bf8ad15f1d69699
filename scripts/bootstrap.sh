#!/usr/bin/env bash
# Create .venv (Python >= 3.12) with the collection's runtime requirements and
# the pinned test toolchain, and make this checkout importable as the
# collection bluegreen.aws.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ ! -x .venv/bin/python ]; then
    python=$(scripts/find-python.sh)
    echo "Creating .venv with $python"
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt

# ansible finds the collection through ANSIBLE_COLLECTIONS_PATH / ansible.cfg,
# Python (pytest) through a .pth file in the virtual environment.
mkdir -p .collections/ansible_collections/bluegreen
ln -sfn ../../.. .collections/ansible_collections/bluegreen/aws
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$root/.collections" > "$site/bluegreen_aws_checkout.pth"
touch .venv/.installed
