import { AdapterError, isAdapterError } from '../adapter-error.js';
import { probeHealth, type HealthReport } from '../http/health-report.js';
import { orNull } from '../http/or-null.js';
import type {
  CreateDefinitionOptions,
  LineageKind,
  Sam,
  SamDefinition,
  SamFileMetadata,
  SamProjectSummary,
} from './sam.js';
import {
  definitionSchema,
  fileListSchema,
  fileMetadataSchema,
  parameterListSchema,
  integerAnswer,
  jsonAnswer,
  lineageSchema,
  projectSummarySchema,
} from './sam-answers.js';
import { seg, SamwebTransport, type SamwebOptions } from './samweb-transport.js';

export interface SamwebClientOptions extends SamwebOptions {
  /** SAM user named on definitions POMS creates; default `sam` (as POMS). */
  definitionUser?: string;
  /** Sam.attributionParam (`[sam] attribution_param`); absent: none. */
  attributionParam?: string | null;
}

const JSON_FORMAT = { format: 'json' };

/** The real Sam over samweb's REST API (paths as samweb_client uses them, external-apis.md 2.2). */
export class SamwebClient implements Sam {
  private readonly http: SamwebTransport;
  readonly attributionParam: string | null;

  constructor(private readonly options: SamwebClientOptions) {
    this.http = new SamwebTransport(options);
    this.attributionParam = options.attributionParam ?? null;
  }

  /** `GET /values/parameters`: a list of names or of `{name, data_type}` (samweb_client admin.py). */
  async listParameters(exp: string): Promise<string[]> {
    const op = 'values/parameters';
    const list = jsonAnswer(
      parameterListSchema,
      await this.http.get(exp, op, '/values/parameters', JSON_FORMAT),
      op,
    );
    return list.map((p) => (typeof p === 'string' ? p : p.name));
  }

  async listFiles(exp: string, dims: string): Promise<string[]> {
    const call = this.http.dimsCall('files/list', '/files/list', dims, JSON_FORMAT);
    return jsonAnswer(fileListSchema, await this.http.call(exp, call), call.operation);
  }

  async countFiles(exp: string, dims: string): Promise<number> {
    const call = this.http.dimsCall('files/count', '/files/count', dims);
    const a = await this.http.call(exp, call).catch((e: unknown) => {
      throw unknownDefinition(e) ?? e;
    });
    if (/query limit/i.test(a.text))
      throw new AdapterError('rejected', 'sam', 'files/count exceeded the SAM query limit', {
        raw: a.text,
        operation: call.operation,
      });
    return integerAnswer(a, call.operation);
  }

  async fileMetadata(exp: string, fileName: string): Promise<SamFileMetadata | null> {
    const op = 'files/name/metadata';
    const a = await orNull(this.http.get(exp, op, `/files/name/${seg(fileName)}/metadata`, JSON_FORMAT));
    return a && jsonAnswer(fileMetadataSchema, a, op);
  }

  async fileLineage(exp: string, fileName: string, kind: LineageKind): Promise<string[]> {
    const op = `files/name/lineage/${kind}`;
    const a = await this.http.get(exp, op, `/files/name/${seg(fileName)}/lineage/${kind}`, JSON_FORMAT);
    return jsonAnswer(lineageSchema, a, op);
  }

  async createDefinition(
    exp: string,
    name: string,
    dims: string,
    opts: CreateDefinitionOptions = {},
  ): Promise<void> {
    const form = {
      defname: name,
      dims,
      user: opts.user ?? this.options.definitionUser ?? 'sam',
      group: opts.group ?? exp,
      ...(opts.description === undefined ? {} : { description: opts.description }),
    };
    const create = () => this.http.send(exp, 'definitions/create', 'POST', '/definitions/create', form);
    try {
      await create();
    } catch (e) {
      if (!isAdapterError(e, 'conflict') || opts.onConflict !== 'replace') throw e;
      await this.deleteDefinition(exp, name);
      await create();
    }
  }

  async describeDefinition(exp: string, name: string): Promise<SamDefinition | null> {
    const op = 'definitions/name/describe';
    const a = await orNull(this.http.get(exp, op, `/definitions/name/${seg(name)}/describe`, JSON_FORMAT));
    return a && jsonAnswer(definitionSchema, a, op);
  }

  async deleteDefinition(exp: string, name: string): Promise<void> {
    await this.http.send(exp, 'definitions/name (delete)', 'DELETE', `/definitions/name/${seg(name)}`);
  }

  async takeSnapshot(exp: string, defname: string, group?: string): Promise<number> {
    const op = 'definitions/name/snapshot';
    const path = `/definitions/name/${seg(defname)}/snapshot`;
    const a = await this.http.send(exp, op, 'POST', path, { group: group ?? exp }, { format: 'plain' });
    return integerAnswer(a, op);
  }

  async projectSummary(exp: string, project: string): Promise<SamProjectSummary | null> {
    const op = 'projects/name/summary';
    const query = { format: 'json', process_limit: '0' };
    const a = await orNull(this.http.get(exp, op, `/projects/name/${seg(project)}/summary`, query));
    return a && jsonAnswer(projectSummarySchema, a, op);
  }

  async recoveryDimensions(exp: string, project: string, opts: { useProcess: boolean }): Promise<string> {
    const path = `/projects/name/${seg(project)}/recovery_dimensions`;
    const query = { useProcess: opts.useProcess ? '1' : '0', format: 'plain' };
    return (await this.http.get(exp, 'projects/name/recovery_dimensions', path, query)).text.trim();
  }

  async setProjectDescription(exp: string, project: string, text: string): Promise<void> {
    const path = `/projects/${seg(exp)}/${seg(project)}/description`;
    await this.http.send(exp, 'projects/description', 'POST', path, { description: text });
  }

  /** One count of a file name that cannot exist: one attempt, no retries. */
  health(exp: string): Promise<HealthReport> {
    const probe = this.http.dimsCall('health', '/files/count', "file_name '__poms_health_probe__'");
    const call = { ...probe, once: { timeoutMs: this.options.timeoutMs ?? 5000 } };
    return probeHealth(async () => integerAnswer(await this.http.call(exp, call), 'health'));
  }
}

/**
 * SAM answers 400 for an unknown defname in a count, whatever the wording (external-apis.md 2.1):
 * such a 400 becomes `not_found`, except a dims parse error or the query limit.
 */
function unknownDefinition(e: unknown): AdapterError | null {
  if (
    !isAdapterError(e, 'rejected') ||
    e.status !== 400 ||
    /query limit|parse error|syntax/i.test(e.raw ?? '')
  )
    return null;
  return new AdapterError('not_found', 'sam', e.message.replace(/^sam: /, ''), {
    status: e.status,
    raw: e.raw,
    operation: e.operation,
    cause: e,
  });
}
