import express, { type Request, type Response } from 'express';
import * as z from 'zod';
import { CatalogueError } from '../sam/catalogue/sam-catalogue.js';
import { DimsError } from '../sam/dims/index.js';
import { projectSummary } from '../sam/projects/project-summary.js';
import { lensSubmissionAt } from '../lens/lens-view.js';
import type { SimWorld } from '../world/sim-world.js';
import { addFilesSchema, advanceSchema, definitionSchema, outageSchema, toNewFile } from './admin-schemas.js';

export interface AdminHooks {
  /** Writes the state file now (no-op when in memory). */
  save(): Promise<void>;
}

/**
 * `/sim/admin/…` (JSON) for tests and demos: state, clock, catalogue, fault knobs, outages, and
 * the batch/SAM state to inspect. Bad bodies → 400 `{error, issues}`.
 */
export function adminRoutes(world: SimWorld, hooks: AdminHooks): express.Router {
  const r = express.Router();
  r.use(express.json({ limit: '20mb' }));
  const wrap = (fn: (req: Request, res: Response) => unknown) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (e) {
      if (e instanceof z.ZodError) res.status(400).json({ error: 'invalid body', issues: e.issues });
      else if (e instanceof CatalogueError)
        res
          .status(e.kind === 'not_found' ? 404 : e.kind === 'conflict' ? 409 : 400)
          .json({ error: e.message });
      else if (e instanceof DimsError) res.status(400).json({ error: e.message });
      else throw e;
    }
  };
  const exp = (req: Request) => world.sam(String(req.params.experiment));

  r.get('/state', (_req, res) => {
    res.json({
      now: new Date(world.now()).toISOString(),
      clock: { mode: world.clock.mode, speed: world.clock.speed },
      experiments: world.experimentNames().map((name) => {
        const e = world.sam(name);
        return {
          name,
          files: e.catalogue.fileCount(),
          definitions: e.catalogue.definitionNames().length,
          projects: e.projects.names().length,
          abandoned_calls: e.calls.abandoned,
        };
      }),
      submissions: world.batch.allSubmissions().length,
      jobs: world.batch.allJobs().length,
      pendingEvents: world.pendingEvents(),
    });
  });

  // SAM writes since this simulator process started: definitions created, snapshots taken, projects;
  // and (world-wide: one MetaCat and one Data Dispatcher) MetaCat's and Data Dispatcher's.
  r.get('/experiments/:experiment/writes', (req, res) => {
    const e = exp(req);
    res.json({
      definitions_created: e.catalogue.writes.definitionsCreated,
      snapshots_taken: e.catalogue.writes.snapshotsTaken,
      definitions: e.catalogue.definitionNames().length,
      projects: e.projects.names().length,
      metacat: {
        datasets_saved: world.metacat.writes.datasetsSaved,
        named_queries_saved: world.metacat.writes.queriesSaved,
      },
      data_dispatcher: {
        projects_created: world.dd.writes.projectsCreated,
        projects_changed: world.dd.writes.projectsChanged,
      },
    });
  });

  r.get('/clock', (_req, res) =>
    res.json({ now: new Date(world.now()).toISOString(), mode: world.clock.mode }),
  );
  r.post(
    '/clock/advance',
    wrap((req, res) => {
      const b = advanceSchema.parse(req.body);
      world.clock.advance(b.ms ?? (b.seconds ?? 0) * 1000);
      res.json({ now: new Date(world.now()).toISOString() });
    }),
  );

  r.post(
    '/experiments/:experiment/files',
    wrap((req, res) => {
      const b = addFilesSchema.parse(req.body);
      const name = String(req.params.experiment);
      const files = world.addFiles(
        name,
        b.files.map((f) => toNewFile(f, name)),
      );
      res.status(201).json({ declared: files.map((f) => ({ name: f.name, file_id: f.id })) });
    }),
  );
  r.post(
    '/experiments/:experiment/files/:file/locate',
    wrap((req, res) => {
      const name = String(req.params.experiment);
      if (!exp(req).catalogue.addLocation(String(req.params.file), `enstore:/pnfs/${name}/admin`))
        return void res.status(404).json({ error: `File ${req.params.file} not found` });
      res.json({ located: req.params.file });
    }),
  );
  r.post(
    '/experiments/:experiment/definitions',
    wrap((req, res) => {
      const b = definitionSchema.parse(req.body);
      const d = world.defineDataset(String(req.params.experiment), b.name, b.dims, b);
      res.status(201).json({ name: d.name, id: d.id });
    }),
  );
  r.get(
    '/experiments/:experiment/projects',
    wrap((req, res) =>
      res.json(
        exp(req)
          .projects.all()
          .map((p) => projectSummary(p, 0, exp(req).projects.statusCounts(p))),
      ),
    ),
  );
  r.get(
    '/experiments/:experiment/projects/:project',
    wrap((req, res) => res.json(exp(req).projects.require(String(req.params.project)))),
  );

  r.get('/faults', (_req, res) => res.json(world.faults.get()));
  r.put(
    '/faults',
    wrap((req, res) => res.json(world.faults.replace(req.body))),
  );
  r.patch(
    '/faults',
    wrap((req, res) => res.json(world.faults.patch(req.body ?? {}))),
  );
  r.post(
    '/outage',
    wrap((req, res) => {
      const b = outageSchema.parse(req.body);
      if (b.service === 'schedd') {
        const others = world.faults.batch().missingSchedds.filter((s) => s !== b.name);
        return void res.json(
          world.faults.patch({ batch: { missingSchedds: b.on ? [...others, b.name!] : others } }),
        );
      }
      const outage = b.on ? (b.service === 'sam' && b.kind === 'errors' ? '5xx' : b.kind) : 'off';
      res.json(world.faults.patch({ [b.service]: { outage } }));
    }),
  );

  r.get('/submissions', (_req, res) => {
    const now = world.now();
    res.json(
      world.batch.allSubmissions().map((s) => ({
        // Lens's view (none once every job vanished), whatever the collector advertises
        id: `${s.cluster}.0@${s.schedd}`,
        ...lensSubmissionAt(world, s, now),
        schedd: s.schedd,
        experiment: s.experiment,
        project: s.project ?? null,
        dataset: s.dataset ?? null,
        ddProject: s.ddProject ?? null,
        dag: s.dag ?? null,
      })),
    );
  });
  r.get('/jobs', (req, res) => {
    const sub = Number(req.query.submission);
    res.json(world.batch.allJobs().filter((j) => !sub || j.submission === sub || j.cluster === sub));
  });
  r.post(
    '/save',
    wrap(async (_req, res) => {
      await hooks.save();
      res.json({ saved: true });
    }),
  );
  return r;
}
