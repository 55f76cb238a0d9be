import { last } from '../campaigns/campaigns.schema.js';

export const loginSetupFromForm = (body: Record<string, unknown>) => ({
  name: body.name,
  launch_host: body.launch_host,
  launch_account: body.launch_account,
  launch_setup: body.launch_setup ?? '',
  active: last(body.active) ?? 'false',
});
