import type { NextFunction, Request, Response } from 'express';
import type { TLSSocket } from 'node:tls';

// Real SAM takes reads from anyone but changes (definitions created, deleted, snapshotted; project
// descriptions) only from an authenticated caller: the X.509 client certificate of the POMS service
// account, or a bearer token where the server accepts one (external-apis.md 2.1, 2.2). The
// simulator does the same: a write without credentials is 401, one with a token it does not know
// (or a certificate its CA did not sign) 403, both as samweb's text answers.

export interface SamWriteAuth {
  /** Bearer tokens accepted for writes. */
  tokens: readonly string[];
}

/** Method and path (below `/<experiment>/api`) of the calls that change SAM. */
const WRITES: ReadonlyArray<[string, RegExp]> = [
  ['POST', /^\/definitions\/create\/?$/],
  ['DELETE', /^\/definitions\/name\/[^/]+\/?$/],
  ['POST', /^\/definitions\/name\/[^/]+\/snapshot\/?$/],
  ['POST', /^\/projects\/[^/]+\/[^/]+\/description\/?$/],
];

export const isSamWrite = (method: string, path: string): boolean =>
  WRITES.some(([m, re]) => m === method && re.test(path));

function bearer(req: Request): string | undefined {
  return /^bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
}

/** A certificate presented on this TLS connection, and whether the server's CA signed it. */
function clientCertificate(req: Request): { presented: boolean; trusted: boolean; subject?: string } {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return { presented: false, trusted: false };
  const cert = socket.getPeerCertificate();
  const presented = !!cert && Object.keys(cert).length > 0;
  const cn = cert?.subject?.CN;
  return {
    presented,
    trusted: presented && socket.authorized === true,
    subject: Array.isArray(cn) ? cn.join(',') : cn,
  };
}

/** Middleware for `/<experiment>/api`: lets reads through, checks the credentials of writes. */
export function samWriteAuth(auth: SamWriteAuth) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isSamWrite(req.method, req.path)) return next();
    const cert = clientCertificate(req);
    if (cert.trusted) return next();
    const token = bearer(req);
    if (token && auth.tokens.includes(token)) return next();
    if (!token && !cert.presented)
      return void res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="samweb"')
        .type('text/plain')
        .send('Authentication required: this SAM method needs a client certificate or a bearer token\n');
    res
      .status(403)
      .type('text/plain')
      .send(
        cert.presented
          ? `Client certificate ${cert.subject ?? ''} is not trusted by this SAM server\n`
          : 'The bearer token is not accepted by this SAM server\n',
      );
  };
}
