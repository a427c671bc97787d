// The load half of npm run bench, run as its own process: autocannon against a listening Vaka.
// Arguments: base URL, session cookie, seconds per endpoint, then the endpoints. Prints JSON.
import autocannon from 'autocannon';

const [base, cookie, seconds, ...paths] = process.argv.slice(2);
const results = [];
for (const path of paths) {
  const result = await autocannon({
    url: `${base}${path}`,
    connections: 10,
    duration: Number(seconds),
    headers: cookie ? { cookie } : {},
  });
  results.push({
    path,
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  });
}
console.log(JSON.stringify(results));
