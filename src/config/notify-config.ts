import * as z from 'zod';
import { emptyToUndefined, seconds } from './config-values.js';

/**
 * Public, so config/exposure.ts accepts it only in dev mode on loopback; elsewhere webhooks need
 * a configured [notify] webhook_secret.
 */
export const DEV_WEBHOOK_SECRET = 'poms-dev-webhook-secret';

// [notify] (issue 18): e-mail over SMTP and signed webhooks, drained from the outbox by a loop.
export const notifySection = z.object({
  /** smtp://user:pass@host:port or smtps://…; unset: no e-mail is sent. */
  smtp_url: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .refine((u) => URL.canParse(u), 'is not a valid URL')
      .optional(),
  ),
  from: z.string().min(3).default('POMS <poms@localhost>'),
  /** Every event, for operators (POMS_NOTIFY_WEBHOOK_URL overrides it). */
  webhook_url: z.preprocess(emptyToUndefined, z.url().optional()),
  /** HMAC-SHA256 key of the X-POMS-Signature header; required outside dev on loopback. */
  webhook_secret: z.preprocess(
    emptyToUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  /** Batch the site webhook's messages like a person's digest. */
  site_digest: z
    .preprocess((v) => (typeof v === 'string' ? /^(true|yes|on|1)$/i.test(v) : v), z.boolean())
    .default(false),
  /** A digest collects the events of this window into one message. */
  digest_window_s: seconds.default(300),
  /** More than this many messages waiting for one recipient go out as one digest anyway. */
  burst_threshold: z.coerce.number().int().min(2).default(20),
  /** A submission Held this long notifies (submission.held). */
  held_after_min: seconds.default(60),
  delivery_interval_s: seconds.default(15),
  /** First retry after this long, doubling up to max_backoff_s. */
  retry_base_s: seconds.default(30),
  max_backoff_s: seconds.default(3600),
  max_attempts: z.coerce.number().int().min(1).default(12),
  /** A claimed delivery not recorded within this long is retried (the sender died). */
  lease_s: seconds.default(120),
  /** Production credentials expiring within this many hours notify (credential.expiring). */
  credential_warn_hours: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(48),
  /** Default stall threshold of experiments that set none: hours without a located file. */
  stall_hours: z.coerce.number().int().min(1).max(720).default(6),
  timeout_s: seconds.default(10),
});

export type NotifyConfig = z.infer<typeof notifySection>;
