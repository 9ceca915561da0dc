-- wrk script for the benchmarks: counts every answer that is not 2xx (wrk's own
-- "Non-2xx or 3xx responses" line does not count 3xx, and a 303 to /login means
-- "not signed in", so it must count as an error), then prints one machine-readable
-- line that bench/lib.sh parses.
-- WRK_DELAY_MS=N makes every connection wait N ms between requests (bench/soak.sh: a steady office load
-- rather than as fast as the machine goes); unset, wrk sends without pause.
local threads = {}
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "")
if delay_ms then
  function delay() return delay_ms end
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not2xx = 0
  redirects = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not2xx = not2xx + 1
    if status >= 300 and status < 400 then
      redirects = redirects + 1
    end
  end
end

function done(summary, latency, requests)
  local bad, redir = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("not2xx")
    redir = redir + t:get("redirects")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "not2xx=%d redirects=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    bad, redir, e.connect, e.read, e.write, e.timeout))
end
