#!/usr/bin/env bash
# Makes sure an S3-compatible object store answers on 127.0.0.1:$S3_PORT, with the bucket
# $S3_BUCKET, for the tests of media on object storage (tests/portal/test_object_storage.py,
# docs/deployment.md, "Media").
#
# No Debian or PyPI package ships an S3 server, so it comes from Maven Central: S3Proxy, the
# S3 API in front of a folder (jclouds' filesystem provider), one jar with its dependencies.
# Requests must be signed (AWS signature v2 or v4) with the fixed test keys below, as a
# provincial MinIO or Ceph would require. Safe to run again: it only starts what is not running.
set -euo pipefail
VERSION=${S3PROXY_VERSION:-4.1.0}
PORT=${S3_PORT:-9390}
BUCKET=${S3_BUCKET:-portal-media}
ACCESS_KEY=${S3_ACCESS_KEY:-portal-test}
SECRET_KEY=${S3_SECRET_KEY:-portal-test-secret}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SERVICES=$ROOT/.services
JAR=$SERVICES/s3proxy-$VERSION/s3proxy-$VERSION-jar-with-dependencies.jar
DATA=$SERVICES/s3-data-$PORT
URL=http://127.0.0.1:$PORT

# Any HTTP answer will do (an unsigned request gets 403): the server is listening.
answering() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/" 2>/dev/null)" != "000" ]; }

# PUT of the bucket, signed: 200 when made, 409 when it is already there.
make_bucket() {
  local code
  # curl signs the request but leaves out the body's sum, which S3 requires (of nothing here).
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT --aws-sigv4 "aws:amz:us-east-1:s3" \
    -H "x-amz-content-sha256: $(printf '' | sha256sum | cut -d' ' -f1)" \
    --user "$ACCESS_KEY:$SECRET_KEY" "$URL/$BUCKET")
  [ "$code" = 200 ] || [ "$code" = 409 ] || { echo "Creating bucket $BUCKET: HTTP $code" >&2; exit 1; }
}

if answering; then
  make_bucket
  echo "S3 (S3Proxy) is up on $URL, bucket $BUCKET."
  exit 0
fi

need() {  # command, Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "Installing $2 from Debian's packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
}
need java openjdk-17-jre-headless
need mvn maven
need curl curl

if [ ! -f "$JAR" ]; then
  echo "Fetching S3Proxy $VERSION from Maven Central..."
  mkdir -p "$(dirname "$JAR")"
  mvn -q -B dependency:copy -DoutputDirectory="$(dirname "$JAR")" \
    -Dartifact="org.gaul:s3proxy:$VERSION:jar:jar-with-dependencies"
fi

mkdir -p "$DATA/buckets"
cat > "$DATA/s3proxy.conf" <<CONF
s3proxy.endpoint=$URL
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$ACCESS_KEY
s3proxy.credential=$SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DATA/buckets
CONF
echo "Starting S3Proxy $VERSION on $URL..."
nohup java -Xmx256m -jar "$JAR" --properties "$DATA/s3proxy.conf" >"$DATA/s3proxy.log" 2>&1 &
echo $! >"$DATA/s3proxy.pid"
for _ in $(seq 1 60); do
  if answering; then
    make_bucket
    echo "S3 (S3Proxy) is up on $URL, bucket $BUCKET."
    exit 0
  fi
  sleep 1
done
echo "S3Proxy did not start; see $DATA/s3proxy.log" >&2
exit 1
