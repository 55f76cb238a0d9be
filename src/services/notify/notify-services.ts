import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../../config/config-schema.js';
import type { CredentialService } from '../credentials/credential-service.js';
import { webhookSecret } from '../../config/exposure.js';
import { notifyDelivery } from './notify-delivery.js';
import { notifyWatch } from './notify-watch.js';
import { stallSettingsService } from './stall-settings-service.js';
import { subscriptionService } from './subscription-service.js';

/** Notifications (issue 18): delivery from the outbox, and who subscribes to what. */
export function notifyServices(deps: {
  db: Knex;
  config: Readonly<Config>;
  log: Logger;
  owner: string;
  now?: () => Date;
  credentials?: Pick<CredentialService, 'expiringProduction'>;
}) {
  const { db, config } = deps;
  const secret = webhookSecret(config);
  const now = deps.now ?? (() => new Date());
  const delivery = notifyDelivery({
    db,
    config: config.notify,
    webhookSecret: secret,
    baseUrl: config.server.base_url,
    now,
    owner: deps.owner,
    log: deps.log,
  });
  return {
    delivery,
    watch: notifyWatch({ db, config: config.notify, now, credentials: deps.credentials }),
    stalls: stallSettingsService(db, config.notify.stall_hours),
    subscriptions: subscriptionService(db, { email: !!config.notify.smtp_url, webhook: !!secret }),
    close: () => delivery.close(),
  };
}
