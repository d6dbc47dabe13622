-- wrk script of scripts/loadtest.py: sends the persona's session cookie, counts answers
-- other than 200 (a login redirect would otherwise pass for a very fast page) and prints
-- one line of JSON with the throughput and the latency percentiles.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
  think = tonumber(os.getenv("QNET_THINK_MS") or "0")
  local cookie = os.getenv("QNET_COOKIE") or ""
  if cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
end

-- With a think time each connection is a person who reads the page before the next click;
-- wrk measures only the request itself, not the wait.
function delay()
  return think
end

function response(status, headers, body)
  if status ~= 200 then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
  end
  local errors = summary.errors
  io.write(string.format(
    'QNET_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "not_200": %d, '
      .. '"socket_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    bad, errors.connect + errors.read + errors.write, errors.timeout
  ))
end
