# What the load scripts share (sourced, from the repository's root): a work folder removed on exit
# with the processes started in the background, the Release builds, the web host, and sign-in.
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# Release builds of these projects; their errors, if any, then stop.
build() {
  local project
  for project in "$@"; do
    dotnet build -c Release -v quiet "$project" >"$work/build.log" || { grep -m5 error "$work/build.log" >&2; exit 1; }
  done
}

# The web host (Release, logs at Warning, in $work/web.log) on this address, with these extra VAR=value
# settings, in the background; returns once it answers /health.
start_web() {
  local site=$1
  shift
  env Logging__LogLevel__Default=Warning "$@" dotnet run -c Release --no-build --project src/Assett.Web --urls "$site" >"$work/web.log" 2>&1 &
  for _ in $(seq 120); do curl -sf "$site/health" >/dev/null && return; sleep 1; done
}

# The antiforgery token of the page on standard input.
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -1; }

# The Cookie header of a curl cookie jar (HttpOnly cookies included).
cookies_of() { awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " } /^#HttpOnly_/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$1"; }

# Signs in on the territory's page with this jar (and these extra curl options, such as --interface).
sign_in() {
  local site=$1 tenant=$2 jar=$3 email=$4 password=$5
  shift 5
  local page
  page=$(curl -s "$@" -c "$jar" -b "$jar" "$site/t/$tenant/connexion")
  curl -s "$@" -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
    --data-urlencode "__RequestVerificationToken=$(token <<<"$page")" "$site/t/$tenant/connexion"
}
