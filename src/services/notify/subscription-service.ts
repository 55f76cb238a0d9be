import type { Knex } from 'knex';
import {
  notifySubscriptionStore,
  type SubscriptionInput,
} from '../../db/stores/notify-subscription-store.js';
import { EVENT_KINDS, EVENT_LABELS, type EventKind } from '../../domain/notify/event-kinds.js';
import { invalid, notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { UserContext } from '../user-context.js';

export interface ChannelsAvailable {
  email: boolean;
  webhook: boolean;
}

/** What a person wants to hear about and where: the profile's Notifications and "Notify me". */
export function subscriptionService(db: Knex, available: ChannelsAvailable) {
  const store = notifySubscriptionStore(db);

  async function campaignOf(experiment: string, campaignId: number) {
    const c = await db('campaigns')
      .where({ campaign_id: campaignId, experiment })
      .first('campaign_id', 'name');
    if (!c) throw notFound(`campaign ${campaignId} in ${experiment}`);
    return c as { campaign_id: number; name: string };
  }

  return {
    kinds: EVENT_KINDS.map((k) => ({ kind: k, label: EVENT_LABELS[k] })),
    available,
    async mine(user: UserContext) {
      const [subscriptions, settings] = await Promise.all([
        store.list(user.experimenterId),
        store.settings(user.experimenterId),
      ]);
      return {
        subscriptions,
        settings: {
          email: settings?.email ?? null,
          account_email: settings?.account_email ?? null,
          webhook_url: settings?.webhook_url ?? null,
        },
        kinds: EVENT_KINDS.map((k) => ({ kind: k, label: EVENT_LABELS[k] })),
        channels: available,
      };
    },
    /** The caller's subscription to one campaign (null: none), for the campaign page's control. */
    async forCampaign(user: UserContext, experiment: string, campaignId: number) {
      await requireExperiment(db, user, experiment);
      await campaignOf(experiment, campaignId);
      const subs = await store.list(user.experimenterId, experiment);
      return {
        campaign: subs.find((s) => s.campaign_id === campaignId) ?? null,
        experiment: subs.find((s) => s.campaign_id === null) ?? null,
      };
    },
    async save(user: UserContext, input: SubscriptionInput) {
      await requireExperiment(db, user, input.experiment);
      if (input.campaignId !== null) await campaignOf(input.experiment, input.campaignId);
      if (!input.kinds.length)
        throw invalid('Choose at least one event', [
          { field: 'kinds', message: 'choose at least one event' },
        ]);
      if (!input.email && !input.webhook)
        throw invalid('Choose e-mail, webhook or both', [
          { field: 'email', message: 'choose at least one channel' },
        ]);
      const id = await store.save(user.experimenterId, input);
      return { subscription_id: id, ...input };
    },
    async remove(user: UserContext, experiment: string, campaignId: number | null) {
      await requireExperiment(db, user, experiment);
      return { removed: await store.remove(user.experimenterId, experiment, campaignId) };
    },
    async saveSettings(user: UserContext, s: { email: string | null; webhook_url: string | null }) {
      await store.saveSettings(user.experimenterId, s.email, s.webhook_url);
      return s;
    },
  };
}

/** Every kind, for a "Notify me" click without choices. */
export const ALL_KINDS: EventKind[] = [...EVENT_KINDS];
