import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UPLOAD_NAME, type HeldFile } from '../../domain/credentials/index.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import type { UserContext } from '../user-context.js';

export interface UploadedFileInfo {
  name: string;
  size: number;
  uploadedAt: Date;
}

export interface UploadListing {
  files: UploadedFileInfo[];
  /** Bytes used, and the per-user quota in bytes. */
  total: number;
  quota: number;
}

export interface UploadServiceOptions {
  /** `<dir>/<experiment>/<username>/<file>`, as the original's base_uploads_dir/uploads. */
  dir: string;
  quotaBytes: number;
}

/** Who owns the uploads a user may touch: their own, in an experiment they belong to. */
function areaOf(user: UserContext, experiment: string): { experiment: string; username: string } {
  if (!user.root && !user.memberships[experiment])
    throw forbidden(`${user.username} is not a member of ${experiment}`);
  return { experiment, username: user.username };
}

function checkName(name: string, field = 'filename'): string {
  if (!UPLOAD_NAME.test(name))
    throw invalid(
      `"${name}" is not a file name POMS keeps: letters, digits, _ . - (no path, no leading dot)`,
      [{ field, message: 'bad file name' }],
    );
  return name;
}

/**
 * Each user's uploads area per experiment (vault tokens, proxies, files for their jobs), with a
 * quota on the total size. An upload that would pass the quota is refused before anything is
 * written; each file is written to a temporary name and renamed, so a reader never sees half a file.
 */
export function uploadService(o: UploadServiceOptions) {
  const folder = (a: { experiment: string; username: string }) => join(o.dir, a.experiment, a.username);

  async function listArea(a: { experiment: string; username: string }): Promise<UploadListing> {
    const d = folder(a);
    const names = await readdir(d).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw e;
    });
    const files: UploadedFileInfo[] = [];
    for (const name of names.filter((n) => UPLOAD_NAME.test(n)).sort()) {
      const s = await stat(join(d, name)).catch(() => null);
      if (s?.isFile()) files.push({ name, size: s.size, uploadedAt: s.mtime });
    }
    return { files, total: files.reduce((n, f) => n + f.size, 0), quota: o.quotaBytes };
  }

  return {
    list: (user: UserContext, experiment: string) => listArea(areaOf(user, experiment)),

    async save(
      user: UserContext,
      experiment: string,
      uploads: ReadonlyArray<{ filename: string; bytes: Uint8Array }>,
    ): Promise<UploadListing> {
      const a = areaOf(user, experiment);
      if (!uploads.length)
        throw invalid('no file was sent: post it as the multipart field "filename"', [
          { field: 'filename', message: 'required' },
        ]);
      const names = uploads.map((u) => checkName(u.filename.split(/[\\/]/).pop() ?? ''));
      const before = await listArea(a);
      const replaced = new Set(names);
      const kept = before.files.filter((f) => !replaced.has(f.name)).reduce((n, f) => n + f.size, 0);
      const total = kept + uploads.reduce((n, u) => n + u.bytes.length, 0);
      if (total > o.quotaBytes)
        throw new AppError(
          'too_large',
          `Upload exceeds quota of ${Math.floor(o.quotaBytes / 1024)} KiB: ${total} bytes with your other files; remove some first`,
          [{ field: 'filename', message: 'over quota' }],
        );
      await mkdir(folder(a), { recursive: true, mode: 0o700 });
      for (const [i, u] of uploads.entries()) {
        const tmp = join(folder(a), `.${randomUUID()}`);
        await writeFile(tmp, u.bytes, { mode: 0o600 });
        await rename(tmp, join(folder(a), names[i]));
      }
      return listArea(a);
    },

    async read(user: UserContext, experiment: string, name: string): Promise<Buffer> {
      const a = areaOf(user, experiment);
      return readFile(join(folder(a), checkName(name))).catch(() => {
        throw notFound(`uploaded file ${name}`);
      });
    },

    async remove(user: UserContext, experiment: string, names: readonly string[]): Promise<string[]> {
      const a = areaOf(user, experiment);
      const checked = names.map((n) => checkName(n));
      const listed = new Set((await listArea(a)).files.map((f) => f.name));
      for (const n of checked) await rm(join(folder(a), n), { force: true });
      return checked.filter((n) => listed.has(n));
    },

    /** A user's uploads with their contents, for a launch (no membership check: the launch did it). */
    async held(experiment: string, username: string): Promise<HeldFile[]> {
      const a = { experiment, username };
      const { files } = await listArea(a);
      return Promise.all(
        files.map(async (f) => ({
          name: f.name,
          bytes: await readFile(join(folder(a), f.name)),
          storedAt: f.uploadedAt,
        })),
      );
    },
  };
}

export type UploadService = ReturnType<typeof uploadService>;
