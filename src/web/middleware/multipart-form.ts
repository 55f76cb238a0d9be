import express, { type NextFunction, type Request, type Response } from 'express';
import { invalid } from '../../lib/errors.js';

export interface FormFile {
  filename: string;
  bytes: Uint8Array;
}

/**
 * A browser's multipart/form-data form, parsed before the CSRF check reads its `_csrf` field: text
 * fields become `req.body` (last value of each), files `res.locals.formFiles` (field, name, bytes).
 */
export function multipartForm(limitBytes: number) {
  const raw = express.raw({ type: 'multipart/form-data', limit: limitBytes });
  const parse = async (req: Request, res: Response, next: NextFunction) => {
    if (!Buffer.isBuffer(req.body) || !req.is('multipart/form-data')) return next();
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(req.body), {
        headers: { 'content-type': req.get('content-type')! },
      }).formData();
    } catch (e) {
      return next(invalid(`malformed multipart body: ${(e as Error).message}`));
    }
    const fields: Record<string, string> = {};
    const files: Array<FormFile & { field: string }> = [];
    for (const [k, v] of form)
      if (typeof v === 'string') fields[k] = v;
      else if (v.name)
        files.push({ field: k, filename: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
    req.body = fields;
    res.locals.formFiles = files;
    next();
  };
  return [raw, parse];
}
