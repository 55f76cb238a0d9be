import { setTimeout as sleep } from 'node:timers/promises';
import { isAdapterError } from '../adapter-error.js';

export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  /** Delay before the first retry, doubled for each further one, in ms. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** [0, 1) source for jitter; default Math.random. */
  random?: () => number;
}

/**
 * Delay before retry `n` (0-based): the exponential step min(max, base·2ⁿ), of which the second half
 * is jittered, so clients failing together do not come back together.
 */
export function retryDelay(n: number, p: RetryPolicy): number {
  const step = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** n);
  return step / 2 + (p.random ?? Math.random)() * (step / 2);
}

/**
 * Calls `attempt` until it succeeds, fails with a non-transient error, or `retries` retries are spent.
 * Only transient AdapterErrors (unavailable, timeout) are retried; the last error is thrown with the
 * number of attempts made. Aborting `signal` ends the waiting at once with its reason.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (!isAdapterError(e) || !e.transient || n >= policy.retries) {
        if (isAdapterError(e) && n > 0) e.attempts = n + 1;
        throw e;
      }
      await sleep(retryDelay(n, policy), undefined, { signal }).catch((abort: unknown) => {
        throw signal?.aborted ? signal.reason : abort;
      });
    }
  }
}
