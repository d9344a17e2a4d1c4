# Start and stop a throwaway PostgreSQL server on loopback (sourced by .ci/run).
# initdb refuses root, so the server runs as the `postgres` system user.

start_postgres() {
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGDATA=$(mktemp -d /tmp/concerto-pg.XXXXXX)
  PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local as_owner=()
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$PGDATA"
    as_owner=(runuser -u postgres --)
  fi
  "${as_owner[@]}" "$PGBIN/initdb" -D "$PGDATA" -U concerto -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${as_owner[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w start \
    -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U concerto concerto
  # The suites connect through the server's Unix socket (in PGDATA): each query's round
  # trip costs less than over loopback TCP, which made the non-browser tests about a fifth
  # faster (issue 20). Loopback TCP stays open for the tools that need a host name.
  local socket_dir
  socket_dir=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PGDATA")
  TEST_DATABASE_URL="postgres://concerto@$socket_dir:$PGPORT/concerto"
  export PGBIN PGDATA PGPORT TEST_DATABASE_URL
  echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') sur 127.0.0.1:$PGPORT et par le socket de $PGDATA"
}

stop_postgres() {
  local as_owner=()
  [ "$(id -u)" = "0" ] && as_owner=(runuser -u postgres --)
  "${as_owner[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true
  rm -rf "$PGDATA"
}
