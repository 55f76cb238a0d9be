import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS } from '../../../../src/sim/faults/fault-knobs.js';
import { FaultStore } from '../../../../src/sim/faults/fault-store.js';

describe('FaultStore', () => {
  it('merges global < dataset < stage, field by field', () => {
    const f = new FaultStore(() => {});
    f.patch({
      global: { fileFailureRate: 0.1, holdRate: 0.2 },
      datasets: { demo_raw: { fileFailureRate: 0.3, jobCrashRate: 0.4 } },
      stages: { reco: { fileFailureRate: 0.5 } },
    });
    expect(f.knobs({})).toMatchObject({ fileFailureRate: 0.1, holdRate: 0.2, jobCrashRate: 0 });
    expect(f.knobs({ dataset: 'demo_raw' })).toMatchObject({ fileFailureRate: 0.3, jobCrashRate: 0.4 });
    expect(f.knobs({ dataset: 'demo_raw', stage: 'reco' })).toMatchObject({
      fileFailureRate: 0.5,
      jobCrashRate: 0.4,
      holdRate: 0.2,
      queueDelayMs: DEFAULT_KNOBS.queueDelayMs,
    });
    f.patch({ stages: { reco: null } });
    expect(f.knobs({ stage: 'reco' }).fileFailureRate).toBe(0.1);
  });

  it('validates knobs', () => {
    const f = new FaultStore(() => {});
    expect(() => f.patch({ global: { fileFailureRate: 2 } })).toThrow();
    expect(() => f.replace({ lens: { outage: 'sometimes' } })).toThrow();
  });

  it('counts launch failures down at the most specific level that sets them', () => {
    let changes = 0;
    const f = new FaultStore(() => changes++);
    f.patch({
      global: { launchFailure: 'token' },
      stages: { reco: { launchFailure: 'submit', launchFailureCount: 2 } },
    });
    expect(f.takeLaunchFailure({ stage: 'reco' })).toBe('submit');
    expect(f.takeLaunchFailure({ stage: 'reco' })).toBe('submit');
    expect(f.takeLaunchFailure({ stage: 'reco' })).toBe('none');
    expect(f.takeLaunchFailure({ stage: 'ana' })).toBe('token');
    expect(f.takeLaunchFailure({ stage: 'ana' })).toBe('token');
    expect(f.get().stages.reco.launchFailureCount).toBe(0);
    expect(changes).toBeGreaterThan(2);
  });

  it('SAM and Lens knobs have defaults', () => {
    const f = new FaultStore(() => {});
    expect(f.sam()).toEqual({ outage: 'off', slowRealMs: 0, queryLimit: null });
    f.patch({ lens: { lagMs: 30_000 } });
    expect(f.lens()).toEqual({ outage: 'off', lagMs: 30_000, slowRealMs: 0 });
  });
});
