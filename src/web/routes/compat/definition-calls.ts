import { editAction } from '../../../services/compat/definition-edits.js';
import type { CompatCall } from './compat-call.js';
import { json, page } from './compat-reply.js';

export const definitionCalls: Record<string, CompatCall> = {
  async job_type_edit(c) {
    const out = await c.compat.definitionEdits.jobType(
      c.user,
      c.exp,
      editAction(c.f.text('action')),
      c.f.asRecord(),
    );
    return page(out, out.message);
  },
  async job_type_rm(c) {
    return json(await c.compat.definitionEdits.jobType(c.user, c.exp, 'delete', c.f.asRecord()));
  },
  async modify_job_type_recoveries(c) {
    const id = c.f.requireInt('job_type_id');
    return json(await c.compat.definitionEdits.recoveries(c.user, c.exp, id, c.f.requireText('recoveries')));
  },
  async login_setup_edit(c) {
    const out = await c.compat.definitionEdits.loginSetup(
      c.user,
      c.exp,
      editAction(c.f.text('action')),
      c.f.asRecord(),
    );
    return page(out, out.message);
  },
  async login_setup_rm(c) {
    return json(await c.compat.definitionEdits.loginSetup(c.user, c.exp, 'delete', c.f.asRecord()));
  },
};

// Older names the client still calls.
definitionCalls.launch_template_edit = definitionCalls.login_setup_edit;
definitionCalls.campaign_definition_edit = definitionCalls.job_type_edit;
