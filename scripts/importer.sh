#!/usr/bin/env bash
# `make importer`: build the collection as it would be published and run
# galaxy-importer on the tarball, offline (settings in galaxy-importer.cfg).
# Fails when the import fails or reports any warning or error.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH=$root/.venv/bin:$PATH
export GALAXY_IMPORTER_CONFIG=$root/scripts/galaxy-importer.cfg

out=$root/.build/importer
rm -rf "$out"
mkdir -p "$out/tmp"
ansible-galaxy collection build --output-path "$out" . >/dev/null
tarballs=("$out"/bluegreen-aws-*.tar.gz)
tarball=${tarballs[0]}
echo "galaxy-importer on $(basename "$tarball")"

# The importer writes importer_result.json into its working directory, and
# ansible-lint its cache under ansible_local_tmp: keep both under .build/.
cd "$out"
status=0
GALAXY_IMPORTER_TMP_ROOT_DIR=$out/tmp GALAXY_IMPORTER_ANSIBLE_LOCAL_TMP=$out/tmp \
    python -m galaxy_importer.main "$tarball" >log.txt 2>&1 || status=$?
grep -v '^Loading ' log.txt || true

# Warnings and errors are printed as "WARNING: ..." and "ERROR: ..." lines
# (ansible-lint findings are warnings); a failed import exits non-zero.
if [ "$status" -ne 0 ] || grep -qE '^(WARNING|ERROR|CRITICAL):' log.txt ||
    ! grep -q '^Importer processing completed successfully' log.txt; then
    echo "galaxy-importer reported problems (full log: .build/importer/log.txt)" >&2
    exit 1
fi
