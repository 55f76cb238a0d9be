import * as z from 'zod';
import { AdapterError } from '../adapter-error.js';
import { httpCall, statusError, type HttpTransport } from '../http/http-call.js';
import { higherLevel, levelOfFqan, type RegistryLevel } from '../../domain/identity/registry-plan.js';

// The lab registry (FERRY) as POMS reads it: the calls the original used (bin/addusers.py
// getAffiliationMembersRoles per experiment and role) and, for a first sign-in, getUserInfo and
// getUserFQANs. Every answer is wrapped: {ferry_status: "success"|"failure", ferry_error: [...],
// ferry_output: ...}.

export interface RegistryMember {
  username: string;
  fullName: string | null;
  level: RegistryLevel;
}

export interface RegistryUser {
  username: string;
  fullName: string | null;
  /** experiment → level */
  memberships: Map<string, RegistryLevel>;
}

export interface RegistryClient {
  /** Everyone the registry lists in `experiment` at analysis or production (production wins). */
  experimentMembers(experiment: string, signal?: AbortSignal): Promise<RegistryMember[]>;
  /** The user and their experiments, or null when the registry does not know them (or they are inactive). */
  user(username: string, signal?: AbortSignal): Promise<RegistryUser | null>;
}

const wrapped = <T extends z.ZodType>(output: T) =>
  z.object({
    ferry_status: z.string(),
    ferry_error: z.union([z.array(z.string()), z.string()]).nullish(),
    ferry_output: output.nullish(),
  });
const member = z.object({ username: z.string(), fullname: z.string().nullish(), fqan: z.string().nullish() });
const membersAnswer = z.record(z.string(), z.array(member));
const fqansAnswer = z.array(z.object({ unitname: z.string(), fqan: z.string() }));
const userInfoAnswer = z.object({
  full_name: z.string().nullish(),
  status: z.boolean().nullish(),
  banned: z.boolean().nullish(),
});

const notFound = (errors: string[]) => errors.some((e) => /not (found|exist)|does not exist/i.test(e));

export class FerryClient implements RegistryClient {
  constructor(private readonly o: { baseUrl: string } & HttpTransport) {}

  private async get<O extends z.ZodType>(
    path: string,
    query: Record<string, string>,
    output: O,
    signal?: AbortSignal,
  ): Promise<{ ok: true; output: z.infer<O> | null | undefined } | { ok: false; errors: string[] }> {
    const operation = path;
    const url = `${this.o.baseUrl.replace(/\/$/, '')}/${path}?${new URLSearchParams(query)}`;
    const a = await httpCall({ method: 'GET', url }, this.o, { service: 'registry', operation }, signal);
    if (a.status < 200 || a.status >= 300) throw statusError(a, 'registry', operation);
    let parsed;
    try {
      parsed = wrapped(output).parse(JSON.parse(a.text));
    } catch (e) {
      throw new AdapterError('malformed', 'registry', `${operation}: ${(e as Error).message.slice(0, 200)}`, {
        operation,
        raw: a.text.slice(0, 2000),
      });
    }
    if (parsed.ferry_status === 'success') return { ok: true, output: parsed.ferry_output as z.infer<O> };
    const errors = [parsed.ferry_error ?? []].flat();
    return { ok: false, errors };
  }

  async experimentMembers(experiment: string, signal?: AbortSignal): Promise<RegistryMember[]> {
    const out = new Map<string, RegistryMember>();
    for (const role of ['Analysis', 'Production'] as const) {
      const r = await this.get(
        'getAffiliationMembersRoles',
        { unitname: experiment, role },
        membersAnswer,
        signal,
      );
      if (!r.ok)
        throw new AdapterError(
          'rejected',
          'registry',
          `getAffiliationMembersRoles ${experiment} ${role}: ${r.errors.join('; ')}`,
          {
            operation: 'getAffiliationMembersRoles',
          },
        );
      for (const m of r.output?.[experiment] ?? []) {
        const level = higherLevel(
          out.get(m.username)?.level,
          role === 'Production' ? 'production' : 'analysis',
        );
        out.set(m.username, { username: m.username, fullName: m.fullname ?? null, level });
      }
    }
    return [...out.values()];
  }

  async user(username: string, signal?: AbortSignal): Promise<RegistryUser | null> {
    const info = await this.get('getUserInfo', { username }, userInfoAnswer, signal);
    if (!info.ok) {
      if (notFound(info.errors)) return null;
      throw new AdapterError('rejected', 'registry', `getUserInfo ${username}: ${info.errors.join('; ')}`, {
        operation: 'getUserInfo',
      });
    }
    if (!info.output || info.output.status === false || info.output.banned === true) return null;
    const fqans = await this.get('getUserFQANs', { username }, fqansAnswer, signal);
    if (!fqans.ok)
      throw new AdapterError('rejected', 'registry', `getUserFQANs ${username}: ${fqans.errors.join('; ')}`, {
        operation: 'getUserFQANs',
      });
    const memberships = new Map<string, RegistryLevel>();
    for (const f of fqans.output ?? []) {
      const level = levelOfFqan(f.fqan);
      if (level) memberships.set(f.unitname, higherLevel(memberships.get(f.unitname), level));
    }
    return { username, fullName: info.output.full_name ?? null, memberships };
  }
}
