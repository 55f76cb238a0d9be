import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IniFormatError,
  normaliseCampaignDocument,
  parseCampaignIni,
  writeCampaignIni,
} from '../../../../src/domain/ini/index.js';
import { campaignDocument } from './campaign-document-arbitrary.js';
import { campaignFiles, readCampaignFile } from '../../../helpers/campaign-files.js';

/** Parses, or throws IniFormatError; anything else thrown is a bug. */
function parsesOrRefuses(input: string | Uint8Array): void {
  try {
    parseCampaignIni(input);
  } catch (e) {
    if (!(e instanceof IniFormatError)) throw e;
    expect(e.details.length).toBeGreaterThan(0);
  }
}

describe('writeCampaignIni / parseCampaignIni round trip (property)', () => {
  it('parse(write(doc)) is the normalised doc, and write is a fixed point', () => {
    fc.assert(
      fc.property(campaignDocument, (doc) => {
        const written = writeCampaignIni(doc);
        const back = parseCampaignIni(written).doc;
        expect(back).toEqual(normaliseCampaignDocument(doc));
        expect(writeCampaignIni(back)).toBe(written);
      }),
      { numRuns: 300 },
    );
  });

  it('normalising is idempotent and does not change what is written', () => {
    fc.assert(
      fc.property(campaignDocument, (doc) => {
        const once = normaliseCampaignDocument(doc);
        expect(normaliseCampaignDocument(once)).toEqual(once);
        expect(writeCampaignIni(once)).toBe(writeCampaignIni(doc));
      }),
    );
  });
});

describe('parseCampaignIni on arbitrary input (property)', () => {
  it('never fails otherwise than with IniFormatError on random text or bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), parsesOrRefuses));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), parsesOrRefuses));
  });

  it('never fails otherwise than with IniFormatError on campaign files with lines dropped, repeated or indented', () => {
    const files = campaignFiles().map((f) => readCampaignFile(f).toString('utf8').split('\n'));
    const edit = fc.constantFrom('drop', 'repeat', 'indent');
    fc.assert(
      fc.property(
        fc.nat(files.length - 1),
        fc.array(fc.tuple(fc.nat(), edit), { maxLength: 5 }),
        (which, edits) => {
          const lines = [...files[which]];
          for (const [at, kind] of edits) {
            const i = at % lines.length;
            if (kind === 'drop') lines.splice(i, 1);
            else if (kind === 'repeat') lines.splice(i, 0, lines[i]);
            else lines[i] = `  ${lines[i]}`;
          }
          parsesOrRefuses(lines.join('\n'));
        },
      ),
    );
  });
});
