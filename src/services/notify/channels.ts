import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import type { MessageText } from '../../domain/notify/message-text.js';

/** One message to one address; `key` is the same for every attempt of it (receivers dedupe on it). */
export interface OutgoingMessage extends MessageText {
  key: string;
  address: string;
  /** The events it carries, for the webhook's JSON. */
  events: Array<{ event_id: number; kind: string; experiment: string; summary: string; at: string }>;
}

export interface Channel {
  send(m: OutgoingMessage): Promise<void>;
  close?(): void;
}

/** E-mail over SMTP; the Message-ID is derived from the message key, so a resent copy is the same message. */
export function emailChannel(smtpUrl: string, from: string, timeoutS: number): Channel {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: timeoutS * 1000,
    greetingTimeout: timeoutS * 1000,
    socketTimeout: timeoutS * 1000,
  });
  return {
    async send(m) {
      await transport.sendMail({
        from,
        to: m.address,
        subject: m.subject,
        text: m.text,
        messageId: `<${m.key}@poms>`,
        headers: { 'X-POMS-Message-Key': m.key },
      });
    },
    close: () => transport.close(),
  };
}

/** `sha256=<hex>` of the HMAC-SHA256 of `timestamp.body` under `secret` (receivers recompute it). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * JSON POST with a Mattermost/Slack `text` field, signed in X-POMS-Signature; anything but a 2xx
 * answer is a failure (retried).
 */
export function webhookChannel(secret: string, timeoutS: number, now: () => Date): Channel {
  return {
    async send(m) {
      const body = JSON.stringify({ text: m.text, subject: m.subject, key: m.key, events: m.events });
      const timestamp = String(Math.floor(now().getTime() / 1000));
      const res = await fetch(m.address, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-poms-delivery': m.key,
          'x-poms-timestamp': timestamp,
          'x-poms-signature': webhookSignature(secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(timeoutS * 1000),
        redirect: 'error',
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`webhook ${new URL(m.address).host} answered ${res.status}`);
    },
  };
}
