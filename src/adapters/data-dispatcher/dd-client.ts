import type { z } from 'zod';
import { isAdapterError } from '../adapter-error.js';
import { probeHealth, type HealthReport } from '../http/health-report.js';
import { checked, jsonBody } from '../http/json-answer.js';
import { RestTransport, type RestCall, type RestOptions } from '../http/rest-transport.js';
import { orNull } from '../http/or-null.js';
import type {
  CreateProjectOptions,
  DataDispatcher,
  DdHandle,
  DdProject,
  NextFile,
} from './data-dispatcher.js';
import { handleSchema, nextFileSchema, projectSchema } from './dd-answers.js';

/** DD's default idle timeout: 72 hours. */
const IDLE_S = 72 * 3600;

function did(d: string): { namespace: string; name: string } {
  const i = d.indexOf(':');
  return { namespace: d.slice(0, i), name: d.slice(i + 1) };
}

/** The real DataDispatcher over its REST API (`<base>/…`, e.g. `…/dd/data`), token in X-Authentication-Token. */
export class DataDispatcherClient implements DataDispatcher {
  private readonly http: RestTransport;

  constructor(private readonly options: RestOptions) {
    this.http = new RestTransport('data-dispatcher', 'X-Authentication-Token', options);
  }

  private async read<T>(schema: z.ZodType<T>, c: RestCall): Promise<T> {
    const a = await this.http.call(c);
    return checked('data-dispatcher', schema, jsonBody('data-dispatcher', a, c.operation), a, c.operation);
  }

  createProject(files: readonly string[], o: CreateProjectOptions = {}): Promise<DdProject> {
    const json = {
      files: files.map((f) => ({ ...did(f), attributes: {} })),
      project_attributes: o.attributes ?? {},
      query: o.query ?? null,
      worker_timeout: o.workerTimeoutS ?? null,
      idle_timeout: o.idleTimeoutS === undefined ? IDLE_S : o.idleTimeoutS,
      users: [],
      roles: [],
    };
    return this.read(projectSchema, {
      operation: 'create_project',
      method: 'POST',
      path: '/create_project',
      json,
      idempotent: false,
    });
  }

  project(projectId: number): Promise<DdProject | null> {
    const query = { project_id: String(projectId), with_files: 'yes', with_replicas: 'no' };
    return orNull(
      this.read(projectSchema, {
        operation: 'project',
        method: 'GET',
        path: '/project',
        query,
        idempotent: true,
      }),
    );
  }

  restartHandles(
    projectId: number,
    which: { failed?: boolean; done?: boolean; reserved?: boolean } | { handles: readonly string[] },
  ): Promise<DdProject> {
    const json =
      'handles' in which
        ? { project_id: projectId, handles: which.handles }
        : { project_id: projectId, done: !!which.done, failed: !!which.failed, reserved: !!which.reserved };
    return this.read(projectSchema, {
      operation: 'restart_handles',
      method: 'POST',
      path: '/restart_handles',
      json,
      idempotent: false,
    });
  }

  cancelProject(projectId: number): Promise<DdProject> {
    const query = { project_id: String(projectId) };
    return this.read(projectSchema, {
      operation: 'cancel_project',
      method: 'GET',
      path: '/cancel_project',
      query,
      idempotent: false,
    });
  }

  /** An ended project answers 400 `Inactive project. State=…`: no file, no retry (as DD's own client reads it). */
  async nextFile(projectId: number, workerId: string, cpuSite?: string): Promise<NextFile> {
    const query = {
      project_id: String(projectId),
      worker_id: workerId,
      ...(cpuSite ? { cpu_site: cpuSite } : {}),
    };
    // Reserving is not idempotent: a retry after a lost answer would hold a second file.
    try {
      return await this.read(nextFileSchema, {
        operation: 'next_file',
        method: 'GET',
        path: '/next_file',
        query,
        idempotent: false,
      });
    } catch (e) {
      if (!isAdapterError(e, 'rejected') || e.status !== 400 || !/State=/.test(e.raw ?? '')) throw e;
      return { handle: null, retry: false, reason: (e.raw ?? '').trim() };
    }
  }

  release(
    projectId: number,
    d: string,
    workerId: string,
    outcome: { failed: boolean; retry?: boolean },
  ): Promise<DdHandle> {
    const query = {
      handle_id: `${projectId}:${d}`,
      failed: outcome.failed ? 'yes' : 'no',
      retry: outcome.retry ? 'yes' : 'no',
      worker_id: workerId,
    };
    return this.read(handleSchema, {
      operation: 'release',
      method: 'GET',
      path: '/release',
      query,
      idempotent: false,
    });
  }

  health(): Promise<HealthReport> {
    return probeHealth(() =>
      this.http.call({
        operation: 'health',
        method: 'GET',
        path: '/version',
        idempotent: true,
        once: { timeoutMs: this.options.timeoutMs ?? 5000 },
      }),
    );
  }
}
