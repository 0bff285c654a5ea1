-- wrk script: prints the run's figures as one JSON line, prefixed so bench/load.py can find it
-- among wrk's own output. It defines no response() callback on purpose: wrk would then copy
-- every response body into Lua, which costs the shared CPU more for big pages than for the
-- bare view and skews the ratios. wrk counts 4xx and 5xx answers itself (errors.status);
-- bench/load.py checks beforehand that each page answers 200, not a redirect.

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "bytes": %d, "http_errors": %d, '
      .. '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, '
      .. '"latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, '
      .. '"mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes, errors.status,
    errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max,
    latency.mean
  ))
end
