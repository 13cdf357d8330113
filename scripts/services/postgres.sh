#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:$PGPORT for the tests: starts the Debian cluster
# (installing Debian's `postgresql` package when no server is there) and creates the roles and
# database of portal/settings/test.py: the owner (migrate, restore, the test database) and
# the application's role, which owns nothing (its grants come with each migrate,
# portal/db_roles.py). Safe to run again.
set -euo pipefail
PGPORT=${PGPORT:-5432}
ROLE=${PORTAL_DB_USER:-portal}
PASSWORD=${PORTAL_DB_PASSWORD:-portal}
DB=${PORTAL_DB_NAME:-portal}
APP_ROLE=${DATABASE_APP_ROLE:-portal_app}
APP_PASSWORD=${DATABASE_APP_PASSWORD:-portal_app}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sudo -n -u postgres sh -c "$1"; fi
}

if ! pg_isready -q -h 127.0.0.1 -p "$PGPORT" 2>/dev/null; then
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "Installing PostgreSQL from Debian's packages..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  cluster=$(pg_lsclusters -h 2>/dev/null | awk -v port="$PGPORT" '$3 == port {print $1" "$2; exit}')
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    pg_createcluster --locale C.UTF-8 --encoding UTF8 -p "$PGPORT" "$version" portal >/dev/null
    cluster="$version portal"
  fi
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p "$PGPORT"
fi

if ! PGPASSWORD="$PASSWORD" psql -h 127.0.0.1 -p "$PGPORT" -U "$ROLE" -d "$DB" -tAc "select 1" >/dev/null 2>&1; then
  as_postgres "psql -p $PGPORT -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
  if ! as_postgres "psql -p $PGPORT -tAc \"select 1 from pg_database where datname = '$DB'\"" | grep -q 1; then
    as_postgres "createdb -p $PGPORT -O $ROLE -E UTF8 -T template0 $DB"
  fi
fi
if ! PGPASSWORD="$APP_PASSWORD" psql -h 127.0.0.1 -p "$PGPORT" -U "$APP_ROLE" -d "$DB" -tAc "select 1" >/dev/null 2>&1; then
  as_postgres "psql -p $PGPORT -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
    CREATE ROLE $APP_ROLE LOGIN PASSWORD '$APP_PASSWORD';
  END IF;
END \$\$;
SQL
fi
echo "PostgreSQL ready on 127.0.0.1:$PGPORT (database $DB, owner $ROLE, application role $APP_ROLE)."
