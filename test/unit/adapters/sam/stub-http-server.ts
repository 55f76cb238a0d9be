import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A tiny HTTP server on loopback for client tests: every request is recorded and answered by `reply`.

export interface StubRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface StubReply {
  status?: number;
  body?: string;
  contentType?: string;
  /** Wait this long before answering, in ms (to trip client timeouts). */
  delayMs?: number;
}

export interface StubServer {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

export async function startStub(
  reply: (req: StubRequest, index: number) => StubReply | Promise<StubReply>,
): Promise<StubServer> {
  const requests: StubRequest[] = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const r: StubRequest = {
      method: req.method ?? '',
      url: new URL(req.url ?? '/', 'http://stub'),
      headers: req.headers,
      body,
    };
    requests.push(r);
    const a = await reply(r, requests.length - 1);
    if (a.delayMs) await new Promise((resolve) => setTimeout(resolve, a.delayMs));
    if (res.destroyed) return;
    res.writeHead(a.status ?? 200, { 'Content-Type': a.contentType ?? 'text/plain' });
    res.end(a.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
