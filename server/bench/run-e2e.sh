#!/usr/bin/env bash
# End-to-end benchmark: this server and yaml-language-server (with this project's schemas) on the
# same manifests, over LSP on stdio, in one run. Ours is started as users start it: through the
# distribution's launcher; then plain `java -jar`, and the VS Code extension's launch line.
# Usage: server/bench/run-e2e.sh [LINES] [EDITS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lines=${1:-1000}
edits=${2:-60}
scratch=${ASTRID_BENCH_SCRATCH:-${TMPDIR:-/tmp}/astrid-bench-yls}
yls_version=1.25.0  # the newest that runs on Node 20 (2.x needs Node 22)

(cd "$root" && mvn -q -B package -DskipTests)
if [ ! -x "$scratch/node_modules/.bin/yaml-language-server" ]; then
  npm install --prefix "$scratch" --no-audit --no-fund --silent "yaml-language-server@$yls_version"
fi

dist="$root/server/target/astrid-pack-ls"
jar="$dist/lib/astrid-pack-ls.jar"
# The one list of JVM flags (lib/jvm.options), as the launchers and the VS Code extension read it.
flags=$(sed -e 's/^[[:space:]]*//' -e '/^#/d' -e '/^$/d' "$dist/lib/jvm.options" | tr '\n' ' ')
java=${ASTRID_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/java

servers=(
  --server "astrid-pack-ls=$dist/bin/astrid-pack-ls --stdio"
  --server "yaml-language-server=node $scratch/node_modules/yaml-language-server/bin/yaml-language-server --stdio"
  --server "java -jar (JVM defaults)=$java -jar $jar"
  # the universal .vsix: the flags, no class-data-sharing archive (it would not match the user's Java)
  --server "VS Code launch=$java $flags -Dastrid.docs=$root/docs -jar $jar"
)
ext="$root/vscode-extension"
if [ -x "$ext/runtime/bin/java" ] && [ -f "$ext/server/astrid-pack-ls.jsa" ]; then
  # the linux-x64 .vsix: its own runtime and archive (after npm run package:linux-x64), run from
  # the extension folder as VS Code does
  servers+=(--server "VS Code linux-x64 launch=sh -c 'cd $ext && exec runtime/bin/java $flags -XX:SharedArchiveFile=$ext/server/astrid-pack-ls.jsa -Dastrid.docs=$ext/docs -jar $ext/server/astrid-pack-ls.jar'")
fi

java -cp "$root/server/bench/target/astrid-pack-ls-bench.jar" dev.astrid.ls.bench.E2EBench \
  --schemas "$root/schemas" --lines "$lines" --edits "$edits" "${servers[@]}"
