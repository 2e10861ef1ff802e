-- wrk script for bench_relay: each thread sends its own list of pre-signed raw requests
-- (WRK_REQUESTS.<thread>: 4-byte big-endian length, then the request), one after the other.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(os.getenv("WRK_REQUESTS") .. "." .. id, "rb"))
  local data = f:read("*a")
  f:close()
  requests = {}
  local pos = 1
  while pos + 3 <= #data do
    local a, b, c, d = data:byte(pos, pos + 3)
    local n = ((a * 256 + b) * 256 + c) * 256 + d
    table.insert(requests, data:sub(pos + 4, pos + 3 + n))
    pos = pos + 4 + n
  end
  index = 0
end

function request()
  index = index + 1
  if index > #requests then index = 1 end  -- replays: counted as non-2xx, the list was short
  return requests[index]
end
