import * as z from 'zod';
import { credentialsSection } from './credentials-config.js';
import { databaseSection, serverSection } from './server-config.js';
import { lensSection, metacatSection, samSection } from './data-services-config.js';
import { authSection, labTokensSection, oidcSection, registrySection } from './identity-config.js';
import { jobsubSection, siteSection, sshSection } from './launch-config.js';
import { notifySection } from './notify-config.js';
import { demoSection, housekeepingSection, loopsSection, simSection } from './runtime-config.js';
import { apiSection, compatSection, linksSection } from './web-config.js';

// The whole configuration, one schema composed of one schema per `[section]` (each in the file of
// its concern). The order here is the order problems are listed in.
export const configSections = {
  server: serverSection,
  database: databaseSection,
  auth: authSection,
  oidc: oidcSection,
  lab_tokens: labTokensSection,
  registry: registrySection,
  sam: samSection,
  lens: lensSection,
  metacat: metacatSection,
  jobsub: jobsubSection,
  ssh: sshSection,
  site: siteSection,
  credentials: credentialsSection,
  links: linksSection,
  sim: simSection,
  loops: loopsSection,
  notify: notifySection,
  housekeeping: housekeepingSection,
  demo: demoSection,
  api: apiSection,
  compat: compatSection,
};

type Sections = typeof configSections;
/** Every section may be left out entirely: its defaults apply. */
export const configSchema = z.object(
  Object.fromEntries(
    Object.entries(configSections).map(([k, v]) => [k, (v as z.ZodObject).prefault({})]),
  ) as {
    [K in keyof Sections]: z.ZodPrefault<Sections[K]>;
  },
);

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
