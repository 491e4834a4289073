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

dofile("infra/perf/report.lua") -- done(): the summary line, labelled by LABEL
