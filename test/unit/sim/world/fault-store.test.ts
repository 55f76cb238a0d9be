import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS, faultsSchema } from '../../../../src/sim/faults/fault-knobs.js';
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

  it('knobs read before a change show the change after it', () => {
    const f = new FaultStore(() => {});
    expect(f.knobs({ stage: 'reco' }).holdRate).toBe(DEFAULT_KNOBS.holdRate);
    f.patch({ stages: { reco: { holdRate: 0.5 } } });
    expect(f.knobs({ stage: 'reco' }).holdRate).toBe(0.5);
    f.replace({});
    expect(f.knobs({ stage: 'reco' }).holdRate).toBe(DEFAULT_KNOBS.holdRate);
    expect(Object.isFrozen(f.knobs({}))).toBe(true);
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

  it('knows the ssh launch failure, vanishRate and the missing-schedd list', () => {
    expect(faultsSchema.parse({}).batch).toEqual({});
    expect(() => faultsSchema.parse({ global: { launchFailure: 'ssh' } })).not.toThrow();
    expect(() => faultsSchema.parse({ global: { launchFailure: 'sshd' } })).toThrow();
    expect(() => faultsSchema.parse({ stages: { reco: { vanishRate: 1 } } })).not.toThrow();
    expect(() => faultsSchema.parse({ stages: { reco: { vanishRate: 1.5 } } })).toThrow();
    expect(() => faultsSchema.parse({ global: { vanishRate: -0.1 } })).toThrow();
    expect(() => faultsSchema.parse({ batch: { missingSchedds: 'sim-schedd01.example' } })).toThrow();
    expect(() => faultsSchema.parse({ batch: { missingSchedds: [''] } })).toThrow();

    const f = new FaultStore(() => {});
    expect(f.knobs({}).vanishRate).toBe(0);
    f.patch({ stages: { reco: { vanishRate: 0.25 } } });
    expect(f.knobs({ stage: 'reco' }).vanishRate).toBe(0.25);
    expect(f.knobs({ stage: 'ana' }).vanishRate).toBe(0);
    expect(f.batch()).toEqual({ missingSchedds: [] });
    expect(f.scheddMissing('sim-schedd01.example')).toBe(false);
    f.patch({ batch: { missingSchedds: ['sim-schedd01.example'] } });
    f.patch({ lens: { lagMs: 5 } }); // other sections leave batch alone
    expect(f.scheddMissing('sim-schedd01.example')).toBe(true);
    expect(f.scheddMissing('sim-schedd02.example')).toBe(false);
    // the knobs survive a save and load (the world persists FaultStore.toJSON)
    const reloaded = new FaultStore(() => {}, JSON.parse(JSON.stringify(f.toJSON())));
    expect(reloaded.batch()).toEqual({ missingSchedds: ['sim-schedd01.example'] });
    expect(reloaded.knobs({ stage: 'reco' }).vanishRate).toBe(0.25);
    f.patch({ batch: { missingSchedds: [] } });
    expect(f.scheddMissing('sim-schedd01.example')).toBe(false);
  });
});
