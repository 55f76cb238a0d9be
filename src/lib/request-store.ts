import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work runs for, so every log line written while answering it carries its
 * id (the logger reads it; web/middleware/request-context.ts sets it). Module-level by nature: it
 * holds no state of its own outside a request's asynchronous context.
 */
export const requestStore = new AsyncLocalStorage<{ reqId: string }>();
