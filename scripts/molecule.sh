#!/usr/bin/env bash
# Run every Molecule scenario under extensions/molecule/ (default driver,
# localhost, one moto server per scenario; see extensions/molecule/config.yml).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH=$root/.venv/bin:$PATH
export ANSIBLE_COLLECTIONS_PATH=$root/.collections
export ANSIBLE_CONFIG=$root/ansible.cfg
# Molecule keeps each scenario's ephemeral directory (and so its moto pid and
# env files) under $ANSIBLE_HOME/tmp: keep it inside the checkout (gitignored).
export ANSIBLE_HOME=$root/.ansible

# Molecule runs destroy after a failed step, but an interrupted run can leave a
# moto server behind: stop every one a scenario recorded (by its pid).
stop_moto_servers() {
    local pid_file
    for pid_file in "$ANSIBLE_HOME"/tmp/molecule.*/moto/pid; do
        [ -e "$pid_file" ] || continue
        python scripts/moto_server.py stop --state-dir "$(dirname "$pid_file")"
    done
}
trap stop_moto_servers EXIT

# From the collection root Molecule finds extensions/molecule/*/molecule.yml.
molecule test --all "$@"
