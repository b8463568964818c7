#!/usr/bin/env bash
# End-to-end benchmark: this server and yaml-language-server (with this project's schemas) on the
# same manifests, over LSP on stdio, in one run. Usage: server/bench/run-e2e.sh [LINES] [EDITS]
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

jar="$root/server/target/astrid-pack-ls.jar"
jsa="$root/server/target/astrid-pack-ls.jsa"
# The launch flags the editor integrations use (see docs/performance.md).
flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -Xms16m -Xmx128m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -Xlog:disable -Xlog:all=warning:stderr -Xshare:auto -XX:SharedArchiveFile=$jsa"

java -cp "$root/server/bench/target/astrid-pack-ls-bench.jar" dev.astrid.ls.bench.E2EBench \
  --schemas "$root/schemas" --lines "$lines" --edits "$edits" \
  --server "astrid-pack-ls=java $flags -jar $jar" \
  --server "yaml-language-server=node $scratch/node_modules/yaml-language-server/bin/yaml-language-server --stdio" \
  --server "startup:java -jar (no flags)=java -jar $jar" \
  --server "startup:flags, no CDS=java ${flags%% -XX:SharedArchiveFile=*} -jar $jar" \
  --server "startup:CDS only=java -XX:SharedArchiveFile=$jsa -Xlog:disable -jar $jar"
