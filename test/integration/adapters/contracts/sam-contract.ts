import { describe, expect, it } from 'vitest';
import { AdapterError, type AdapterErrorKind } from '../../../../src/adapters/adapter-error.js';
import type { Sam } from '../../../../src/adapters/sam/index.js';

export interface SamContractEnv {
  sam: Sam;
  experiment: string;
  /** A definition that no test changes: at least 5 parentless files whose names match `pattern`. */
  dataset: { name: string; pattern: string };
}

async function kindOf(p: Promise<unknown>): Promise<AdapterErrorKind> {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(AdapterError);
  return (e as AdapterError).kind;
}

let unique = 0;
const defName = () => `contract_${process.pid}_${Date.now()}_${unique++}`;

/** What every Sam promises (sam.ts). `make` is called in each test, after the suite's hooks. */
export function describeSamContract(name: string, make: () => SamContractEnv): void {
  describe(`Sam contract: ${name}`, () => {
    it('counts and lists a definition alike, in file order', async () => {
      const { sam, experiment: exp, dataset } = make();
      const names = await sam.listFiles(exp, `defname: ${dataset.name}`);
      expect(names.length).toBeGreaterThanOrEqual(5);
      expect(await sam.countFiles(exp, `defname: ${dataset.name}`)).toBe(names.length);
      expect(await sam.countFiles(exp, `file_name like '${dataset.pattern}'`)).toBe(names.length);
      expect(await sam.listFiles(exp, `defname: ${dataset.name} with limit 2 offset 1`)).toEqual(
        names.slice(1, 3),
      );
      expect(await sam.listFiles(exp, `defname: ${dataset.name} with stride 2 offset 1`)).toEqual(
        names.filter((_, i) => i % 2 === 1),
      );
    });

    it('takes dims longer than a URL should carry', async () => {
      const { sam, experiment: exp, dataset } = make();
      const names = await sam.listFiles(exp, `defname: ${dataset.name}`);
      const padding = Array.from({ length: 80 }, (_, i) => `'no_such_file_${i}_${'x'.repeat(8)}.root'`);
      const dims = `file_name ${[...names.map((n) => `'${n}'`), ...padding].join(',')}`;
      expect(dims.length).toBeGreaterThan(1024);
      expect(await sam.countFiles(exp, dims)).toBe(names.length);
      expect(await sam.listFiles(exp, dims)).toEqual(names);
    });

    it('reports an unknown definition in a count as not_found', async () => {
      const { sam, experiment: exp } = make();
      expect(await kindOf(sam.countFiles(exp, 'defname: no_such_definition_here'))).toBe('not_found');
    });

    it('gives file metadata and lineage, and null for an unknown file', async () => {
      const { sam, experiment: exp, dataset } = make();
      const [first] = await sam.listFiles(exp, `defname: ${dataset.name} with limit 1`);
      const md = await sam.fileMetadata(exp, first);
      expect(md).toMatchObject({ file_name: first, file_id: expect.any(Number) });
      expect(await sam.fileLineage(exp, first, 'parents')).toEqual([]);
      expect(await sam.fileMetadata(exp, 'no_such_file.root')).toBeNull();
    });

    it('creates, describes, refuses to overwrite, replaces and deletes a definition', async () => {
      const { sam, experiment: exp, dataset } = make();
      const name = defName();
      const dims = `defname: ${dataset.name} with limit 3`;
      await sam.createDefinition(exp, name, dims, { description: 'contract test' });
      expect(await sam.describeDefinition(exp, name)).toMatchObject({ name, dims });
      expect(await sam.countFiles(exp, `defname: ${name}`)).toBe(3);
      expect(await kindOf(sam.createDefinition(exp, name, dims))).toBe('conflict');
      await sam.createDefinition(exp, name, `defname: ${dataset.name} with limit 2`, {
        onConflict: 'replace',
      });
      expect(await sam.countFiles(exp, `defname: ${name}`)).toBe(2);
      await sam.deleteDefinition(exp, name);
      expect(await sam.describeDefinition(exp, name)).toBeNull();
      expect(await kindOf(sam.deleteDefinition(exp, name))).toBe('not_found');
    });

    it('freezes a definition in a snapshot', async () => {
      const { sam, experiment: exp, dataset } = make();
      const name = defName();
      await sam.createDefinition(exp, name, `defname: ${dataset.name} with limit 4`);
      const id = await sam.takeSnapshot(exp, name);
      expect(Number.isSafeInteger(id) && id > 0).toBe(true);
      expect(await sam.listFiles(exp, `snapshot_id ${id}`)).toEqual(
        await sam.listFiles(exp, `defname: ${name}`),
      );
      expect(await kindOf(sam.takeSnapshot(exp, 'no_such_definition_here'))).toBe('not_found');
    });

    it('answers null for the summary of an unknown project', async () => {
      const { sam, experiment: exp } = make();
      expect(await sam.projectSummary(exp, 'no_such_project_here')).toBeNull();
    });

    it('is healthy', async () => {
      const { sam, experiment: exp } = make();
      expect(await sam.health(exp)).toMatchObject({ ok: true });
    });
  });
}
