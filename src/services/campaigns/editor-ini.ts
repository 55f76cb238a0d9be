import crypto from 'node:crypto';
import {
  IniFormatError,
  parseCampaignIni,
  writeCampaignIni,
  type CampaignDocument,
  type Problem,
} from '../../domain/ini/index.js';
import { documentProblems } from './import-checks.js';
import { iniLocator } from './ini-locator.js';

// The editor's two pure conversions. Both go through the one codec, and both add the checks the
// importer makes without a database (required fields after defaults, split types, ranges), so the
// editor shows, while editing, what a save would refuse.

export interface RenderedIni {
  text: string;
  /** Refusals a save would give, with lines in `text`; [] when the document can be saved. */
  problems: Problem[];
  warnings: Problem[];
}

export interface ParsedIni {
  document: CampaignDocument;
  warnings: Problem[];
  /** The importer's database-free refusals; the document itself is usable by the editor. */
  problems: Problem[];
}

/** Text → document; throws IniFormatError (400, every problem with its line) when it cannot be read. */
export function parseEditorIni(text: string): ParsedIni {
  const { doc, warnings } = parseCampaignIni(text);
  return { document: doc, warnings, problems: documentProblems(doc, iniLocator(text)) };
}

/** Document → the text an export of it would give, and what reading that text back finds. */
export function renderEditorIni(doc: CampaignDocument): RenderedIni {
  const text = writeCampaignIni(doc);
  try {
    const parsed = parseEditorIni(text);
    return { text, problems: parsed.problems, warnings: parsed.warnings };
  } catch (e) {
    if (e instanceof IniFormatError && e.code === 'invalid_input')
      return { text, problems: e.details, warnings: [] };
    throw e;
  }
}

/** A short fingerprint of an export: the editor sends back the one it loaded to detect lost updates. */
export const iniVersion = (text: string): string =>
  crypto.createHash('sha256').update(text).digest('hex').slice(0, 20);
