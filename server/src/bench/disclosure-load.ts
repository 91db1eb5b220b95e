import type { ServerProcess } from './disclosure-process';

/** The parts of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  setupRequest?: (req: AutocannonRequest, context: unknown) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; requests: AutocannonRequest[] }) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  failures: number;
}

/**
 * Drives a server with autocannon, each request's path from `nextPath`: a short warm-up first
 * (not counted), then the measured run while the server's memory is sampled.
 */
export async function drive(server: ServerProcess, nextPath: () => string, o: { connections: number; duration: number; warmup: number }): Promise<LoadResult> {
  const requests: AutocannonRequest[] = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: nextPath() }) }];
  const stopSampling = server.samplePeakRss();
  if (o.warmup > 0) await autocannon({ url: server.url, connections: o.connections, duration: o.warmup, requests });
  const r = await autocannon({ url: server.url, connections: o.connections, duration: o.duration, requests });
  return { reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, peakRssMb: stopSampling(), failures: r.errors + r.timeouts + r.non2xx };
}
