-- wrk script: saves answers as the questionnaire's autosave does (POST ?handler=Task). Each wrk thread
-- is one signed-in owner: one line of the sessions file (cookie|antiforgery token|node=version,...),
-- with one connection, so it always names the version it last saw and never conflicts with itself.
local lines = {}
for line in io.lines(os.getenv("SESSIONS")) do lines[#lines + 1] = line end
local next_line = 0

function setup(thread)
  next_line = next_line % #lines + 1
  thread:set("session", lines[next_line])
end

local cookie, token, nodes, versions, statuses, turn, pending

function init(args)
  local nodelist
  cookie, token, nodelist = session:match("^([^|]+)|([^|]+)|(.+)$")
  nodes, versions, statuses = {}, {}, {}
  for node, version in nodelist:gmatch("([^,=]+)=(%d+)") do
    nodes[#nodes + 1] = node
    versions[node] = version
  end
  turn = 0
end

function request()
  turn = turn + 1
  pending = nodes[(turn - 1) % #nodes + 1]
  -- Alternate fait / pas fait, so that every request is a real change with its history row.
  statuses[pending] = statuses[pending] == "fait" and "pas_fait" or "fait"
  local body = "NodeId=" .. pending .. "&Status=" .. statuses[pending] .. "&SeenVersion=" .. versions[pending] ..
    "&__RequestVerificationToken=" .. token
  return wrk.format("POST", os.getenv("TENANT_PATH") .. "/evaluation/1.1?handler=Task",
    { ["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  local version = body:match('"version":(%d+)')
  if version then versions[pending] = version end
end

function done(summary, latency, requests)
  io.write(string.format("answer saves: %d requests, %d errors (non-2xx: %d), %.0f per second, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
