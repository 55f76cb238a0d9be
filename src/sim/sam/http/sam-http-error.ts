import type { Response } from 'express';
import { DimsError } from '../dims/index.js';
import { CatalogueError } from '../catalogue/sam-catalogue.js';

const STATUS: Record<CatalogueError['kind'], number> = { not_found: 404, conflict: 409, invalid: 400 };

/**
 * SAM answers errors as text: dimension errors (syntax, unknown definition) 400, unknown names
 * 404, existing names or a used definition 409. Anything else is rethrown (→ 500).
 */
export function sendSamError(res: Response, e: unknown): void {
  if (e instanceof DimsError) {
    res.status(400).type('text/plain').send(`${e.message}\n`);
  } else if (e instanceof CatalogueError) {
    res.status(STATUS[e.kind]).type('text/plain').send(`${e.message}\n`);
  } else {
    throw e;
  }
}

/** One string parameter from the query string or a form body (repeated → last). */
export function param(source: unknown, name: string): string | undefined {
  const v = (source as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return typeof v.at(-1) === 'string' ? (v.at(-1) as string) : undefined;
  return typeof v === 'string' ? v : undefined;
}
