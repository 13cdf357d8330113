#!/usr/bin/env bash
# Makes sure a search engine answers on 127.0.0.1:$SEARCH_PORT for the tests and benchmarks.
#
# No Debian or PyPI package ships one, so it comes from Maven Central: OpenSearch's minimal
# distribution (integ-test-zip: the server and its transport module) plus the analysis-common
# module (asciifolding, edge_ngram), laid out as a module with its descriptor. Elasticsearch's
# own minimal distribution is there too, but its analysis-common module is not published, and
# Vietnamese search cannot do without asciifolding; see docs/operations.md, "Search engines".
#
# The server refuses to run as root, so it runs as the system user $SEARCH_USER, with a small
# heap, single node, bound to 127.0.0.1. Safe to run again: it only starts what is not running.
#
# SEARCH_NODES=3 starts a cluster of three nodes instead (`make bench-cluster`,
# docs/deployment.md): HTTP on $SEARCH_PORT and the next two ports (9210-9212 by default),
# transport on $SEARCH_TRANSPORT_PORT and the next two (9310-9312), a data folder each, 320 MB
# of heap each; the same downloaded distribution. Run it again after stopping one node and it
# starts that node, which rejoins the cluster.
set -euo pipefail
VERSION=${OPENSEARCH_VERSION:-2.19.6}
NODES=${SEARCH_NODES:-1}
if [ "$NODES" -gt 1 ]; then
  PORT=${SEARCH_PORT:-9210}
  TRANSPORT_PORT=${SEARCH_TRANSPORT_PORT:-9310}
  HEAP=${SEARCH_HEAP:-320m}
else
  PORT=${SEARCH_PORT:-9200}
  HEAP=${SEARCH_HEAP:-512m}
fi
SEARCH_USER=${SEARCH_USER:-portal-search}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# As root the server lives outside the checkout, which its own user may not be able to enter.
if [ "$(id -u)" -eq 0 ]; then SERVICES=${SEARCH_HOME:-/var/lib/portal-search}; else SERVICES=$ROOT/.services; fi
HOME_DIR=$SERVICES/opensearch-$VERSION
DATA=$SERVICES/opensearch-data
URL=http://127.0.0.1:$PORT
if [ "$NODES" -gt 1 ]; then DATA=$SERVICES/opensearch-cluster-$PORT; fi

# The cluster is answering when every node is in it; a single node when it answers at all.
answering() {
  curl -fsS "$URL/_cluster/health?wait_for_status=yellow&wait_for_nodes=$NODES&timeout=1s" \
    >/dev/null 2>&1 || return 1
  local i
  for ((i = 1; i < NODES; i++)); do
    curl -fsS "http://127.0.0.1:$((PORT + i))/" >/dev/null 2>&1 || return 1
  done
}
answering && exit 0

need() {  # command, Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "Installing $2 from Debian's packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
}
need java openjdk-17-jre-headless
need mvn maven
need curl curl
need unzip unzip

if [ ! -x "$HOME_DIR/bin/opensearch" ]; then
  echo "Fetching OpenSearch $VERSION from Maven Central..."
  download=$(mktemp -d)
  mvn -q -B dependency:copy -DoutputDirectory="$download" \
    -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip"
  mvn -q -B dependency:copy -DoutputDirectory="$download" \
    -Dartifact="org.opensearch.plugin:analysis-common:$VERSION"
  mkdir -p "$SERVICES"
  rm -rf "$HOME_DIR"
  (cd "$SERVICES" && unzip -q "$download/opensearch-$VERSION.zip")
  module=$HOME_DIR/modules/analysis-common
  mkdir -p "$module"
  cp "$download/analysis-common-$VERSION.jar" "$module/"
  cat > "$module/plugin-descriptor.properties" <<DESCRIPTOR
description=Adds "built in" analyzers to OpenSearch.
version=$VERSION
name=analysis-common
classname=org.opensearch.analysis.common.CommonAnalysisPlugin
java.version=11
opensearch.version=$VERSION
custom.foldername=
extended.plugins=
has.native.controller=false
DESCRIPTOR
  rm -rf "$download"
fi

mkdir -p "$DATA"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  id "$SEARCH_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SEARCH_USER"
  chown "$SEARCH_USER" "$DATA"
  chown -R "$SEARCH_USER" "$HOME_DIR"
  run_as=(runuser -u "$SEARCH_USER" --)
fi
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")

start() {  # data folder, then the node's own -E settings
  local data=$1
  shift
  mkdir -p "$data/logs"
  if [ ${#run_as[@]} -gt 0 ]; then chown -R "$SEARCH_USER" "$data"; fi
  "${run_as[@]}" env JAVA_HOME="$java_home" OPENSEARCH_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
    "$HOME_DIR/bin/opensearch" -d -p "$data/opensearch.pid" \
    -E path.data="$data" -E path.logs="$data/logs" -E network.host=127.0.0.1 \
    -E cluster.routing.allocation.disk.threshold_enabled=false "$@"
}

if [ "$NODES" -gt 1 ]; then
  seeds=$(seq -s, -f "127.0.0.1:%g" "$TRANSPORT_PORT" $((TRANSPORT_PORT + NODES - 1)))
  names=$(seq -s, -f "node-%g" 1 "$NODES")
  echo "Starting an OpenSearch $VERSION cluster of $NODES nodes from $URL (heap $HEAP each)..."
  for ((i = 0; i < NODES; i++)); do
    curl -fsS "http://127.0.0.1:$((PORT + i))/" >/dev/null 2>&1 && continue
    start "$DATA/node-$((i + 1))" -E node.name="node-$((i + 1))" -E cluster.name=portal-cluster \
      -E http.port=$((PORT + i)) -E transport.port=$((TRANSPORT_PORT + i)) \
      -E discovery.seed_hosts="$seeds" -E cluster.initial_cluster_manager_nodes="$names"
  done
else
  echo "Starting OpenSearch $VERSION on $URL (heap $HEAP)..."
  start "$DATA" -E discovery.type=single-node -E http.port="$PORT" -E cluster.name=portal
fi
for _ in $(seq 1 120); do
  answering && { echo "OpenSearch is up."; exit 0; }
  sleep 1
done
echo "OpenSearch did not start; see the logs under $DATA" >&2
exit 1
