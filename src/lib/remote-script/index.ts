export {
  buildRemoteScript,
  exportLines,
  type RemoteScriptSpec,
  type ScriptSection,
} from './remote-script.js';
export { renderSetup, SETUP_VARIABLES, type SetupRefs, type SetupTemplateOptions } from './setup-template.js';
