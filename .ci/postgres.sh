# A throwaway PostgreSQL server for the database tests (sourced by .ci/run).
#
# start_test_postgres: installs Debian's `postgresql` with apt when no server binaries are
# present (so a second run does not touch apt), creates a cluster in a temp dir (owned by the
# `postgres` user when run as root: the server refuses to run as root), starts it on a free
# loopback port with trust authentication and no fsync (nothing here must survive), and exports
# NQB_TEST_PG_URL (a superuser URL: the tests create and drop one database per test file).
# Every failure prints one line saying which step failed and returns non-zero.
# stop_test_postgres: stops that server and removes its directory.

NQB_PG_DIR=""
NQB_PG_BIN=""

pg_fail() {
  echo "ci: postgres: $*" >&2
  return 1
}

find_pg_bin() {
  NQB_PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$NQB_PG_BIN" ] && [ -x "$NQB_PG_BIN/initdb" ] && [ -x "$NQB_PG_BIN/pg_ctl" ]
}

start_test_postgres() {
  if ! find_pg_bin; then
    [ "$(id -u)" = 0 ] || pg_fail "no PostgreSQL server binaries under /usr/lib/postgresql and not root: cannot apt-get install postgresql" || return 1
    echo "ci: postgres: installing Debian's postgresql with apt" >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get update -qq >/tmp/nqb-apt.log 2>&1 ||
      ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >>/tmp/nqb-apt.log 2>&1; then
      tail -n 20 /tmp/nqb-apt.log >&2
      pg_fail "apt-get install postgresql failed (log above, full log in /tmp/nqb-apt.log)" || return 1
    fi
    find_pg_bin || pg_fail "postgresql installed but no initdb/pg_ctl under /usr/lib/postgresql/*/bin" || return 1
  fi

  local as=()
  NQB_PG_DIR="$(mktemp -d /tmp/nqb-ci-pg.XXXXXX)" || pg_fail "cannot create a temp dir" || return 1
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || pg_fail "no postgres user (the postgresql package creates it)" || return 1
    chown postgres: "$NQB_PG_DIR"
    as=(runuser -u postgres --)
  fi

  if ! "${as[@]}" "$NQB_PG_BIN/initdb" -D "$NQB_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >"$NQB_PG_DIR/initdb.log" 2>&1; then
    tail -n 20 "$NQB_PG_DIR/initdb.log" >&2
    pg_fail "initdb failed (log above)" || return 1
  fi

  local port
  port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")" ||
    pg_fail "cannot find a free port" || return 1
  # max_connections: each test file holds a small pool, and the sharded test runs processes.
  if ! "${as[@]}" "$NQB_PG_BIN/pg_ctl" -D "$NQB_PG_DIR/data" -l "$NQB_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $NQB_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1; then
    tail -n 20 "$NQB_PG_DIR/server.log" >&2 || true
    pg_fail "the server did not start (log above)" || return 1
  fi

  export NQB_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  local version
  version="$(psql "$NQB_TEST_PG_URL" -XAtc 'SHOW server_version' 2>&1)" || pg_fail "the server started but does not answer: $version" || return 1
  echo "ci: postgres: PostgreSQL $version on 127.0.0.1:$port (NQB_TEST_PG_URL)" >&2
}

stop_test_postgres() {
  [ -n "$NQB_PG_DIR" ] || return 0
  local as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$NQB_PG_BIN/pg_ctl" -D "$NQB_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$NQB_PG_DIR"
  NQB_PG_DIR=""
}
