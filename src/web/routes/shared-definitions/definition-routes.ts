import type { Router } from 'express';
import type * as z from 'zod';
import type { PageRequest } from '../../../db/read-models/paginate.js';
import { can } from '../../../domain/permissions/permissions.js';
import type { UserContext } from '../../../services/user-context.js';
import { api } from '../../api-registry.js';
import { flash } from '../../middleware/flash.js';
import { pageQuery, pageRequest } from '../../page-query.js';
import { experimentParams } from '../campaigns/campaigns.schema.js';
import type { Page } from '../../../db/read-models/paginate.js';
import { downloadOf, sendListDownload } from '../../downloads/list-download.js';
import { cloneBody, cloneQuery, definitionParams, listQuery } from './definition.schema.js';

/** The service calls the definition pages and API make (see definitionService). */
export interface DefinitionRoutesService<Input, View extends { name: string }> {
  list(user: UserContext, experiment: string, filter: { name?: string }, req: PageRequest): Promise<unknown>;
  get(user: UserContext, experiment: string, id: number): Promise<View>;
  create(user: UserContext, experiment: string, input: Input): Promise<View>;
  update(user: UserContext, experiment: string, id: number, input: Input): Promise<View>;
  remove(user: UserContext, experiment: string, id: number): Promise<void>;
  clone(user: UserContext, experiment: string, id: number, name: string): Promise<View>;
}

/** What differs between the definition areas. */
export interface DefinitionRoutesSpec<Input, View extends { name: string }> {
  svc: DefinitionRoutesService<Input, View>;
  /** URL segment and views folder, e.g. `job-types` (pages/job-types/index.njk, edit.njk). */
  segment: string;
  /** e.g. `job type`; capitalised in flash messages. */
  noun: string;
  /** e.g. `job types`: the API tag. */
  nouns: string;
  /** Name under which edit.njk receives the shown definition, e.g. `jobType`. */
  local: string;
  /** Summary of the single GET, which says what it includes. */
  getSummary: string;
  input: z.ZodType<Input>;
  /** Form fields → the shape `input` parses. */
  fromForm: (body: Record<string, unknown>) => unknown;
  idOf: (view: View) => number;
  /** More values for edit.njk (e.g. the recovery types a ladder may use). */
  editLocals?: () => Promise<Record<string, unknown>>;
  /** More API routes, registered right after the list. */
  moreApi?: (r: Router) => void;
}

/**
 * The pages (list, new, show/edit, delete; POST-redirect-GET) and their /api/v1 twins (list,
 * create, get, replace, delete, clone) of one kind of experiment-scoped named definition.
 */
export function definitionRoutes<Input, View extends { name: string }>(
  r: Router,
  spec: DefinitionRoutesSpec<Input, View>,
): void {
  const { svc, segment, noun, nouns } = spec;
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const Noun = capital(noun);
  const page = `/experiments/:exp/${segment}`;
  const apiPath = `/api/v1${page}`;
  const base = (exp: string) => `/experiments/${encodeURIComponent(exp)}/${segment}`;
  const editLocals = async () => (spec.editLocals ? spec.editLocals() : {});

  r.get(page, async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const filter = listQuery.parse(req.query);
    const download = downloadOf(req.query);
    if (download)
      return sendListDownload(res, download, {
        name: `${exp}-${segment}`,
        omit: ['can_modify', 'can_operate'],
        page: (p, pageSize) =>
          svc.list(req.user!, exp, filter, { page: p, pageSize }) as Promise<Page<unknown>>,
      });
    const result = await svc.list(req.user!, exp, filter, pageRequest(req.query));
    res.render(`pages/${segment}/index.njk`, {
      exp,
      filter,
      result,
      canCreate: can(req.user!, 'create', { experiment: exp }),
    });
  });
  api(
    r,
    {
      method: 'get',
      path: apiPath,
      tag: nouns,
      summary: `${capital(nouns)} of an experiment`,
      params: experimentParams,
      query: listQuery.extend(pageQuery.shape),
    },
    ({ params, query, req }) =>
      svc.list(req.user!, params.exp, query, { page: query.page, pageSize: query.page_size }),
  );
  spec.moreApi?.(r);

  r.get(`${page}/new`, async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const { from } = cloneQuery.parse(req.query);
    const source = from ? await svc.get(req.user!, exp, from) : null;
    res.render(`pages/${segment}/edit.njk`, { exp, [spec.local]: null, source, ...(await editLocals()) });
  });
  r.post(page, async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const made = await svc.create(req.user!, exp, spec.input.parse(spec.fromForm(req.body)));
    flash(req, 'success', `${Noun} ${made.name} created`);
    res.redirect(303, `${base(exp)}/${spec.idOf(made)}`);
  });
  api(
    r,
    {
      method: 'post',
      path: apiPath,
      tag: nouns,
      summary: `Create a ${noun}`,
      params: experimentParams,
      body: spec.input,
      status: 201,
    },
    ({ params, body, req }) => svc.create(req.user!, params.exp, body),
  );

  r.get(`${page}/:id`, async (req, res) => {
    const { exp, id } = definitionParams.parse(req.params);
    const shown = await svc.get(req.user!, exp, id);
    res.render(`pages/${segment}/edit.njk`, {
      exp,
      [spec.local]: shown,
      source: shown,
      ...(await editLocals()),
    });
  });
  api(
    r,
    { method: 'get', path: `${apiPath}/:id`, tag: nouns, summary: spec.getSummary, params: definitionParams },
    ({ params, req }) => svc.get(req.user!, params.exp, params.id),
  );

  r.post(`${page}/:id`, async (req, res) => {
    const { exp, id } = definitionParams.parse(req.params);
    const saved = await svc.update(req.user!, exp, id, spec.input.parse(spec.fromForm(req.body)));
    flash(req, 'success', `${Noun} ${saved.name} saved`);
    res.redirect(303, `${base(exp)}/${id}`);
  });
  api(
    r,
    {
      method: 'put',
      path: `${apiPath}/:id`,
      tag: nouns,
      summary: `Replace a ${noun} (renaming also renames it in campaign defaults)`,
      params: definitionParams,
      body: spec.input,
    },
    ({ params, body, req }) => svc.update(req.user!, params.exp, params.id, body),
  );

  r.post(`${page}/:id/delete`, async (req, res) => {
    const { exp, id } = definitionParams.parse(req.params);
    await svc.remove(req.user!, exp, id);
    flash(req, 'success', `${Noun} deleted`);
    res.redirect(303, base(exp));
  });
  api(
    r,
    {
      method: 'delete',
      path: `${apiPath}/:id`,
      tag: nouns,
      summary: `Delete a ${noun} nothing uses`,
      params: definitionParams,
      status: 204,
    },
    async ({ params, req }) => {
      await svc.remove(req.user!, params.exp, params.id);
    },
  );
  api(
    r,
    {
      method: 'post',
      path: `${apiPath}/:id/clone`,
      tag: nouns,
      summary: `Copy a ${noun} under a new name`,
      params: definitionParams,
      body: cloneBody,
      status: 201,
    },
    ({ params, body, req }) => svc.clone(req.user!, params.exp, params.id, body.name),
  );
}
