import type { Knex } from 'knex';
import type { EventKind } from '../../domain/notify/event-kinds.js';

export interface SubscriptionRow {
  subscription_id: number;
  experimenter_id: number;
  experiment: string;
  campaign_id: number | null;
  campaign: string | null;
  kinds: EventKind[];
  email: boolean;
  webhook: boolean;
  digest: boolean;
}

export interface SubscriptionInput {
  experiment: string;
  campaignId: number | null;
  kinds: EventKind[];
  email: boolean;
  webhook: boolean;
  digest: boolean;
}

/** A subscriber of one event with where to reach them (members of the experiment, or root). */
export interface Subscriber {
  experimenter_id: number;
  address_email: string | null;
  webhook_url: string | null;
  email: boolean;
  webhook: boolean;
  digest: boolean;
}

const scopeKey = (campaignId: number | null) => (campaignId ? `campaign:${campaignId}` : 'experiment');

// Per person: what they want to hear about (table notify_subscriptions) and where (notify_settings).
export function notifySubscriptionStore(db: Knex | Knex.Transaction) {
  return {
    async list(experimenterId: number, experiment?: string): Promise<SubscriptionRow[]> {
      const q = db('notify_subscriptions as n')
        .leftJoin('campaigns as c', 'c.campaign_id', 'n.campaign_id')
        .where('n.experimenter_id', experimenterId)
        .orderBy(['n.experiment', 'n.campaign_id'])
        .select('n.*', 'c.name as campaign');
      if (experiment) q.where('n.experiment', experiment);
      return (await q) as SubscriptionRow[];
    },
    /** One subscription per person and scope: saving again replaces it. */
    async save(experimenterId: number, s: SubscriptionInput): Promise<number> {
      const [row] = await db('notify_subscriptions')
        .insert({
          experimenter_id: experimenterId,
          experiment: s.experiment,
          campaign_id: s.campaignId,
          scope_key: scopeKey(s.campaignId),
          kinds: JSON.stringify(s.kinds),
          email: s.email,
          webhook: s.webhook,
          digest: s.digest,
        })
        .onConflict(['experimenter_id', 'experiment', 'scope_key'])
        .merge(['kinds', 'email', 'webhook', 'digest'])
        .returning('subscription_id');
      return Number(row.subscription_id);
    },
    async remove(experimenterId: number, experiment: string, campaignId: number | null): Promise<number> {
      const gone = await db('notify_subscriptions')
        .where({ experimenter_id: experimenterId, experiment, scope_key: scopeKey(campaignId) })
        .delete('subscription_id');
      return gone.length;
    },
    settings: (experimenterId: number) =>
      db('experimenters as x')
        .leftJoin('notify_settings as s', 's.experimenter_id', 'x.experimenter_id')
        .where('x.experimenter_id', experimenterId)
        .first('x.email as account_email', 's.email', 's.webhook_url') as Promise<
        { account_email: string | null; email: string | null; webhook_url: string | null } | undefined
      >,
    async saveSettings(experimenterId: number, email: string | null, webhookUrl: string | null) {
      await db('notify_settings')
        .insert({ experimenter_id: experimenterId, email, webhook_url: webhookUrl, updated_at: new Date() })
        .onConflict('experimenter_id')
        .merge();
    },
    /** Everyone subscribed to `kind` in the experiment or the campaign, still allowed to see it. */
    async subscribers(experiment: string, campaignId: number | null, kind: string): Promise<Subscriber[]> {
      const { rows } = (await db.raw(
        `select n.experimenter_id, coalesce(s.email, x.email) as address_email, s.webhook_url,
                bool_or(n.email) as email, bool_or(n.webhook) as webhook, bool_or(n.digest) as digest
         from notify_subscriptions n
         join experimenters x on x.experimenter_id = n.experimenter_id
         left join notify_settings s on s.experimenter_id = n.experimenter_id
         where n.experiment = ? and (n.campaign_id is null or n.campaign_id = ?)
           and n.kinds @> ?::jsonb
           and (x.root or exists (select 1 from memberships m where m.experimenter_id = x.experimenter_id
                                  and m.experiment = n.experiment and m.active))
         group by n.experimenter_id, coalesce(s.email, x.email), s.webhook_url`,
        [experiment, campaignId, JSON.stringify([kind])],
      )) as { rows: Subscriber[] };
      return rows;
    },
  };
}
