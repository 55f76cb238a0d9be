import express, { type Response } from 'express';
import { fqanOf, registryBody, type RegistryDirectory } from './registry-directory.js';

// FERRY's read calls POMS uses, in FERRY's JSON shapes: every answer is
// {ferry_status, ferry_error: [...], ferry_output}; unknown names are a failure naming them.

const success = (res: Response, output: unknown) =>
  res.json({ ferry_status: 'success', ferry_error: [], ferry_output: output });
const failure = (res: Response, ...errors: string[]) =>
  res.json({ ferry_status: 'failure', ferry_error: errors, ferry_output: null });

export function ferryRoutes(dir: RegistryDirectory): express.Router {
  const r = express.Router();
  r.get('/getAffiliationMembersRoles', (req, res) => {
    const unit = String(req.query.unitname ?? '');
    const role = String(req.query.role ?? '').toLowerCase();
    if (!dir.experiments().has(unit)) return failure(res, `unitname ${unit} not found`);
    if (role !== 'analysis' && role !== 'production') return failure(res, `role ${role} not found`);
    const members = dir.members(unit, role);
    success(
      res,
      members.length
        ? {
            [unit]: members.map((u) => ({
              fqan: fqanOf(unit, role),
              username: u.username,
              fullname: u.full_name,
            })),
          }
        : {},
    );
  });
  r.get('/getUserInfo', (req, res) => {
    const u = dir.user(String(req.query.username ?? ''));
    if (!u) return failure(res, 'username not found');
    success(res, {
      full_name: u.full_name,
      uid: 50000,
      status: u.active,
      groupaccount: false,
      banned: false,
    });
  });
  r.get('/getUserFQANs', (req, res) => {
    const u = dir.user(String(req.query.username ?? ''));
    if (!u) return failure(res, 'username not found');
    success(
      res,
      Object.entries(u.memberships).map(([unitname, level]) => ({ unitname, fqan: fqanOf(unitname, level) })),
    );
  });
  return r;
}

/** `/sim/admin/registry`: GET the registry's people, PUT to replace them ({users: [...]}). */
export function registryAdminRoutes(dir: RegistryDirectory): express.Router {
  const r = express.Router();
  r.use(express.json());
  r.get('/', (_req, res) => res.json(dir.all()));
  r.put('/', (req, res) => {
    const parsed = registryBody.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json({ error: 'invalid body', issues: parsed.error.issues });
    dir.replace(parsed.data);
    res.json(dir.all());
  });
  return r;
}
