import * as z from 'zod';
import { AdapterError, type AdapterService } from '../adapter-error.js';
import type { HttpAnswer } from './http-call.js';

// JSON answers checked against a zod schema: strict on what POMS reads, open to the rest. Streams
// (MetaCat's application/json-seq, records after 0x1E; Rucio's application/x-json-stream, one
// object a line) are read as arrays of records.

const malformed = (service: AdapterService, message: string, a: HttpAnswer, operation: string) =>
  new AdapterError('malformed', service, message, { status: a.status, raw: a.text, operation });

function parse(service: AdapterService, text: string, a: HttpAnswer, operation: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformed(service, `${operation} answered something that is not JSON`, a, operation);
  }
}

/** JSON-seq's record separator (RFC 7464). */
const RS = String.fromCharCode(0x1e);

/** The records of a JSON-seq or line-delimited JSON stream. */
export function streamRecords(service: AdapterService, a: HttpAnswer, operation: string): unknown[] {
  return a.text
    .split(RS)
    .flatMap((r) => r.split('\n'))
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => parse(service, r, a, operation));
}

/** A whole JSON body, or a stream's records when the content type says it is one. */
export function jsonBody(service: AdapterService, a: HttpAnswer, operation: string): unknown {
  return /json-seq|x-json-stream/i.test(a.contentType ?? '')
    ? streamRecords(service, a, operation)
    : parse(service, a.text, a, operation);
}

export function checked<T>(
  service: AdapterService,
  schema: z.ZodType<T>,
  json: unknown,
  a: HttpAnswer,
  operation: string,
): T {
  const r = schema.safeParse(json);
  if (!r.success) throw malformed(service, `${operation} answer: ${z.prettifyError(r.error)}`, a, operation);
  return r.data;
}
