import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Request, Response } from 'express';

// A large answer the services keep between requests (text plus its content hash), sent as a
// production server would: named by an ETag (If-None-Match on GET → 304, no body), and compressed
// once per kept text and encoding instead of on every request (the compression middleware leaves a
// body that already has a Content-Encoding alone). The compressed forms live as long as the kept
// object: a rebuilt answer is a new object.

export interface Kept {
  body: string;
  hash: string;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const compressed = new WeakMap<Kept, Map<string, Promise<Buffer>>>();

/** The text in `encoding`, compressed on first use (at a level worth paying once). */
function encoded(kept: Kept, encoding: 'br' | 'gzip'): Promise<Buffer> {
  let forms = compressed.get(kept);
  if (!forms) compressed.set(kept, (forms = new Map()));
  let form = forms.get(encoding);
  if (!form) {
    form =
      encoding === 'br'
        ? brotli(kept.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
        : gzip(kept.body, { level: 6 });
    forms.set(encoding, form);
    form.catch(() => forms.delete(encoding));
  }
  return form;
}

export async function sendKept(req: Request, res: Response, kept: Kept, type: string): Promise<void> {
  res.set('ETag', `"${kept.hash}"`);
  res.vary('Accept-Encoding');
  res.type(type);
  // req.fresh: a GET or HEAD whose If-None-Match names this ETag.
  if (req.fresh) return void res.status(304).end();
  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  if (encoding !== 'br' && encoding !== 'gzip') return void res.send(kept.body);
  const bytes = await encoded(kept, encoding);
  res.set('Content-Encoding', encoding);
  res.set('Content-Length', String(bytes.length));
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
