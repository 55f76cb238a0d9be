import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The Fomantic-UI components our pages use, in Fomantic's own order, as one stylesheet: about a
 * twentieth of the whole bundle. Left out: the web fonts (Lato falls back to the system's sans-serif;
 * icons are drawn by poms.css) and every component no page uses. The campaign editor adds the modal.
 */
export const FOMANTIC_COMPONENTS = [
  'reset',
  'site',
  'container',
  'grid',
  'divider',
  'header',
  'button',
  'input',
  'label',
  'list',
  'segment',
  'breadcrumb',
  'form',
  'menu',
  'message',
  'table',
  'item',
  'statistic',
  'checkbox',
  'dropdown',
];

export interface BuiltCss {
  text: string;
  etag: string;
  /** Ten hex digits of the text's sha1: the file's content-hashed name, fomantic-lite.<hash>.css. */
  hash: string;
}

/** Concatenates the components' minified CSS from the fomantic-ui-css package, without @font-face rules. */
export function buildFomanticLite(fomanticDir: string): BuiltCss {
  const parts = FOMANTIC_COMPONENTS.map((c) =>
    fs
      .readFileSync(path.join(fomanticDir, 'components', `${c}.min.css`), 'utf8')
      .replace(/@font-face\s*\{[^}]*\}/g, '')
      .replace(/@import[^;]*;/g, ''),
  );
  const text = `/* Fomantic-UI ${FOMANTIC_COMPONENTS.join(', ')} (MIT) */\n${parts.join('\n')}`;
  const sha = crypto.createHash('sha1').update(text).digest('hex');
  return { text, etag: `"${sha.slice(0, 16)}"`, hash: sha.slice(0, 10) };
}
