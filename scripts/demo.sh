#!/usr/bin/env bash
# `make demo`: start the AWS emulator (moto) on 127.0.0.1, run the demo
# playbook against it, and stop the emulator whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
state=$(mktemp -d)
trap '.venv/bin/python scripts/moto_server.py stop --state-dir "$state"; rm -rf "$state"' EXIT
.venv/bin/python scripts/moto_server.py start --state-dir "$state" >/dev/null
# shellcheck disable=SC1091
source "$state/env"
echo "AWS emulator listening on $AWS_ENDPOINT_URL"
# Only the demo's own messages, one line each.
ANSIBLE_STDOUT_CALLBACK=ansible.builtin.default ANSIBLE_CALLBACK_RESULT_FORMAT=yaml \
    .venv/bin/ansible-playbook playbooks/demo.yml "$@"
