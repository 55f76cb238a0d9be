// How the waiting deliveries of one recipient on one channel become messages. A digest recipient
// waits until the oldest event is `windowS` old, then gets everything waiting in one message; any
// recipient with more than `burstThreshold` messages waiting gets one digest instead of a flood.

export interface Waiting {
  deliveryId: number;
  createdAt: Date;
  digest: boolean;
}

export type GroupPlan = { kind: 'wait'; until: Date } | { kind: 'send'; messages: number[][] };

export function planGroup(
  rows: readonly Waiting[],
  now: Date,
  opts: { windowS: number; burstThreshold: number },
): GroupPlan {
  if (!rows.length) return { kind: 'send', messages: [] };
  const sorted = [...rows].sort((a, b) => a.deliveryId - b.deliveryId);
  const ids = sorted.map((r) => r.deliveryId);
  if (sorted.some((r) => r.digest)) {
    const oldest = Math.min(...sorted.map((r) => r.createdAt.getTime()));
    const until = new Date(oldest + opts.windowS * 1000);
    if (until.getTime() > now.getTime()) return { kind: 'wait', until };
    return { kind: 'send', messages: [ids] };
  }
  if (ids.length > opts.burstThreshold) return { kind: 'send', messages: [ids] };
  return { kind: 'send', messages: ids.map((id) => [id]) };
}
