import type { Knex } from 'knex';
import type { NotifyConfig } from '../../config/notify-config.js';
import {
  notifyOutboxStore,
  type EventRow,
  type PlannedDelivery,
} from '../../db/stores/notify-outbox-store.js';
import { notifySubscriptionStore } from '../../db/stores/notify-subscription-store.js';

export interface PlannerDeps {
  db: Knex;
  config: NotifyConfig;
  /** Null: webhooks cannot be signed, so none is planned. */
  webhookSecret: string | null;
  now: () => Date;
}

const BATCH = 200;

/**
 * Turns outbox events into deliveries: one per subscriber and channel, and one to the site webhook.
 * Each batch is one transaction (events locked, deliveries inserted, events marked planned), and
 * (event, recipient, channel) is unique, so planning twice never plans a message twice.
 */
export async function planDeliveries(deps: PlannerDeps, signal?: AbortSignal): Promise<number> {
  const { db } = deps;
  let planned = 0;
  for (;;) {
    signal?.throwIfAborted();
    const n = await db.transaction(async (trx) => {
      const store = notifyOutboxStore(db);
      const events = await store.unplanned(trx, BATCH);
      const rows = (await Promise.all(events.map((e) => deliveriesOf(trx, deps, e)))).flat();
      await store.plan(
        trx,
        events.map((e) => e.event_id),
        rows,
        deps.now(),
      );
      return events.length;
    });
    planned += n;
    if (n < BATCH) return planned;
  }
}

async function deliveriesOf(
  trx: Knex.Transaction,
  deps: PlannerDeps,
  e: EventRow,
): Promise<PlannedDelivery[]> {
  const { config } = deps;
  const windowMs = config.digest_window_s * 1000;
  const created = new Date(e.created_at);
  const due = (digest: boolean) => (digest ? new Date(created.getTime() + windowMs) : created);
  const out: PlannedDelivery[] = [];
  const subs = await notifySubscriptionStore(trx).subscribers(e.experiment, e.campaign_id, e.kind);
  for (const s of subs) {
    const recipient = `user:${s.experimenter_id}`;
    const base = { event_id: e.event_id, recipient, digest: s.digest, due_at: due(s.digest) };
    if (s.email && s.address_email && config.smtp_url)
      out.push({ ...base, channel: 'email', address: s.address_email });
    if (s.webhook && s.webhook_url && deps.webhookSecret)
      out.push({ ...base, channel: 'webhook', address: s.webhook_url });
  }
  if (config.webhook_url && deps.webhookSecret)
    out.push({
      event_id: e.event_id,
      recipient: 'site',
      channel: 'webhook',
      address: config.webhook_url,
      digest: config.site_digest,
      due_at: due(config.site_digest),
    });
  return out;
}
