/**
 * Latency percentiles per operation, from the durations of every response a target sent for
 * it (all status codes together). `npm run compare` watches p95 across runs.
 */
import type { AttachedExchange } from './attachments.ts';
import type { OperationLatency } from './results.ts';

/**
 * The nearest-rank percentile of sorted values: the smallest value with at least `percent` of
 * the values at or below it. No interpolation, so the result is always an observed duration.
 */
export function percentile(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));

  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

/** p50 / p95 / max per operation on one target, sorted by operation id. */
export function operationLatencies(
  target: string,
  exchanges: readonly AttachedExchange[],
): OperationLatency[] {
  const byOperation = new Map<string, number[]>();
  for (const exchange of exchanges) {
    if (exchange.durationMs === null || exchange.observedStatus === null) continue;
    const durations = byOperation.get(exchange.operationId) ?? [];
    durations.push(exchange.durationMs);
    byOperation.set(exchange.operationId, durations);
  }

  return [...byOperation.keys()].sort().map((operationId) => {
    const sorted = (byOperation.get(operationId) ?? []).sort((a, b) => a - b);

    return {
      target,
      operationId,
      count: sorted.length,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      maxMs: sorted.at(-1) ?? 0,
    };
  });
}
