/**
 * Delay before retry number `attempts` (1 = the first retry) in seconds: base · 2^(attempts-1),
 * capped at `max`. Deterministic, so a test can drive the clock to the exact retry time.
 */
export function retryDelayS(attempts: number, baseS: number, maxS: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(maxS, baseS * 2 ** Math.min(n - 1, 30));
}
