import type { NextFunction, Request, Response } from 'express';

export type FlashKind = 'success' | 'info' | 'warning' | 'error';
export interface FlashMessage {
  kind: FlashKind;
  text: string;
  details?: string[];
}

/** Messages shown once on the next page (POST-redirect-GET). */
export function flash(req: Request, kind: FlashKind, text: string, details?: string[]): void {
  (req.session.flash ??= []).push({ kind, text, details });
}

export function flashLocals(req: Request, res: Response, next: NextFunction): void {
  res.locals.flash = req.session?.flash ?? [];
  // Cleared only when there was something to show: an untouched new session stays unsaved.
  if (req.session?.flash?.length) req.session.flash = [];
  next();
}
