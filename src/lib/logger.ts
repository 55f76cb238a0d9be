import pino, { type Logger } from 'pino';
import { requestStore } from './request-store.js';

/**
 * JSON lines (production), or pino-pretty's readable lines (`[server] log_format = pretty`, what
 * `npm run dev` sets). Every line written while answering a request carries its `reqId`.
 */
export function createLogger(level: string, format: 'json' | 'pretty' = 'json'): Logger {
  return pino({
    level,
    base: { app: 'poms' },
    redact: ['req.headers.cookie', 'req.headers.authorization'],
    mixin: () => {
      const ctx = requestStore.getStore();
      return ctx ? { reqId: ctx.reqId } : {};
    },
    ...(format === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' },
          },
        }
      : {}),
  });
}
