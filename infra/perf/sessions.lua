-- What the journey's wrk scripts share (dofile): the signed-in owners of the sessions file (SESSIONS,
-- a line each: cookie|antiforgery token|measure|node=version,...) and each thread's number, "first",
-- from which it takes every THREADS-th owner.
lines = {}
for line in io.lines(os.getenv("SESSIONS")) do lines[#lines + 1] = line end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("first", threads)
end
