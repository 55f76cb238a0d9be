// `npm run bench`: prints speed and memory figures for the hot paths. Nothing here asserts a
// timing; tests assert behaviour. Without DATABASE_URL: codec, dims and list micro-benchmarks on
// an embedded database (about a minute on 2 cores). With DATABASE_URL naming a database built by
// `npm run bench:gen -- --scale small|large`: every page (bench/pages.ts).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDb } from '../src/db/create-db.js';
import { migrateLatest } from '../src/db/migration-source.js';
import { paginate } from '../src/db/read-models/paginate.js';
import { parseCampaignIni, writeCampaignIni } from '../src/domain/ini/index.js';
import { evaluateDims, type DimsCatalogue, type SimFile } from '../src/sim/sam/dims/index.js';
import { pagesBench } from './pages.js';

function time<T>(label: string, n: number, fn: () => T): T {
  let out!: T;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) out = fn();
  const ms = (performance.now() - t0) / n;
  console.log(`${label.padEnd(58)} ${ms.toFixed(3).padStart(10)} ms/op  (${n} runs)`);
  return out;
}

async function timeAsync(label: string, n: number, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  console.log(
    `${label.padEnd(58)} ${((performance.now() - t0) / n).toFixed(3).padStart(10)} ms/op  (${n} runs)`,
  );
}

function iniCodec() {
  const dir = path.resolve('..', 'shared', 'reference', 'ini-corpus');
  if (!fs.existsSync(dir)) return console.log('ini corpus not found beside the repository: skipped');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ini'))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    time(`ini parse + write ${f} (${text.length} B)`, 200, () =>
      writeCampaignIni(parseCampaignIni(text).doc),
    );
  }
}

function dimsEngine(nFiles: number) {
  const files: SimFile[] = [];
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (let i = 0; i < nFiles; i++) {
    const raw = `raw_${i}.root`;
    const reco = `reco_${i}.root`;
    files.push({
      name: raw,
      id: 2 * i,
      createDate: new Date(0),
      runs: [[1000 + (i % 50), i % 7]],
      located: true,
    });
    files.push({
      name: reco,
      id: 2 * i + 1,
      version: 'v1',
      createDate: new Date('2025-01-01T00:00:00Z'),
      runs: [],
      located: i % 10 !== 0,
    });
    parents.set(reco, [raw]);
    children.set(raw, [reco]);
  }
  const cat: DimsCatalogue = {
    allFiles: () => files,
    definition: (n) => (n === 'raw' ? "file_name like 'raw_%'" : undefined),
    snapshot: () => undefined,
    projectSnapshot: (p) =>
      p === 'proj' ? files.filter((f) => f.name.startsWith('raw_')).map((f) => f.name) : undefined,
    projectFileStatus: () => undefined,
    parentsOf: (f) => parents.get(f) ?? [],
    childrenOf: (f) => children.get(f) ?? [],
  };
  const dims =
    "snapshot_for_project_name proj and isparentof:( version 'v1' and file_name like 'reco_%' and create_date > '2020-01-01T00:00:00+0000' with availability physical )";
  const n = time(`SAM dims: located check over ${nFiles} inputs`, 5, () => evaluateDims(dims, cat).length);
  console.log(`  (${n} inputs with located outputs)`);
  time(
    `SAM dims: defname with stride/offset over ${nFiles}`,
    20,
    () => evaluateDims('defname: raw with stride 3 offset 1', cat).length,
  );
}

async function listQueries(nSubs: number) {
  const db = createDb({});
  await migrateLatest(db);
  await db('experiments').insert({ experiment: 'bench', name: 'Bench' });
  const [c] = await db('campaigns').insert({ experiment: 'bench', name: 'c' }).returning('campaign_id');
  const [s] = await db('stages')
    .insert({ experiment: 'bench', name: 's', campaign_id: c.campaign_id })
    .returning('stage_id');
  const statuses = ['Running', 'Located', 'Completed', 'Held', 'Failed'];
  for (let i = 0; i < nSubs; i += 1000)
    await db('submissions').insert(
      Array.from({ length: Math.min(1000, nSubs - i) }, (_, k) => ({
        stage_id: s.stage_id,
        campaign_id: c.campaign_id,
        experiment: 'bench',
        status: statuses[(i + k) % statuses.length],
        created_at: new Date(Date.now() - (i + k) * 60_000),
      })),
    );
  await timeAsync(`submissions page (50 of ${nSubs}, newest first, with count)`, 20, () =>
    paginate(db('submissions').where({ stage_id: s.stage_id }).orderBy('created_at', 'desc'), {
      page: 3,
      pageSize: 50,
    }),
  );
  await timeAsync(`running count per campaign over ${nSubs} submissions`, 20, () =>
    db('submissions')
      .where({ campaign_id: c.campaign_id })
      .whereIn('status', ['New', 'Idle', 'Running', 'Held'])
      .count({ n: '*' }),
  );
  await db.destroy();
}

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
// With DATABASE_URL (a database built by `npm run bench:gen`): the page figures only.
if (process.env.DATABASE_URL) await pagesBench(process.env.DATABASE_URL);
else {
  iniCodec();
  dimsEngine(20_000);
  await listQueries(20_000);
}
const mem = process.memoryUsage();
console.log(
  `memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
