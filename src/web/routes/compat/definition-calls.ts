import { editAction } from '../../../services/compat/definition-edits.js';
import { changes, type CompatMethod } from './compat-call.js';
import { json, page } from './compat-reply.js';

export const definitionCalls: Record<string, CompatMethod> = {
  job_type_edit: changes(async (c) => {
    const out = await c.compat.definitionEdits.jobType(
      c.user,
      c.exp,
      editAction(c.f.text('action')),
      c.f.asRecord(),
    );
    return page(out, out.message);
  }),
  job_type_rm: changes(async (c) => {
    return json(await c.compat.definitionEdits.jobType(c.user, c.exp, 'delete', c.f.asRecord()));
  }),
  modify_job_type_recoveries: changes(async (c) => {
    const id = c.f.requireInt('job_type_id');
    return json(await c.compat.definitionEdits.recoveries(c.user, c.exp, id, c.f.requireText('recoveries')));
  }),
  login_setup_edit: changes(async (c) => {
    const out = await c.compat.definitionEdits.loginSetup(
      c.user,
      c.exp,
      editAction(c.f.text('action')),
      c.f.asRecord(),
    );
    return page(out, out.message);
  }),
  login_setup_rm: changes(async (c) => {
    return json(await c.compat.definitionEdits.loginSetup(c.user, c.exp, 'delete', c.f.asRecord()));
  }),
};

// Older names the client still calls.
definitionCalls.launch_template_edit = definitionCalls.login_setup_edit;
definitionCalls.campaign_definition_edit = definitionCalls.job_type_edit;
