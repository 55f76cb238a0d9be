import * as z from 'zod';
import { emptyToUndefined, optionalUrl, port } from './config-values.js';
import { DEV_SESSION_SECRET } from './exposure.js';

export const serverSection = z.object({
  port: port.default(8080),
  // Loopback unless set: other machines reach POMS only when someone decides they should.
  host: z.string().min(1).default('127.0.0.1'),
  base_url: optionalUrl,
  // The default is public: config/exposure.ts accepts it only in dev mode on loopback.
  session_secret: z.string().min(16, 'must be at least 16 characters').default(DEV_SESSION_SECRET),
  trust_proxy: z.preprocess(emptyToUndefined, z.string().optional()),
  log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` lines, or `pretty` (pino-pretty, for development: `npm run dev` sets it). */
  log_format: z.enum(['json', 'pretty']).default('json'),
  /**
   * Application processes serving one port together (node:cluster; docs/operations.md, Scaling
   * out); 0 = one per CPU. More than one needs PostgreSQL and no in-process simulator.
   */
  workers: z.coerce.number().int().min(0).max(64).default(1),
});

export const databaseSection = z.object({
  url: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .refine(
        (u) => URL.canParse(u),
        'is not a valid URL (characters such as # or @ in the password must be percent-encoded)',
      )
      .optional(),
  ),
  embedded_dir: z.string().default('./var/pglite'),
  pool_max: z.coerce.number().int().min(1).max(100).default(10),
});
