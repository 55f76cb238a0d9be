import type { Knex } from 'knex';

export interface AuditEntry {
  experimenterId: number | null;
  actor: string;
  experiment: string | null;
  action: string;
  objectKind: string;
  objectId: string | number | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log; pass the transaction so the entry commits with the change it records. */
export async function recordAudit(db: Knex | Knex.Transaction, e: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    experimenter_id: e.experimenterId,
    actor: e.actor,
    experiment: e.experiment,
    action: e.action,
    object_kind: e.objectKind,
    object_id: e.objectId === null ? null : String(e.objectId),
    details: JSON.stringify(e.details ?? {}),
  });
}
