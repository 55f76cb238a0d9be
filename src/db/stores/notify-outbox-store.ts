import type { Knex } from 'knex';
import type { NotifyEvent } from '../../domain/notify/event-kinds.js';

/**
 * Writes an event to the outbox in the caller's transaction (the one making the change that
 * causes it). An event whose dedupe_key is already there is ignored: returns false.
 */
export async function recordEvent(
  trx: Knex | Knex.Transaction,
  ev: NotifyEvent,
  at: Date = new Date(),
): Promise<boolean> {
  const rows = await trx('notify_events')
    .insert({
      kind: ev.kind,
      experiment: ev.experiment,
      campaign_id: ev.campaignId ?? null,
      stage_id: ev.stageId ?? null,
      submission_id: ev.submissionId ?? null,
      summary: ev.summary,
      details: JSON.stringify(ev.details ?? {}),
      dedupe_key: ev.dedupeKey ?? null,
      created_at: at,
    })
    .onConflict('dedupe_key')
    .ignore()
    .returning('event_id');
  return rows.length > 0;
}

export interface EventRow {
  event_id: number;
  kind: string;
  experiment: string;
  campaign_id: number | null;
  stage_id: number | null;
  submission_id: number | null;
  summary: string;
  details: Record<string, unknown>;
  created_at: Date;
}

export interface PlannedDelivery {
  event_id: number;
  recipient: string;
  channel: 'email' | 'webhook';
  address: string;
  digest: boolean;
  due_at: Date;
}

export interface DeliveryRow extends PlannedDelivery {
  delivery_id: number;
  attempts: number;
  /** The event's time (a digest window counts from it). */
  created_at: Date;
}

const PENDING = 'd.delivered_at is null and d.gave_up_at is null';

// The delivery side of the outbox. Times come from the caller's clock (the simulated one in tests),
// so backoff and digest windows follow the clock the events were written with.
export function notifyOutboxStore(db: Knex) {
  return {
    /** Events not yet planned, oldest first, each locked for the planning transaction. */
    unplanned: (trx: Knex.Transaction, limit: number) =>
      trx('notify_events')
        .whereNull('planned_at')
        .orderBy('event_id')
        .limit(limit)
        .forUpdate()
        .skipLocked() as Promise<EventRow[]>,
    /** Idempotent: (event, recipient, channel) is unique. */
    async plan(trx: Knex.Transaction, eventIds: number[], rows: PlannedDelivery[], at: Date) {
      if (rows.length)
        await trx('notify_deliveries').insert(rows).onConflict(['event_id', 'recipient', 'channel']).ignore();
      if (eventIds.length)
        await trx('notify_events').whereIn('event_id', eventIds).update({ planned_at: at });
    },
    /** Recipients (recipient, channel, address) with something due and not leased by a live sender. */
    async dueTargets(now: Date, limit: number) {
      const { rows } = (await db.raw(
        `select distinct d.recipient, d.channel, d.address from notify_deliveries d
         where ${PENDING} and d.due_at <= ? and (d.lease_until is null or d.lease_until < ?)
         limit ?`,
        [now, now, limit],
      )) as { rows: Array<{ recipient: string; channel: 'email' | 'webhook'; address: string }> };
      return rows;
    },
    /**
     * Leases every waiting delivery of one target (a digest's rows whether due or not: they go out
     * together) to `owner` until `until` (skipping rows another
     * sender holds). A sender that dies leaves its lease to expire; another one then retries.
     */
    async claim(
      target: { recipient: string; channel: string; address: string },
      owner: string,
      now: Date,
      until: Date,
      limit: number,
    ): Promise<DeliveryRow[]> {
      const { rows } = (await db.raw(
        `update notify_deliveries u set lease_owner = ?, lease_until = ?
         from notify_events e
         where e.event_id = u.event_id and u.delivery_id in (
           select d.delivery_id from notify_deliveries d
           where ${PENDING} and d.recipient = ? and d.channel = ? and d.address = ?
             and (d.lease_until is null or d.lease_until < ?) and (d.due_at <= ? or d.digest)
           order by d.delivery_id limit ? for update skip locked)
         returning u.delivery_id, u.event_id, u.recipient, u.channel, u.address, u.digest, u.due_at,
                   u.attempts, e.created_at`,
        [owner, until, target.recipient, target.channel, target.address, now, now, limit],
      )) as { rows: DeliveryRow[] };
      return rows.map((r) => ({ ...r, delivery_id: Number(r.delivery_id), event_id: Number(r.event_id) }));
    },
    events: (ids: number[]) =>
      db('notify_events').whereIn('event_id', ids).orderBy('event_id') as Promise<EventRow[]>,
    /** Recorded only while `owner` still holds the lease; returns how many it recorded. */
    async delivered(ids: number[], owner: string, at: Date, messageKey: string): Promise<number> {
      const rows = await db('notify_deliveries')
        .whereIn('delivery_id', ids)
        .where({ lease_owner: owner })
        .whereNull('delivered_at')
        .update({ delivered_at: at, message_key: messageKey, lease_owner: null, lease_until: null })
        .returning('delivery_id');
      return rows.length;
    },
    async failed(ids: number[], owner: string, error: string, retryAt: Date | null, at: Date) {
      await db('notify_deliveries')
        .whereIn('delivery_id', ids)
        .where({ lease_owner: owner })
        .update({
          attempts: db.raw('attempts + 1'),
          last_error: error.slice(0, 1000),
          lease_owner: null,
          lease_until: null,
          ...(retryAt ? { due_at: retryAt } : { gave_up_at: at }),
        });
    },
    /** Gives leases back (an orderly stop), so another process need not wait for them to expire. */
    release: (ids: number[], owner: string) =>
      db('notify_deliveries')
        .whereIn('delivery_id', ids)
        .where({ lease_owner: owner })
        .update({ lease_owner: null, lease_until: null }),
  };
}
