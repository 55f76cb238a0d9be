import { describe, expect, it } from 'vitest';
import { CatalogueError } from '../../../../src/sim/sam/catalogue/sam-catalogue.js';
import { DimsSyntaxError, DimsUnknownDefinitionError } from '../../../../src/sim/sam/dims/index.js';
import { manualWorld, T0 } from './sim-test-world.js';

function world() {
  const { world, clock } = manualWorld();
  world.addFiles('samdev', [
    { name: 'raw_1.root', locations: ['enstore:/x'], runs: [[1000, 1, 'physics']] },
    { name: 'raw_2.root', locations: ['enstore:/x'], runs: [[1000, 2, 'physics']] },
    {
      name: 'reco_1.root',
      parents: ['raw_1.root'],
      application: { family: 'sim', name: 'reco', version: 'v1' },
    },
  ]);
  return { world, clock, sam: world.sam('samdev') };
}

describe('SAM catalogue', () => {
  it('declares files with ids in order, derives children and locations', () => {
    const { sam } = world();
    const raw = sam.catalogue.file('raw_1.root')!;
    const reco = sam.catalogue.file('reco_1.root')!;
    expect(reco.id).toBe(raw.id + 2);
    expect(reco.createDate).toBe(T0);
    expect(sam.childrenOf('raw_1.root')).toEqual(['reco_1.root']);
    expect(sam.query('file_name reco% with availability physical')).toEqual([]);
    expect(sam.query('file_name reco% with availability anylocation').map((f) => f.name)).toEqual([
      'reco_1.root',
    ]);
    sam.catalogue.addLocation('reco_1.root', 'dcache:/y');
    expect(sam.query('isparentof:( version v1 with availability physical )').map((f) => f.name)).toEqual([
      'raw_1.root',
    ]);
  });

  it('refuses duplicate names, unknown parents and unusable names', () => {
    const { world: w } = world();
    const cat = w.sam('samdev').catalogue;
    expect(() => cat.declareFile({ name: 'raw_1.root' }, T0)).toThrow(/already exists/);
    expect(() => cat.declareFile({ name: 'x.root', parents: ['nope.root'] }, T0)).toThrow(
      /Parent file nope.root/,
    );
    expect(() => cat.declareFile({ name: 'a b' }, T0)).toThrow(CatalogueError);
    expect(() => cat.declareFile({ name: '__proto__' }, T0)).toThrow(CatalogueError);
  });

  it('definitions: created once (409 kind conflict), dims checked, evaluated at query time', () => {
    const { world: w, sam } = world();
    w.defineDataset('samdev', 'raws', 'file_name raw_%');
    expect(() => w.defineDataset('samdev', 'raws', 'file_name raw_%')).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(() => w.defineDataset('samdev', 'bad', 'file_name (')).toThrow(DimsSyntaxError);
    expect(sam.queryDefinition('raws')).toHaveLength(2);
    w.addFiles('samdev', [{ name: 'raw_3.root' }]);
    expect(sam.queryDefinition('raws')).toHaveLength(3);
    expect(() => sam.queryDefinition('missing')).toThrow(DimsUnknownDefinitionError);
  });

  it('a definition with a snapshot cannot be deleted; one without can', () => {
    const { world: w, sam } = world();
    w.defineDataset('samdev', 'raws', 'file_name raw_%');
    w.defineDataset('samdev', 'unused', 'file_name raw_1.root');
    const snap = sam.catalogue.addSnapshot(
      sam.queryDefinition('raws').map((f) => f.name),
      T0,
      'raws',
    );
    expect(sam.query(`snapshot_id ${snap.id}`).map((f) => f.name)).toEqual(['raw_1.root', 'raw_2.root']);
    expect(() => sam.catalogue.deleteDefinition('raws')).toThrow(/has been used/);
    sam.catalogue.deleteDefinition('unused');
    expect(sam.catalogue.definition('unused')).toBeUndefined();
    expect(() => sam.catalogue.deleteDefinition('unused')).toThrow(
      expect.objectContaining({ kind: 'not_found' }),
    );
  });
});
