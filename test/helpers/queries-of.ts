import type { Knex } from 'knex';

/** Queries `fn` sends through `db` (knex's 'query' event). */
export async function queriesOf(db: Knex, fn: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const count = () => n++;
  db.on('query', count);
  try {
    await fn();
  } finally {
    db.removeListener('query', count);
  }
  return n;
}
