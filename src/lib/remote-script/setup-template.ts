import type { SetupRefs } from './placeholder.js';
import type { SetupTemplateOptions } from './setup-cursor.js';
import { SetupReader } from './setup-reader.js';

// Renders a login setup's text: each `%(key)s` becomes a reference to an environment variable of
// the remote script (`%(dataset)s` → `"${POMS_DATASET}"`), `%%` becomes `%`, and every other
// character is copied unchanged. No value is ever written into the text, so no value can be read
// by the shell as code: the worst a wrong guess about the quoting context can do is quote the
// reference differently (an unexpanded `${POMS_X}`, or an expansion subject to word splitting).
//
// The reference is written so that it expands to exactly the value in the context it stands in:
//   unquoted (also in $( … ), ${ … } and after `export X=`)  "${POMS_X}"
//   inside "…" (and ${ … } inside "…")                       ${POMS_X}
//   inside '…'                                               '"${POMS_X}"'   (close, expand, reopen)
//   inside $'…'                                              '"${POMS_X}"$'
//   body of a here-document with an unquoted delimiter       ${POMS_X}
//   a comment                                                "${POMS_X}" (harmless)
// Refused with a message naming the line, because no reference can expand to the value there or
// because the shell would evaluate the value: a quoted here-document (<<'EOF'), arithmetic
// ($(( … )), (( … ))), backquotes (`…`: write $( … )), right after a backslash, in a here-document
// delimiter, and text whose quotes this reader finds unbalanced.
// Values reach the variables only through the script's assignment block (remote-script.ts).

export type { SetupRefs } from './placeholder.js';
export type { SetupTemplateOptions } from './setup-cursor.js';

/**
 * The setup text with each `%(key)s` replaced by a reference to the variable `refs[key]`, quoted
 * for where it stands; throws AppError (invalid, naming `opts.field` and the line) where no
 * reference can be placed safely, for unknown keys and for a stray `%`.
 */
export function renderSetup(template: string, refs: SetupRefs, opts: SetupTemplateOptions): string {
  return new SetupReader(template, refs, opts, 'top', 1).run();
}

/**
 * The keys a login setup may use and the variable each is passed in: `%(dataset)s` and its old name
 * `%(parameter)s` → POMS_DATASET, `%(version)s` → POMS_VERSION (the stage's software_version), …
 */
export const SETUP_VARIABLES = {
  dataset: 'POMS_DATASET',
  parameter: 'POMS_DATASET',
  version: 'POMS_VERSION',
  group: 'POMS_GROUP',
  experimenter: 'POMS_EXPERIMENTER',
  experiment: 'POMS_EXPERIMENT',
} as const satisfies SetupRefs;
