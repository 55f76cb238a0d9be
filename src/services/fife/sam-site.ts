import { samCredentials } from '../../adapters/sam/sam-credentials.js';
import type { SamwebOptions } from '../../adapters/sam/samweb-transport.js';
import type { Config } from '../../config/config-schema.js';

const per = (template: string | undefined, experiment: string) =>
  template?.replaceAll('{experiment}', experiment);

/**
 * Where each experiment's SAM is and how POMS authenticates to it, from `[sam]`: `url` (with
 * `{experiment}`, e.g. `https://sam{experiment}.fnal.gov:8483/sam`) unless experiment_urls names
 * the experiment; the client certificate, CA bundle and token file (each may hold `{experiment}`).
 */
export function realSamOptions(sam: Readonly<Config['sam']>): Pick<SamwebOptions, 'baseUrl' | 'auth'> | null {
  if (!sam.url && !sam.experiment_urls.length) return null;
  const urls = new Map(
    sam.experiment_urls.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] as const),
  );
  return {
    baseUrl: (experiment) => {
      const url = urls.get(experiment) ?? per(sam.url, experiment);
      if (!url)
        throw new Error(`no SAM server for experiment ${experiment}: set [sam] url or experiment_urls`);
      return url;
    },
    auth: samCredentials((experiment) => ({
      cert: per(sam.cert, experiment),
      key: per(sam.key, experiment),
      ca: sam.ca,
      verifyTls: sam.verify_tls,
      tokenFile: per(sam.token_file, experiment),
    })),
  };
}
