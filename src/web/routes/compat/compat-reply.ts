import type { Response } from 'express';
import { sendKept, type Kept } from '../../kept-body.js';

// What a poms_client call answers, as the client reads it: JSON (json.loads), plain text ("Ok.",
// "Task=12", an id), a 303 whose Location it parses, or a page: JSON when the call asked fmt=json,
// else a short text (the original rendered HTML the client never parsed).

export type CompatReply =
  | { kind: 'json'; body: unknown; status?: number }
  /** JSON text (PostgreSQL built it) kept between requests: sent as is, with its ETag, compressed once. */
  | { kind: 'kept'; kept: Kept }
  | { kind: 'text'; body: string; status?: number }
  | { kind: 'redirect'; location: string }
  | { kind: 'page'; json: unknown; text: string };

export const json = (body: unknown, status?: number): CompatReply => ({ kind: 'json', body, status });
export const keptJson = (kept: Kept): CompatReply => ({ kind: 'kept', kept });
export const text = (body: string, status?: number): CompatReply => ({ kind: 'text', body, status });
export const redirect = (location: string): CompatReply => ({ kind: 'redirect', location });
export const page = (body: unknown, summary: string): CompatReply => ({
  kind: 'page',
  json: body,
  text: summary,
});

export async function send(res: Response, reply: CompatReply, fmtJson: boolean): Promise<void> {
  switch (reply.kind) {
    case 'kept':
      return sendKept(res.req, res, reply.kept, 'application/json; charset=utf-8');
    case 'redirect':
      res.redirect(303, reply.location);
      return;
    case 'json':
      res.status(reply.status ?? 200).json(reply.body);
      return;
    case 'text':
      res
        .status(reply.status ?? 200)
        .type('text/plain; charset=utf-8')
        .send(reply.body);
      return;
    case 'page':
      if (fmtJson) res.json(reply.json);
      else res.type('text/plain; charset=utf-8').send(`${reply.text}\n`);
  }
}
