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
  if (req.session) req.session.flash = [];
  next();
}
