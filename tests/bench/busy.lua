-- Readers going round the public pages listed in BUSY_PATHS (one path a line);
-- counts the page cache's answers, prints one JSON line like percentiles.lua.
local threads = {}

setup = function(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

init = function(args)
  paths = {}
  for line in io.lines(os.getenv("BUSY_PATHS")) do
    table.insert(paths, line)
  end
  index = offset * 7
  hits, misses, other = 0, 0, 0
end

request = function()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

response = function(status, headers, body)
  local state = headers["X-Page-Cache"]
  if state == "hit" then
    hits = hits + 1
  elseif state == "miss" then
    misses = misses + 1
  else
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local h, m, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    m = m + thread:get("misses")
    o = o + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "hits": %d, "misses": %d, ' ..
    '"other": %d, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}, "latency_us": {"p50": %d, "p95": %d, "p99": %d}}\n',
    summary.requests, summary.duration, h, m, o,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
