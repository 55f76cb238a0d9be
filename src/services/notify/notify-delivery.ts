import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { NotifyConfig } from '../../config/notify-config.js';
import { notifyOutboxStore, type DeliveryRow, type EventRow } from '../../db/stores/notify-outbox-store.js';
import { retryDelayS } from '../../domain/notify/backoff.js';
import { planGroup } from '../../domain/notify/delivery-plan.js';
import { isEventKind } from '../../domain/notify/event-kinds.js';
import { messageText } from '../../domain/notify/message-text.js';
import { emailChannel, webhookChannel, type Channel, type OutgoingMessage } from './channels.js';
import { planDeliveries } from './notify-planner.js';

export interface DeliveryDeps {
  db: Knex;
  config: NotifyConfig;
  webhookSecret: string | null;
  /** Absolute base of links in messages ([server] base_url). */
  baseUrl?: string;
  now: () => Date;
  /** Who holds the leases (the loop registry's runner id). */
  owner: string;
  log: Logger;
}

const TARGETS = 500;
const PER_TARGET = 2000;

function linkOf(baseUrl: string | undefined, e: EventRow): string | null {
  if (!baseUrl) return null;
  const exp = encodeURIComponent(e.experiment);
  const path = e.submission_id
    ? `/experiments/${exp}/submissions/${e.submission_id}`
    : e.stage_id
      ? `/experiments/${exp}/stages/${e.stage_id}`
      : e.campaign_id
        ? `/experiments/${exp}/campaigns/${e.campaign_id}`
        : `/experiments/${exp}`;
  return new URL(path, baseUrl).toString();
}

/** The same key on every attempt of the same set of deliveries (Message-ID, X-POMS-Delivery). */
const messageKey = (ids: number[]) =>
  ids.length === 1
    ? `poms-d${ids[0]}`
    : `poms-g${ids[0]}-${crypto.createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}`;

/**
 * Drains the outbox: plans new events, then for each recipient with something due leases its
 * deliveries, sends (one message each, or one digest), and records them delivered — only while it
 * still holds the lease. A failure retries with exponential backoff up to max_attempts. A crash
 * before the send leaves the lease to expire and another sender retries; a crash between the send
 * and the record resends the same message key (at-least-once; receivers may dedupe on it).
 */
export function notifyDelivery(deps: DeliveryDeps) {
  const { config, now } = deps;
  const store = notifyOutboxStore(deps.db);
  const channels: Record<'email' | 'webhook', Channel | null> = {
    email: config.smtp_url ? emailChannel(config.smtp_url, config.from, config.timeout_s) : null,
    webhook: deps.webhookSecret ? webhookChannel(deps.webhookSecret, config.timeout_s, now) : null,
  };

  async function sendOne(rows: DeliveryRow[], events: Map<number, EventRow>): Promise<boolean> {
    const ids = rows.map((r) => r.delivery_id);
    const { channel, address } = rows[0];
    const evs = rows.map((r) => events.get(r.event_id)!).filter(Boolean);
    const text = messageText(
      evs.map((e) => ({
        eventId: e.event_id,
        kind: isEventKind(e.kind) ? e.kind : 'submission.failed',
        experiment: e.experiment,
        summary: e.summary,
        createdAt: new Date(e.created_at),
        link: linkOf(deps.baseUrl, e),
      })),
    );
    const m: OutgoingMessage = {
      ...text,
      key: messageKey(ids),
      address,
      events: evs.map((e) => ({
        event_id: Number(e.event_id),
        kind: e.kind,
        experiment: e.experiment,
        summary: e.summary,
        at: new Date(e.created_at).toISOString(),
      })),
    };
    try {
      const ch = channels[channel];
      if (!ch) throw new Error(`the ${channel} channel is not configured`);
      await ch.send(m);
    } catch (err) {
      const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
      const at = now();
      const retryAt =
        attempts >= config.max_attempts
          ? null
          : new Date(at.getTime() + retryDelayS(attempts, config.retry_base_s, config.max_backoff_s) * 1000);
      deps.log.warn({ err, channel, attempts, retryAt }, 'notification not delivered');
      await store.failed(ids, deps.owner, (err as Error).message, retryAt, at);
      return false;
    }
    // No abort check between the send and this record: a stop lets the message be recorded.
    await store.delivered(ids, deps.owner, now(), m.key);
    return true;
  }

  async function drain(signal?: AbortSignal) {
    let sent = 0;
    let failed = 0;
    let waiting = 0;
    for (const target of await store.dueTargets(now(), TARGETS)) {
      if (signal?.aborted) break;
      const t0 = now();
      const rows = await store.claim(
        target,
        deps.owner,
        t0,
        new Date(t0.getTime() + config.lease_s * 1000),
        PER_TARGET,
      );
      if (!rows.length) continue;
      const plan = planGroup(
        rows.map((r) => ({ deliveryId: r.delivery_id, createdAt: new Date(r.created_at), digest: r.digest })),
        t0,
        { windowS: config.digest_window_s, burstThreshold: config.burst_threshold },
      );
      if (plan.kind === 'wait') {
        waiting += rows.length;
        await store.release(
          rows.map((r) => r.delivery_id),
          deps.owner,
        );
        continue;
      }
      const events = new Map(
        (await store.events([...new Set(rows.map((r) => r.event_id))])).map((e) => [Number(e.event_id), e]),
      );
      const byId = new Map(rows.map((r) => [r.delivery_id, r]));
      for (const [i, ids] of plan.messages.entries()) {
        if (signal?.aborted) {
          // An orderly stop: hand the rest back at once instead of letting their leases run out.
          await store.release(plan.messages.slice(i).flat(), deps.owner);
          break;
        }
        if (
          await sendOne(
            ids.map((id) => byId.get(id)!),
            events,
          )
        )
          sent++;
        else failed++;
      }
    }
    return { sent, failed, waiting };
  }

  return {
    /** One loop run: plan, then send what is due; a one-line summary. */
    async run(signal?: AbortSignal): Promise<string> {
      const planned = await planDeliveries({ ...deps, config }, signal);
      const r = await drain(signal);
      return `${planned} event(s) planned, ${r.sent} message(s) sent, ${r.failed} failed, ${r.waiting} waiting for a digest`;
    },
    drain,
    close() {
      channels.email?.close?.();
    },
  };
}

export type NotifyDelivery = ReturnType<typeof notifyDelivery>;
