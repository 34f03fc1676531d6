#!/usr/bin/env bash
# The GitHub Action's work (action.yml maps its inputs to BOSUN_* variables): finds or installs the Bosun
# CLI, prints the findings to the log, writes the SARIF report, and records both as step outputs
# (`sarif-file`, `exit-code`) instead of failing, so the report is uploaded before the job fails.
# The CLI comes from BOSUN_PACKAGE when set (npm install into a temporary prefix), else from the action's
# own copy: its dist/cli.js when built, or built once with the action's development dependencies.
set -uo pipefail

: "${GITHUB_OUTPUT:?not running as a GitHub Action step (GITHUB_OUTPUT is unset)}"
ACTION_PATH="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
TEMP="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"

fail() {
	echo "::error title=Bosun::$1"
	echo "exit-code=2" >>"$GITHUB_OUTPUT"
	exit 0
}

if [ -n "${BOSUN_PACKAGE:-}" ]; then
	prefix="$TEMP/bosun-cli"
	echo "Installing $BOSUN_PACKAGE"
	npm install -g --prefix "$prefix" --no-audit --no-fund "$BOSUN_PACKAGE" >&2 || fail "cannot install $BOSUN_PACKAGE"
	bosun=("$prefix/bin/bosun")
else
	if [ ! -f "$ACTION_PATH/dist/cli.js" ]; then
		echo "Building the Bosun CLI in $ACTION_PATH"
		(cd "$ACTION_PATH" && npm ci --no-audit --no-fund && node esbuild.mjs) >&2 || fail "cannot build the CLI in $ACTION_PATH"
	fi
	bosun=(node "$ACTION_PATH/dist/cli.js")
fi

# Paths may be given one per line or separated by spaces.
read -r -d '' -a paths <<<"${BOSUN_PATHS:-.}"
[ ${#paths[@]} -gt 0 ] || paths=(.)
options=(--min-severity "${BOSUN_MIN_SEVERITY:-info}" --fail-on "${BOSUN_FAIL_ON:-error}")
[ "${BOSUN_ERROR_ON_EMPTY:-true}" = "true" ] || options+=(--no-error-on-empty)
sarif="${BOSUN_SARIF_FILE:-bosun.sarif}"

# The log shows the findings as text; the report is the same run's findings as SARIF.
"${bosun[@]}" lint "${options[@]}" -- "${paths[@]}"
code=$?
"${bosun[@]}" lint "${options[@]}" --format sarif -- "${paths[@]}" >"$sarif" 2>/dev/null
if [ -s "$sarif" ]; then
	echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
else
	rm -f "$sarif"
fi
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
