-- wrk script: saves answers as the questionnaire's autosave does (POST ?handler=Task). The sessions
-- file has one signed-in owner per line (cookie|antiforgery token|measure|node=version,...), each on a
-- measure of its own. A wrk thread takes its share of the owners and sends their saves in turn over
-- its connections; each save names the version its task last had, read from the response, which
-- names its task: no save conflicts with another.
dofile("infra/perf/sessions.lua") -- lines, setup(): the owners, each thread's number

local owners, versions, statuses, turn = {}, {}, {}, 0

function init(args)
  local count = tonumber(os.getenv("THREADS"))
  for i = first, #lines, count do
    local cookie, token, measure, nodelist = lines[i]:match("^([^|]+)|([^|]+)|([^|]+)|(.+)$")
    local owner = { cookie = cookie, token = token, measure = measure, nodes = {} }
    for node, version in nodelist:gmatch("([^,=]+)=(%d+)") do
      owner.nodes[#owner.nodes + 1] = node
      versions[node] = version
    end
    owners[#owners + 1] = owner
  end
end

function request()
  turn = turn + 1
  local owner = owners[(turn - 1) % #owners + 1]
  local round = math.floor((turn - 1) / #owners)
  local node = owner.nodes[round % #owner.nodes + 1]
  -- Alternate fait / pas fait, so that every request is a real change with its history row.
  statuses[node] = statuses[node] == "fait" and "pas_fait" or "fait"
  local body = "NodeId=" .. node .. "&Status=" .. statuses[node] .. "&SeenVersion=" .. versions[node] ..
    "&__RequestVerificationToken=" .. owner.token
  return wrk.format("POST", os.getenv("TENANT_PATH") .. "/evaluation/" .. owner.measure .. "?handler=Task",
    { ["Cookie"] = owner.cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  local task, version = body:match('"task":"([^"]+)".*"version":(%d+)')
  if task then versions[task] = version end
end

dofile("infra/perf/report.lua") -- done(): the summary line, labelled by LABEL
