#!/usr/bin/env bash
# Run every Molecule scenario under extensions/molecule/ (default driver,
# localhost, one moto server per scenario; see extensions/molecule/config.yml).
#
#   scripts/molecule.sh                   every scenario, MOLECULE_JOBS at a time
#   scripts/molecule.sh -s rollback_drill one scenario, output as it comes
#
# The scenarios are independent (each has its own moto server, color servers
# and ephemeral directory), so they run side by side; each one's output goes
# to a log that is printed when it ends (in full when it failed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH=$root/.venv/bin:$PATH
export ANSIBLE_COLLECTIONS_PATH=$root/.collections
export ANSIBLE_CONFIG=$root/ansible.cfg
# Molecule keeps each scenario's ephemeral directory (and so its moto pid and
# env files) under $ANSIBLE_HOME/tmp: keep it inside the checkout (gitignored).
export ANSIBLE_HOME=$root/.ansible
# Scenarios reach their own moto server only: no AWS setting of the caller
# (credentials, profile, endpoint) may leak into them.
while IFS= read -r name; do
    unset "$name"
done < <(compgen -e | grep '^AWS_' || true)

parallel=${MOLECULE_JOBS:-4}
logs=$ANSIBLE_HOME/molecule-logs
pids=()

# Molecule runs destroy after a failed step, but an interrupted run can leave
# servers behind: stop every moto server and color server a scenario recorded
# (by its pid).
stop_servers() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    if [ -n "${warm_dir:-}" ]; then
        python scripts/warm_python.py stop --state-dir "$warm_dir"
    fi
    local pid_file
    for pid_file in "$ANSIBLE_HOME"/tmp/molecule.*/colors/pid; do
        [ -e "$pid_file" ] || continue
        python scripts/color_server.py stop --state-dir "$(dirname "$pid_file")"
    done
    for pid_file in "$ANSIBLE_HOME"/tmp/molecule.*/moto/pid; do
        [ -e "$pid_file" ] || continue
        python scripts/moto_server.py stop --state-dir "$(dirname "$pid_file")"
    done
}
trap stop_servers EXIT

# The scenarios' modules run on one warm Python (scripts/warm_python.py: the imports of Ansible's
# module code and boto3 done once); BLUEGREEN_TEST_COLD_PYTHON=1 gives each module its own Python.
if [ "${BLUEGREEN_TEST_COLD_PYTHON:-}" != 1 ]; then
    warm_dir=$ANSIBLE_HOME/warm-python
    BLUEGREEN_MODULE_PYTHON=$(python scripts/warm_python.py start --state-dir "$warm_dir")
    export BLUEGREEN_MODULE_PYTHON
fi

# From the collection root Molecule finds extensions/molecule/*/molecule.yml.
if [ $# -gt 0 ]; then
    molecule test "$@"
    exit
fi

mkdir -p "$logs"
rm -f "$logs"/*.log "$logs"/*.result
scenarios=()
for file in extensions/molecule/*/molecule.yml; do
    scenarios+=("$(basename "$(dirname "$file")")")
done

# One scenario: its log, then "<return code> <seconds>" in its result file.
run() {
    local name=$1 start code=0
    start=$(date +%s)
    molecule test -s "$name" >"$logs/$name.log" 2>&1 || code=$?
    echo "$code $(($(date +%s) - start))" >"$logs/$name.result"
    echo "== $name: $([ "$code" -eq 0 ] && echo passed || echo "FAILED ($code)") in $(($(date +%s) - start))s"
}

begin=$(date +%s)
for name in "${scenarios[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do
        wait -n || true
    done
    echo "== $name: started"
    run "$name" &
    pids+=("$!")
done
wait

failed=0
summary=""
for name in "${scenarios[@]}"; do
    read -r code took <"$logs/$name.result" || { code=1; took='?'; }
    if [ "$code" -eq 0 ]; then
        verdict=passed
    else
        verdict="FAILED ($code)"
        failed=1
        echo
        echo "==================== $name (failed): $logs/$name.log"
        cat "$logs/$name.log"
    fi
    summary+=$(printf '  %-20s %-12s %5ss' "$name" "$verdict" "$took")$'\n'
done
echo
echo "Molecule: ${#scenarios[@]} scenarios, up to $parallel at a time, $(($(date +%s) - begin))s"
printf '%s' "$summary"
echo "Logs: $logs"
[ "$failed" -eq 0 ]
