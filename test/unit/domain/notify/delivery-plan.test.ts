import { describe, expect, it } from 'vitest';
import { retryDelayS } from '../../../../src/domain/notify/backoff.js';
import { planGroup, type Waiting } from '../../../../src/domain/notify/delivery-plan.js';
import { messageText } from '../../../../src/domain/notify/message-text.js';

const t0 = new Date('2026-12-06T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const rows = (n: number, digest: boolean): Waiting[] =>
  Array.from({ length: n }, (_, i) => ({ deliveryId: i + 1, createdAt: at(i), digest }));
const opts = { windowS: 300, burstThreshold: 20 };

describe('planGroup', () => {
  it('sends each message on its own below the burst threshold', () => {
    expect(planGroup(rows(3, false), at(10), opts)).toEqual({ kind: 'send', messages: [[1], [2], [3]] });
  });

  it('turns a burst into one digest', () => {
    const p = planGroup(rows(200, false), at(200), opts);
    expect(p).toEqual({ kind: 'send', messages: [rows(200, false).map((r) => r.deliveryId)] });
  });

  it('holds a digest until its oldest event is a window old, then sends everything at once', () => {
    expect(planGroup(rows(5, true), at(299), opts)).toEqual({ kind: 'wait', until: at(300) });
    expect(planGroup(rows(5, true), at(300), opts)).toEqual({ kind: 'send', messages: [[1, 2, 3, 4, 5]] });
  });
});

describe('retryDelayS', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 10, 100].map((n) => retryDelayS(n, 30, 3600))).toEqual([
      30, 60, 120, 240, 3600, 3600,
    ]);
  });
});

describe('messageText', () => {
  const ev = (i: number, kind: 'submission.failed' | 'campaign.stalled') => ({
    eventId: i,
    kind,
    experiment: 'mu2e',
    summary: `Submission ${i} Failed`,
    createdAt: at(i),
    link: null,
  });

  it('one event: its summary', () => {
    expect(messageText([ev(1, 'submission.failed')])).toEqual({
      subject: '[POMS mu2e] Submission 1 Failed',
      text: '2026-12-06T10:00:01.000Z Submission 1 Failed',
    });
  });

  it('a digest counts events per kind and lists a bounded number of lines', () => {
    const events = [
      ...Array.from({ length: 199 }, (_, i) => ev(i, 'submission.failed')),
      ev(500, 'campaign.stalled'),
    ];
    const m = messageText(events, 50);
    expect(m.subject).toBe(
      '[POMS mu2e] digest: 200 events (199 × a submission Failed, 1 × a campaign stalled)',
    );
    expect(m.text.split('\n')).toHaveLength(52);
    expect(m.text).toMatch(/… and 150 more$/);
  });
});
