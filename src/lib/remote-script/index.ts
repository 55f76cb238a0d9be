export { CommandValues, displayLine, type CommandWord } from './command-line.js';
export type { HostSession, SessionCredentials, SiteLines } from './host-session.js';
export {
  buildRemoteScript,
  exportLines,
  type RemoteScriptSpec,
  type ScriptSection,
} from './remote-script.js';
export { renderSetup, SETUP_VARIABLES, type SetupRefs, type SetupTemplateOptions } from './setup-template.js';
