-- wrk script for bench/partnerships-network.sh: like wrk-report.lua (any answer that is not 2xx is an error),
-- with the 95th percentile the partnership goal is stated in.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not2xx = not2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("not2xx")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f not2xx=%d socket=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad, e.connect + e.read + e.write + e.timeout))
end
