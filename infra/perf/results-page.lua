-- wrk script: the results page of signed-in owners (one per wrk thread: a line of the sessions file).
local lines = {}
for line in io.lines(os.getenv("SESSIONS")) do lines[#lines + 1] = line end
local next_line = 0

function setup(thread)
  next_line = next_line % #lines + 1
  thread:set("session", lines[next_line])
end

local cookie

function init(args)
  cookie = session:match("^([^|]+)|")
end

function request()
  return wrk.format("GET", os.getenv("TENANT_PATH") .. "/resultats", { ["Cookie"] = cookie })
end

function done(summary, latency, requests)
  io.write(string.format("results pages: %d requests, %d errors (non-2xx: %d), %.0f per second, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
