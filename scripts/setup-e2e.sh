#!/usr/bin/env bash
# Prepares what the code-server end-to-end suite (test/e2e/codeserver) needs: Debian's chromium, ripgrep
# and Kerberos headers, and code-server itself in a cache directory outside the project's dependencies.
# Idempotent: each step is skipped when its result is already there, so only the first run pays.
# code-server's own install scripts download ripgrep from the internet, so it is installed with scripts
# off and its native modules are rebuilt by hand.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
DIR="${BOSUN_E2E_CACHE:-$HOME/.cache/bosun-e2e}"
VSCODE_DIR="$DIR/node_modules/code-server/lib/vscode"
# Written last, so an interrupted install is redone rather than taken for a finished one.
DONE_MARKER="$DIR/.installed-$CODE_SERVER_VERSION"

missing_packages=()
command -v rg >/dev/null || missing_packages+=(ripgrep)
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_packages+=(libkrb5-dev)
if [ ${#missing_packages[@]} -gt 0 ]; then
	echo "setup-e2e: installing ${missing_packages[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get install -y "${missing_packages[@]}" || {
		$SUDO apt-get update
		$SUDO apt-get install -y "${missing_packages[@]}"
	}
fi

if [ -f "$DONE_MARKER" ]; then
	echo "setup-e2e: code-server $CODE_SERVER_VERSION already installed in $DIR"
	exit 0
fi

echo "setup-e2e: installing code-server $CODE_SERVER_VERSION into $DIR (a few minutes)"
mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || echo '{ "private": true }' > package.json
npm install --ignore-scripts --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"

cd "$VSCODE_DIR"
npm install --omit=dev --ignore-scripts --no-audit --no-fund
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild
ln -sfn node_modules node_modules.asar

cd "$DIR"
npm_config_yes=true npm rebuild argon2

touch "$DONE_MARKER"
echo "setup-e2e: code-server ready: node $DIR/node_modules/code-server/out/node/entry.js"
