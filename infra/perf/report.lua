-- wrk's summary as one line, named by the LABEL environment variable: requests, errors, rate and
-- latency percentiles. Used alone (-s) or loaded by the other scripts (dofile).
function done(summary, latency, requests)
  io.write(string.format("%s: %d requests, %d errors (non-2xx: %d), %.0f per second, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n",
    os.getenv("LABEL"), summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
