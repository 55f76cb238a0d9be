import type { Knex } from 'knex';

export interface NewAcknowledgement {
  experiment: string;
  submissionId?: number | null;
  campaignId?: number | null;
  acknowledgedBy: number;
  note?: string | null;
}

// Shifter acknowledgements: append-only rows (see migrations/20261121110000_create-acknowledgements.ts).
export function acknowledgementStore(db: Knex | Knex.Transaction) {
  return {
    async insert(a: NewAcknowledgement): Promise<{ acknowledgement_id: number; at: Date }> {
      const [row] = await db('acknowledgements')
        .insert({
          experiment: a.experiment,
          submission_id: a.submissionId ?? null,
          campaign_id: a.campaignId ?? null,
          acknowledged_by: a.acknowledgedBy,
          note: a.note ?? null,
          at: new Date(),
        })
        .returning(['acknowledgement_id', 'at']);
      return row;
    },
  };
}
