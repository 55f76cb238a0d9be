import type { Knex } from 'knex';

export interface ApiTokenRow {
  token_id: number;
  experimenter_id: number;
  name: string;
  /** sha256 of the whole token, hex; the token itself is never stored. */
  token_hash: string;
  token_prefix: string;
  /** null = every experiment the owner belongs to. */
  experiment: string | null;
  max_role: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export type NewApiToken = Pick<
  ApiTokenRow,
  'experimenter_id' | 'name' | 'token_hash' | 'token_prefix' | 'experiment' | 'max_role' | 'expires_at'
>;

/** A token with its owner's username (what authentication needs in one query). */
export type ApiTokenWithOwner = ApiTokenRow & { username: string };

// Personal API tokens: rows are revoked, never deleted, so the audit log keeps pointing somewhere.
export function apiTokenStore(db: Knex | Knex.Transaction) {
  return {
    async insert(row: NewApiToken): Promise<ApiTokenRow> {
      const [created] = await db('api_tokens').insert(row).returning('*');
      return created as ApiTokenRow;
    },
    byHash: (hash: string) =>
      db('api_tokens as t')
        .join('experimenters as x', 'x.experimenter_id', 't.experimenter_id')
        .where('t.token_hash', hash)
        .first('t.*', 'x.username') as Promise<ApiTokenWithOwner | undefined>,
    byId: (experimenterId: number, id: number) =>
      db<ApiTokenRow>('api_tokens')
        .where({ token_id: id, experimenter_id: experimenterId })
        .first() as Promise<ApiTokenRow | undefined>,
    /** The owner's tokens, newest first (bounded: a person has a handful). */
    ofExperimenter: (experimenterId: number) =>
      db<ApiTokenRow>('api_tokens')
        .where({ experimenter_id: experimenterId })
        .orderBy('token_id', 'desc')
        .limit(500) as Promise<ApiTokenRow[]>,
    async revoke(id: number, at: Date): Promise<void> {
      await db('api_tokens').where({ token_id: id }).whereNull('revoked_at').update({ revoked_at: at });
    },
    async touch(id: number, at: Date): Promise<void> {
      await db('api_tokens').where({ token_id: id }).update({ last_used_at: at });
    },
  };
}
