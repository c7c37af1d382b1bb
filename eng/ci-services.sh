#!/usr/bin/env bash
# Services the integration tests need, for .ci/run (sourced, not run). Everything runs on loopback under a temp
# folder and is stopped by ci_services_stop, which .ci/run calls from an EXIT trap (also on failure).
#   PostgreSQL from Debian's packages: initdb refuses root, so the cluster belongs to the `postgres` user.
#   Chromium from Debian's packages, for the browser test of the connect flow.
# Exports PINTEREST_TEST_POSTGRES (an Npgsql connection string) and PINTEREST_TEST_CHROMIUM (the executable).

ci_pg_dir=""
ci_pg_bin=""

ci_apt_install() {
  if [ "$(id -u)" -ne 0 ]; then echo "ci-services: need root to apt-get install $*" >&2; return 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" > /dev/null 2>&1 || {
    DEBIAN_FRONTEND=noninteractive apt-get update -q > /dev/null 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" > /dev/null
  }
}

ci_free_port() {
  local port
  for port in $(seq 55432 55531); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/"$port") 2> /dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

ci_postgres_start() {
  ci_pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
  if [ -z "$ci_pg_bin" ] || [ ! -x "$ci_pg_bin/initdb" ]; then
    echo "ci-services: installing postgresql from Debian's packages"
    ci_apt_install postgresql || return 1
    ci_pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
  fi
  [ -x "$ci_pg_bin/initdb" ] || { echo "ci-services: no initdb after installing postgresql" >&2; return 1; }
  id postgres > /dev/null 2>&1 || { echo "ci-services: no postgres user" >&2; return 1; }

  local port
  port=$(ci_free_port) || { echo "ci-services: no free port for PostgreSQL" >&2; return 1; }
  ci_pg_dir=$(mktemp -d /tmp/pinterest-ci-pg.XXXXXX)
  chown postgres:postgres "$ci_pg_dir"
  chmod 700 "$ci_pg_dir"
  runuser -u postgres -- "$ci_pg_bin/initdb" -D "$ci_pg_dir/data" -A trust -U postgres -E UTF8 --no-locale > "$ci_pg_dir/initdb.log" 2>&1 ||
    { cat "$ci_pg_dir/initdb.log" >&2; return 1; }
  runuser -u postgres -- "$ci_pg_bin/pg_ctl" -D "$ci_pg_dir/data" -l "$ci_pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $ci_pg_dir -c max_connections=200 -c fsync=off" start > /dev/null ||
    { cat "$ci_pg_dir/server.log" >&2; return 1; }
  export PINTEREST_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
  echo "ci-services: PostgreSQL $("$ci_pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

ci_postgres_stop() {
  if [ -n "$ci_pg_dir" ] && [ -d "$ci_pg_dir/data" ]; then
    runuser -u postgres -- "$ci_pg_bin/pg_ctl" -D "$ci_pg_dir/data" -m fast -w stop > /dev/null 2>&1 || true
    rm -rf "$ci_pg_dir"
  fi
  ci_pg_dir=""
}

ci_chromium_ensure() {
  local exe
  exe=$(command -v chromium || true)
  if [ -z "$exe" ]; then
    echo "ci-services: installing chromium from Debian's packages"
    ci_apt_install chromium || return 1
    exe=$(command -v chromium || true)
  fi
  [ -n "$exe" ] || { echo "ci-services: no chromium after installing it" >&2; return 1; }
  export PINTEREST_TEST_CHROMIUM="$exe"
  echo "ci-services: $("$exe" --version 2> /dev/null | head -n 1)"
}

ci_services_stop() {
  ci_postgres_stop
}
