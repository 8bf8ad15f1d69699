#!/usr/bin/env bash
# `make demo`: the main job of bluegreen.aws from start to finish, against an
# AWS emulator (moto) on 127.0.0.1 that this script starts and always stops.
#
#   scripts/demo.sh [ecs|ec2]     (make demo PLATFORM=ec2): ECS on Fargate by
#                                 default, or EC2 Auto Scaling groups
#
#   provision   an app "shop": two identical colors behind an ALB
#   deploy v1   the first release, all at once
#   deploy v2   a canary: 10% for a few seconds, alarm-gated, then 100%
#   deploy v3   a canary whose alarm fires mid-shift: the traffic comes back
#               to v2 by itself and the run fails (expected)
#   rollback    the incident playbook
#   status      one screen
#
# The playbooks run as users run them (by name, with the app's variables file
# playbooks/demo/shop.yml, or shop_ec2.yml). Lines marked [emulator] stand in for what an AWS
# account already has or what moto cannot do (run containers, evaluate
# alarms); they are not part of the job.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH=$root/.venv/bin:$PATH
export ANSIBLE_COLLECTIONS_PATH=$root/.collections
export ANSIBLE_CONFIG=$root/ansible.cfg
# The default output: each playbook ends with its one-screen summary.
export ANSIBLE_STDOUT_CALLBACK=ansible.builtin.default
export ANSIBLE_CALLBACK_RESULT_FORMAT=yaml
export ANSIBLE_DISPLAY_SKIPPED_HOSTS=false
export ANSIBLE_LOCALHOST_WARNING=false
export ANSIBLE_INVENTORY_UNPARSED_WARNING=false
# Only the emulator is reachable: none of the caller's AWS settings is used.
while IFS= read -r name; do
    unset "$name"
done < <(compgen -e | grep '^AWS_' || true)

state=$(mktemp -d)
current="start-up"
cleanup() {
    local code=$?
    python scripts/color_server.py stop --state-dir "$state/colors" || true
    python scripts/moto_server.py stop --state-dir "$state/moto" || true
    rm -rf "$state"
    if [ "$code" -ne 0 ]; then
        printf '\nDEMO FAILED during: %s (exit %s); the emulator and the color servers are stopped\n' "$current" "$code"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
platform=${1:-ecs}
emulator_vars=$state/emulator.json
# What a release puts on the idle color: a container image (ECS) or an AMI (EC2; moto's own images).
case $platform in
ecs)
    app=playbooks/demo/shop.yml
    artifact() { echo "bluegreen_image=registry.example.com/shop:$1"; }
    ;;
ec2)
    app=playbooks/demo/shop_ec2.yml
    declare -A amis=([1.0]=ami-12c6146b [2.0]=ami-03cf127a [3.0]=ami-1e749f67)
    artifact() { echo "bluegreen_image_id=${amis[$1]}"; }
    ;;
*)
    echo "usage: scripts/demo.sh [ecs|ec2]" >&2
    exit 2
    ;;
esac

step() {
    current=$*
    printf '\n==== %s\n\n' "$*"
}
emulator() {
    printf '[emulator] %s\n' "$*"
}
tools() {
    python scripts/emulator_tools.py "$@"
}
# The command as a user types it; the emulator's variables file is added.
playbook() {
    local name=$1
    shift
    printf '$ ansible-playbook bluegreen.aws.%s -e @%s -e @emulator.json %s\n\n' "$name" "$app" "$*"
    ansible-playbook "bluegreen.aws.$name" -e "@$app" -e "@$emulator_vars" "$@"
}

step "AWS emulator"
python scripts/moto_server.py start --state-dir "$state/moto" >/dev/null
# shellcheck disable=SC1091
source "$state/moto/env"
emulator "moto listening on $AWS_ENDPOINT_URL (dummy credentials); nothing here reaches AWS"
emulator "the account's network (a VPC, two subnets) and the CloudWatch alarm shop-5xx"
network=$(tools setup --app shop --alarm shop-5xx)
emulator "color servers: local stand-ins for the containers, answering with the version each color runs"
urls=$(python scripts/color_server.py start --state-dir "$state/colors" --app shop --platform "$platform")
python - "$emulator_vars" "$network" "$urls" <<'EOF'
import json
import sys

path, network, urls = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
with open(path, "w") as handle:
    json.dump(dict(network, bluegreen_verify_urls=urls), handle)
EOF
emulator "emulator.json: $(cat "$emulator_vars")"

step "1/6 provision: two identical colors behind an ALB (production listener 100% blue)"
playbook provision
if [ "$platform" = ecs ]; then
    emulator "one stand-in target registered in each target group (moto starts no ECS task)"
    tools targets --app shop >/dev/null
fi

step "2/6 deploy v1: the first release goes all at once"
playbook deploy -e bluegreen_version=1.0 -e "$(artifact 1.0)"

step "3/6 deploy v2 as a canary: 10% held 5 s with the alarm polled, then 100%"
playbook deploy -e bluegreen_version=2.0 -e "$(artifact 2.0)" \
    -e bluegreen_shift=canary -e bluegreen_step_interval=5

step "4/6 deploy v3 as a canary held 5 minutes; its alarm fires mid-shift (expected to fail)"
emulator "moto never evaluates alarms: a watcher sets shop-5xx to ALARM when it sees the canary split"
report=$state/drill.json
printf '$ ansible-playbook bluegreen.aws.deploy -e @%s -e @emulator.json %s\n\n' "$app" \
    "-e bluegreen_version=3.0 -e $(artifact 3.0) -e bluegreen_shift=canary -e bluegreen_step_interval=300"
tools canary --app shop --then alarm --alarm shop-5xx --timeout 240 --report "$report" -- \
    ansible-playbook bluegreen.aws.deploy -e "@$app" -e "@$emulator_vars" \
    -e bluegreen_version=3.0 -e "$(artifact 3.0)" -e bluegreen_shift=canary -e bluegreen_step_interval=300
python - "$report" <<'EOF'
import json
import sys

with open(sys.argv[1]) as handle:
    report = json.load(handle)
split = "blue %(blue)d%%, green %(green)d%%"
if report["returncode"] == 0 or report["seen"][-1] != report["seen"][0]:
    sys.exit("UNEXPECTED: the deploy of v3 was not stopped by its alarm: %s" % report)
print(
    "\nEXPECTED FAILURE: the alarm stopped v3 at its canary step (%s); the deploy put the traffic back "
    "(%s) by itself and failed. The demo continues." % (split % report["acted_at"], split % report["seen"][-1])
)
EOF

step "5/6 rollback: the incident playbook (the alarm already sent the traffic back: nothing to shift)"
tools record
playbook rollback
emulator "router writes made by the rollback, from the emulator's request log: $(tools writes)"

step "6/6 status"
playbook status

printf '\n==== Demo finished in %s s; the emulator and the color servers stop now\n' "$(($(date +%s) - started))"
