import { vi } from 'vitest';
import type { SimClock } from '../../src/sim/clock/sim-clock.js';

/**
 * One calendar for POMS and the simulator in a test: POMS in this process reads the simulator's
 * manual clock as its own (`Date` follows every move of it), so no file, project or job time lies
 * in POMS's future. Returns the undo.
 */
export function followSimClock(clock: SimClock): () => void {
  if (clock.mode !== 'manual') return () => undefined;
  vi.useFakeTimers({ toFake: ['Date'] });
  clock.onMove((ms) => vi.setSystemTime(ms));
  return () => vi.useRealTimers();
}
