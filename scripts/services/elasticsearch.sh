#!/usr/bin/env bash
# Makes sure Elasticsearch answers on 127.0.0.1:$ELASTICSEARCH_PORT (9201; OpenSearch keeps
# 9200), so `make test` and `make bench` run the search tests on both engines.
#
# No Debian or PyPI package ships it, so it comes from Maven Central: Elasticsearch's minimal
# distribution (integ-test-zip: the server, transport and security modules). Its
# analysis-common module (asciifolding, edge_ngram, ngram) is not published, so the project's
# own plugin gives those names (scripts/services/elasticsearch-analysis/: Lucene's filters and
# tokenizers on Elasticsearch's stable plugin API), compiled here with the JDK against the
# jars of the distribution. A full Elasticsearch has analysis-common built in: never install
# the plugin there (see docs/operations.md, "Search engines").
#
# The server refuses to run as root, so it runs as the system user $SEARCH_USER, with a small
# heap, single node, security off, bound to 127.0.0.1. Safe to run again: it only builds and
# starts what is not there or not running.
set -euo pipefail
VERSION=${ELASTICSEARCH_VERSION:-8.19.21}
PORT=${ELASTICSEARCH_PORT:-9201}
TRANSPORT_PORT=${ELASTICSEARCH_TRANSPORT_PORT:-9301}
HEAP=${SEARCH_HEAP:-512m}
SEARCH_USER=${SEARCH_USER:-portal-search}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PLUGIN_SOURCE=$ROOT/scripts/services/elasticsearch-analysis
# As root the server lives outside the checkout, which its own user may not be able to enter.
if [ "$(id -u)" -eq 0 ]; then SERVICES=${SEARCH_HOME:-/var/lib/portal-search}; else SERVICES=$ROOT/.services; fi
HOME_DIR=$SERVICES/elasticsearch-$VERSION
DATA=$SERVICES/elasticsearch-data
URL=http://127.0.0.1:$PORT

# The minimal distribution has no handler for GET /: cluster health says it is up.
answering() { curl -fsS "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; }
answering && exit 0

need() {  # command, Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "Installing $2 from Debian's packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
}
need javac openjdk-17-jdk-headless
need mvn maven
need curl curl
need unzip unzip
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")

if [ ! -x "$HOME_DIR/bin/elasticsearch" ]; then
  echo "Fetching Elasticsearch $VERSION from Maven Central..."
  download=$(mktemp -d)
  mvn -q -B dependency:copy -DoutputDirectory="$download" \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$VERSION:zip"
  mkdir -p "$SERVICES"
  rm -rf "$HOME_DIR"
  (cd "$SERVICES" && unzip -q "$download/elasticsearch-$VERSION.zip")
  rm -rf "$download"
fi

# The plugin is rebuilt whenever its source changes (the installed copy keeps the checksum).
checksum=$(cd "$PLUGIN_SOURCE" && find . -type f | sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
installed=$HOME_DIR/plugins/portal-analysis
if [ "$(cat "$installed/source.sha256" 2>/dev/null)" != "$checksum" ]; then
  echo "Building the project's analysis plugin..."
  build=$(mktemp -d)
  lib=$HOME_DIR/lib
  classpath=$(printf '%s:' "$lib"/elasticsearch-plugin-api-*.jar "$lib"/elasticsearch-plugin-analysis-api-*.jar \
    "$lib"/lucene-core-*.jar "$lib"/lucene-analysis-common-*.jar)
  mkdir -p "$build/classes" "$build/plugin"
  "$java_home/bin/javac" --release 17 -nowarn -d "$build/classes" -cp "$classpath" \
    $(find "$PLUGIN_SOURCE/src" -name '*.java')
  "$java_home/bin/jar" --create --file "$build/plugin/portal-analysis.jar" -C "$build/classes" .
  cp "$PLUGIN_SOURCE/named_components.json" "$build/plugin/"
  cat > "$build/plugin/stable-plugin-descriptor.properties" <<DESCRIPTOR
description=Lucene's asciifolding, edge_ngram and ngram analysis for the portal's Vietnamese search
version=1.0.0
name=portal-analysis
java.version=17
elasticsearch.version=$VERSION
DESCRIPTOR
  echo "$checksum" > "$build/plugin/source.sha256"
  (cd "$build/plugin" && "$java_home/bin/jar" --create --no-manifest --file "$build/portal-analysis.zip" .)
  rm -rf "$installed"
  ES_JAVA_HOME="$java_home" "$HOME_DIR/bin/elasticsearch-plugin" install --batch \
    "file://$build/portal-analysis.zip"
  rm -rf "$build"
fi

mkdir -p "$DATA" "$DATA/logs"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  id "$SEARCH_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SEARCH_USER"
  chown -R "$SEARCH_USER" "$HOME_DIR" "$DATA"
  run_as=(runuser -u "$SEARCH_USER" --)
fi
echo "Starting Elasticsearch $VERSION on $URL (heap $HEAP)..."
"${run_as[@]}" env ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
  "$HOME_DIR/bin/elasticsearch" -d -p "$DATA/elasticsearch.pid" \
  -E path.data="$DATA" -E path.logs="$DATA/logs" -E discovery.type=single-node \
  -E network.host=127.0.0.1 -E http.port="$PORT" -E transport.port="$TRANSPORT_PORT" \
  -E cluster.name=portal-es -E xpack.security.enabled=false \
  -E cluster.routing.allocation.disk.threshold_enabled=false >"$DATA/logs/console.log"
for _ in $(seq 1 90); do
  answering && { echo "Elasticsearch is up."; exit 0; }
  sleep 1
done
echo "Elasticsearch did not start; see $DATA/logs/portal-es.log" >&2
exit 1
