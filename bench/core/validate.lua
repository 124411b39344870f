-- wrk script: POST /api/token/validate with one HiveMatrix JWT (env TOKEN).
-- TOKEN=... wrk -t2 -c64 -d30s -s bench/core/validate.lua http://127.0.0.1:5000/api/token/validate
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"token":"' .. os.getenv("TOKEN") .. '"}'

done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx responses: %d, socket errors: %d\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
