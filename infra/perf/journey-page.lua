-- wrk script: a page of the journey for signed-in owners (the sessions file, a line each), each wrk
-- thread asking for its share of them in turn. PAGE is the page's path below the territory's, where
-- {measure} stands for the owner's own measure (e.g. /resultats, /evaluation, /evaluation/{measure}).
dofile("infra/perf/sessions.lua") -- lines, setup(): the owners, each thread's number

local owners, turn = {}, 0

function init(args)
  for i = first, #lines, tonumber(os.getenv("THREADS")) do
    local cookie, measure = lines[i]:match("^([^|]+)|[^|]+|([^|]+)|")
    owners[#owners + 1] = { cookie = cookie, path = os.getenv("TENANT_PATH") .. os.getenv("PAGE"):gsub("{measure}", measure) }
  end
end

function request()
  turn = turn + 1
  local owner = owners[(turn - 1) % #owners + 1]
  return wrk.format("GET", owner.path, { ["Cookie"] = owner.cookie })
end

dofile("infra/perf/report.lua") -- done(): the summary line, labelled by LABEL
