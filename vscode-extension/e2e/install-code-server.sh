#!/usr/bin/env bash
# Installs code-server (a real VS Code build whose extension host is plain Node) into DIR, from the
# npm registry only. `npm install -g code-server` does not work offline-from-GitHub: its postinstall
# runs a nested npm install that fails, and some native modules try to download prebuilt binaries.
# So this does by hand what that postinstall would do. Usage: install-code-server.sh DIR
set -euo pipefail
version=4.100.3  # the newest whose engines.node is 20
dir=$(mkdir -p "$1" && cd "$1" && pwd)
if [ -f "$dir/.installed-$version" ]; then
  exit 0
fi
command -v rg >/dev/null || { echo "install-code-server: needs ripgrep (apt package ripgrep)" >&2; exit 1; }
rm -rf "$dir" && mkdir -p "$dir"
cd "$dir"
# node-gyp compiles against the local Node headers instead of downloading them.
export npm_config_nodedir
npm_config_nodedir=$(dirname "$(dirname "$(command -v node)")")
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

npm pack --silent "code-server@$version" >/dev/null
tar -xzf "code-server-$version.tgz" --strip-components=1 && rm "code-server-$version.tgz"
npm install --omit=dev --ignore-scripts --no-package-lock --loglevel=error
(cd lib/vscode && npm install --omit=dev --ignore-scripts --no-package-lock --loglevel=error)

# Native modules, one by one (argon2's prebuilt download fails, then it compiles).
npm rebuild argon2 --loglevel=error
(cd lib/vscode && npm rebuild @vscode/spdlog native-watchdog --loglevel=error)
# node-pty's own install script calls npx, which refuses here: run node-gyp directly.
gyp=$(npm prefix -g)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js
(cd lib/vscode/node_modules/node-pty && node "$gyp" rebuild --loglevel=error)
# @vscode/ripgrep would download rg from GitHub: use the system one.
mkdir -p lib/vscode/node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" lib/vscode/node_modules/@vscode/ripgrep/bin/rg

# The rest of code-server's postinstall.
ln -sfn node_modules lib/vscode/node_modules.asar
ln -sfn code-linux.sh lib/vscode/bin/remote-cli/code-server
ln -sfn browser-linux.sh lib/vscode/bin/helpers/browser.sh
(cd lib/vscode/extensions && npm install --omit=dev --ignore-scripts --no-package-lock --loglevel=error)

touch "$dir/.installed-$version"
echo "code-server $version installed in $dir"
