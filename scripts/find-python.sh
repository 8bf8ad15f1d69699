#!/usr/bin/env bash
# Print the path of a Python interpreter >= 3.12 that really runs, or fail.
# Order: $PYTHON, versioned names on PATH, then interpreters installed by pyenv
# (whose shims only run when pyenv selects that version).
set -u

works() {
    "$1" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
for name in python3.12 python3.13 python3.14 python3; do
    path=$(command -v "$name" 2>/dev/null) && candidates+=("$path")
done
if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root 2>/dev/null)
    # An unmatched glob stays literal and simply fails the check below.
    while IFS= read -r dir; do
        candidates+=("$dir/bin/python3")
    done < <(printf '%s\n' "$root"/versions/3.1[2-9]* | sort -V)
fi

for candidate in "${candidates[@]}"; do
    if works "$candidate"; then
        # Resolve pyenv shims and similar wrappers to the real interpreter.
        "$candidate" -c 'import sys; print(sys.executable)'
        exit 0
    fi
done
echo "No working Python >= 3.12 found; install one or set PYTHON=/path/to/python3.12" >&2
exit 1
