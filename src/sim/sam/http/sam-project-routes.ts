import express, { type Request, type Response } from 'express';
import type { SimWorld } from '../../world/sim-world.js';
import { projectSummary, recoveryDimensions } from '../projects/project-summary.js';
import type { FileConsumedStatus } from '../projects/sam-project.js';
import { param, sendSamError } from './sam-http-error.js';

/**
 * Projects: summary, recovery dimensions and description (external-apis.md 2.2 #9-11), and the
 * samweb project lifecycle the jobs use (startProject … endProject). The simulated jobs drive the
 * same model in-process; these routes let a real client drive it too.
 */
export function samProjectRoutes(world: SimWorld): express.Router {
  const r = express.Router({ mergeParams: true });
  const exp = (req: Request) => world.sam(String(req.params.experiment));
  const base = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}`;
  const guard = (fn: (req: Request, res: Response) => void) => (req: Request, res: Response) => {
    try {
      fn(req, res);
    } catch (e) {
      sendSamError(res, e);
    }
  };

  r.get(
    '/projects/name/:project/summary',
    guard((req, res) => {
      const projects = exp(req).projects;
      const p = projects.require(String(req.params.project));
      const limit = Number(param(req.query, 'process_limit') ?? 0) || 0;
      res.json(projectSummary(p, limit, projects.statusCounts(p)));
    }),
  );

  r.get(
    '/projects/name/:project/recovery_dimensions',
    guard((req, res) => {
      const p = exp(req).projects.require(String(req.params.project));
      res.type('text/plain').send(recoveryDimensions(p, param(req.query, 'useProcess') === '1').dims);
    }),
  );

  r.post(
    '/projects/:station/:project/description',
    guard((req, res) => {
      exp(req).projects.setDescription(String(req.params.project), param(req.body, 'description') ?? '');
      res.type('text/plain').send('OK\n');
    }),
  );

  r.post(
    '/startProject',
    guard((req, res) => {
      const sam = exp(req);
      const name = param(req.body, 'name');
      const defname = param(req.body, 'defname');
      const snapshotId = Number(param(req.body, 'snapshot_id'));
      if (!name || (!defname && !snapshotId))
        return void res.status(400).type('text/plain').send('Need name and defname or snapshot_id\n');
      const snap = defname
        ? sam.catalogue.addSnapshot(
            sam.queryDefinition(defname).map((f) => f.name),
            world.now(),
            defname,
          )
        : sam.catalogue.snapshot(snapshotId);
      if (!snap) return void res.status(404).type('text/plain').send(`Snapshot ${snapshotId} not found\n`);
      const station = param(req.body, 'station') ?? sam.name;
      sam.projects.start(
        {
          name,
          station,
          group: param(req.body, 'group') ?? sam.name,
          user: param(req.body, 'username') ?? 'sam',
          defname,
          snapshotId: snap.id,
          files: snap.files,
        },
        world.now(),
      );
      res.type('text/plain').send(`${base(req)}/projects/${station}/${name}\n`);
    }),
  );

  r.get(
    '/findProject',
    guard((req, res) => {
      const p = exp(req).projects.require(param(req.query, 'name') ?? '');
      res.type('text/plain').send(`${base(req)}/projects/${p.station}/${p.name}\n`);
    }),
  );

  r.post(
    '/projects/:station/:project/establishProcess',
    guard((req, res) => {
      const limit = Number(param(req.body, 'filelimit'));
      const proc = exp(req).projects.establishProcess(
        String(req.params.project),
        {
          appname: param(req.body, 'appname'),
          appversion: param(req.body, 'appversion'),
          node: param(req.body, 'node'),
          user: param(req.body, 'username'),
          ...(limit > 0 ? { filelimit: limit } : {}),
        },
        world.now(),
      );
      res.type('text/plain').send(String(proc.id));
    }),
  );

  r.post(
    '/projects/:station/:project/process/:pid/getNextFile',
    guard((req, res) => {
      const sam = exp(req);
      const file = sam.projects.getNextFile(String(req.params.project), Number(req.params.pid));
      if (file === null) return void res.status(204).end();
      res.type('text/plain').send(`file:///pnfs/${sam.name}/sim/${file}\n${file}\n`);
    }),
  );

  r.post(
    '/projects/:station/:project/process/:pid/updateFileStatus',
    guard((req, res) => {
      const status = (param(req.body, 'status') ?? 'consumed') as FileConsumedStatus;
      const allowed: FileConsumedStatus[] = ['consumed', 'completed', 'skipped', 'failed', 'cancelled'];
      if (!allowed.includes(status))
        return void res.status(400).type('text/plain').send(`Bad status ${status}\n`);
      exp(req).projects.updateFileStatus(
        String(req.params.project),
        Number(req.params.pid),
        param(req.body, 'filename') ?? '',
        status,
      );
      res.type('text/plain').send('OK\n');
    }),
  );

  const endProcess = (status: 'completed' | 'bad') =>
    guard((req, res) => {
      exp(req).projects.endProcess(String(req.params.project), Number(req.params.pid), status, world.now());
      res.type('text/plain').send('OK\n');
    });
  r.post('/projects/:station/:project/process/:pid/endProcess', endProcess('completed'));
  r.put('/projects/:station/:project/processes/:pid/status', (req, res) =>
    endProcess(param(req.body, 'status') === 'bad' ? 'bad' : 'completed')(req, res),
  );
  r.post(
    '/projects/:station/:project/endProject',
    guard((req, res) => {
      exp(req).projects.endProject(String(req.params.project), world.now());
      res.type('text/plain').send('OK\n');
    }),
  );
  return r;
}
