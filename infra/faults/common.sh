# What the fault scripts share (sourced after infra/perf/common.sh, from the repository's root, with
# Assett__EmbeddedPostgres__RootDirectory set): the CLI, the cluster's superuser, pg_ctl, and a web
# host started as a process of its own, so that kill -9 reaches it and not a `dotnet run` wrapper.
root_dir=$Assett__EmbeddedPostgres__RootDirectory
data="$root_dir/data"
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | tail -1)")
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cli() { dotnet run -c Release --no-build --project src/Assett.Cli -- "$@" 2>>"$work/cli.log"; }

# The cluster's port and socket folder, from its pid file (started by the CLI or the host on first use).
pg_port() { sed -n 4p "$data/postmaster.pid"; }
pg_socket() { sed -n 5p "$data/postmaster.pid"; }
sql() { as_postgres "$bin/psql" -h "$(pg_socket)" -p "$(pg_port)" -d assett -qAt -c "$1"; }
pg() { as_postgres "$bin/pg_ctl" -D "$data" "$@"; }

# Starts the cluster again after pg stop, with the options its last start had (postmaster.opts).
start_postgres() {
  local options
  options=$(sed 's|^[^ ]*postgres ||' "$data/postmaster.opts")
  as_postgres bash -c "cd / && eval exec '$bin/postgres' $options" >>"$root_dir/postgres.log" 2>&1 &
  for _ in $(seq 100); do
    [ -f "$data/postmaster.pid" ] && as_postgres "$bin/pg_isready" -q -h "$(pg_socket)" -p "$(pg_port)" 2>/dev/null && return
    sleep 0.1
  done
}

# The web host (Release) as a process of its own, $host its pid; returns once /health answers 200.
start_host() {
  local site=$1
  shift
  (cd src/Assett.Web && exec env Logging__LogLevel__Default=Warning "$@" dotnet bin/Release/net10.0/Assett.Web.dll --urls "$site") >>"$work/web.log" 2>&1 &
  host=$!
  for _ in $(seq 240); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$site/health")" = 200 ] && return; sleep 0.25; done
  echo "the web host did not start; end of its log:" >&2
  tail -20 "$work/web.log" >&2
  exit 1
}

# Seconds since the storm started (the time saves.py wrote in its ready file).
elapsed() { echo "$(date +%s.%N) - $(cat "$work/ready")" | bc | xargs printf '%.1f'; }
