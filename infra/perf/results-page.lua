-- wrk script: the results page of signed-in owners (the sessions file, a line each), each wrk thread
-- asking for its share of them in turn.
local lines = {}
for line in io.lines(os.getenv("SESSIONS")) do lines[#lines + 1] = line end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("first", threads)
end

local cookies, turn = {}, 0

function init(args)
  for i = first, #lines, tonumber(os.getenv("THREADS")) do cookies[#cookies + 1] = lines[i]:match("^([^|]+)|") end
end

function request()
  turn = turn + 1
  return wrk.format("GET", os.getenv("TENANT_PATH") .. "/resultats", { ["Cookie"] = cookies[(turn - 1) % #cookies + 1] })
end

function done(summary, latency, requests)
  io.write(string.format("results pages: %d requests, %d errors (non-2xx: %d), %.0f per second, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
