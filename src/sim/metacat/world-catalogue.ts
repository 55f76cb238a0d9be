import type { SamFileRecord } from '../sam/catalogue/sam-file.js';
import type { SimWorld } from '../world/sim-world.js';
import type { MqlCatalogue, MqlFile } from './mql/index.js';

// The world's one catalogue as MetaCat sees it: namespace = experiment, fid = the SAM file id,
// metadata in DUNE's `core.*` keys (runs, runs_subruns, end_time, application, data_tier) plus the
// file's own `Category.param` keys. A dataset is a frozen MetaCat dataset, or else the SAM
// definition of that name evaluated now (the simulator's demo datasets are SAM definitions).

export function toMqlFile(namespace: string, r: SamFileRecord): MqlFile {
  return {
    did: `${namespace}:${r.name}`,
    namespace,
    name: r.name,
    fid: String(r.id),
    id: r.id,
    createdTimestamp: r.createDate / 1000,
    creator: r.createUser,
    size: r.size,
    metadata: {
      'core.runs': [...new Set(r.runs.map(([run]) => run))],
      'core.runs_subruns': r.runs.map(([run, sub]) => run * 100000 + sub),
      'core.data_tier': r.dataTier,
      'core.file_format': r.fileFormat,
      ...(r.endTime === undefined ? {} : { 'core.end_time': r.endTime / 1000 }),
      ...(r.application
        ? { 'core.application.name': r.application.name, 'core.application.version': r.application.version }
        : {}),
      ...r.params,
    },
  };
}

const split = (did: string): [string, string] => {
  const i = did.indexOf(':');
  return [did.slice(0, i), did.slice(i + 1)];
};

export function worldCatalogue(world: SimWorld): MqlCatalogue {
  const record = (ns: string, name: string) =>
    world.hasExperiment(ns) ? world.sam(ns).catalogue.file(name) : undefined;
  const view = (ns: string, name: string) => {
    const r = record(ns, name);
    return r && toMqlFile(ns, r);
  };
  const cat: MqlCatalogue = {
    namespaces: () => world.experimentNames(),
    filesOf: (ns) =>
      world.hasExperiment(ns) ? [...world.sam(ns).allFiles()].map((f) => view(ns, f.name)!) : undefined,
    byDid: (did) => view(...split(did)),
    byFid(fid) {
      for (const ns of world.experimentNames()) {
        const f = [...world.sam(ns).allFiles()].find((x) => String(x.id) === fid);
        if (f) return view(ns, f.name);
      }
      return undefined;
    },
    dataset(did) {
      const frozen = world.metacat.dataset(did);
      if (frozen) return frozen.files;
      const [ns, name] = split(did);
      if (!world.hasExperiment(ns) || !world.sam(ns).catalogue.definition(name)) return undefined;
      return world
        .sam(ns)
        .queryDefinition(name)
        .map((f) => `${ns}:${f.name}`);
    },
    namedQuery: (did) => world.metacat.query(did)?.source,
    parents: (f) =>
      world
        .sam(f.namespace)
        .parentsOf(f.name)
        .map((p) => view(f.namespace, p)!),
    children: (f) =>
      world
        .sam(f.namespace)
        .childrenOf(f.name)
        .map((c) => view(f.namespace, c)!),
  };
  return cat;
}
