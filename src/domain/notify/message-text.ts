import { EVENT_LABELS, type EventKind } from './event-kinds.js';

export interface EventForMessage {
  eventId: number;
  kind: EventKind;
  experiment: string;
  summary: string;
  createdAt: Date;
  /** Absolute link to the page of what happened, when POMS knows its base URL. */
  link: string | null;
}

export interface MessageText {
  subject: string;
  /** Plain text; also the webhook's Mattermost/Slack `text`. */
  text: string;
}

const line = (e: EventForMessage) => `${e.createdAt.toISOString()} ${e.summary}${e.link ? ` ${e.link}` : ''}`;

/** One event, or a digest of several, as a subject and a text; digests count events per kind. */
export function messageText(events: readonly EventForMessage[], maxLines = 50): MessageText {
  if (events.length === 1) {
    const e = events[0];
    return { subject: `[POMS ${e.experiment}] ${e.summary}`, text: line(e) };
  }
  const counts = new Map<EventKind, number>();
  for (const e of events) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const tally = [...counts].map(([k, n]) => `${n} × ${EVENT_LABELS[k]}`).join(', ');
  const experiments = [...new Set(events.map((e) => e.experiment))].join(', ');
  const shown = events.slice(0, maxLines).map(line);
  const more = events.length > maxLines ? [`… and ${events.length - maxLines} more`] : [];
  return {
    subject: `[POMS ${experiments}] digest: ${events.length} events (${tally})`,
    text: [`POMS digest: ${events.length} events — ${tally}`, ...shown, ...more].join('\n'),
  };
}
