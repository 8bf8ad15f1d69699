#!/usr/bin/env bash
# `make docs`: the collection's documentation site (HTML) built with antsibull-docs and Sphinx,
# offline, into .build/docs/build/html. Fails on a documentation error or any Sphinx warning.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH=$root/.venv/bin:$PATH

site=$root/.build/docs
rm -rf "$site"
# antsibull-docs writes only into a directory that no one else may write to.
mkdir -p "$site"
chmod 700 "$site"
antsibull-docs sphinx-init --use-current --squash-hierarchy --fail-on-error \
    --sphinx-theme alabaster --dest-dir "$site" bluegreen.aws >/dev/null

# Offline: no intersphinx inventories (Sphinx would download them). Without them, the two labels
# of Ansible's own documentation that the generated pages link to cannot resolve.
cat >>"$site/conf.py" <<'CONF'

intersphinx_mapping = {}
nitpick_ignore = [("std:ref", "common_return_values"), ("std:ref", "ansible_configuration_settings")]
CONF

"$site/build.sh" >"$site/build.log" 2>&1 || {
    grep -E 'WARNING|ERROR' "$site/build.log" >&2 || tail -20 "$site/build.log" >&2
    echo "the documentation site did not build (full log: .build/docs/build.log)" >&2
    exit 1
}
echo "documentation site: .build/docs/build/html/index.html"
