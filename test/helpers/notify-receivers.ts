import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  messageId: string | null;
  subject: string | null;
  raw: string;
}

export interface ReceivedPost {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: { text: string; key: string; events: Array<{ kind: string; summary: string }> };
}

const header = (raw: string, name: string) =>
  new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw)?.[1].replace(/\r?\n[ \t]+/g, ' ') ??
  null;

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) decoded; adjacent words join. */
function decodeWords(v: string | null): string | null {
  if (v === null) return null;
  return v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?(.*?)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** A real SMTP server on a free loopback port (no TLS, no auth) keeping every message it accepts. */
export async function startSmtpReceiver(onMail?: (m: ReceivedMail) => void) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const m = {
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: header(raw, 'Message-ID'),
          subject: decodeWords(header(raw, 'Subject')),
          raw,
        };
        mails.push(m);
        onMail?.(m);
        done();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** A loopback HTTP listener keeping every POST; `onPost` may answer differently (e.g. 500). */
export async function startWebhookReceiver() {
  const posts: ReceivedPost[] = [];
  let onPost: ((p: ReceivedPost) => number | void) | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const p: ReceivedPost = { path: req.url ?? '/', headers: req.headers, body, json: JSON.parse(body) };
      const status = onPost?.(p) ?? 200;
      if (status < 300) posts.push(p);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    posts,
    setHandler(f: ((p: ReceivedPost) => number | void) | null) {
      onPost = f;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
