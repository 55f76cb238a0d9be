import { forbidden } from '../../../lib/errors.js';
import type { UploadListing } from '../../../services/uploads/upload-service.js';
import { changes, reads, type CompatContext, type CompatMethod } from './compat-call.js';
import { json, redirect, text, type CompatReply } from './compat-reply.js';

// The uploads area as poms_client uses it: upload_file (multipart "filename", answers 303 to the
// listing), file_uploads[/<exp>/<role>/<user>] and file_uploads_json (check_stale_token/proxy read
// file_stat_list rows [name, size, "YYYY-MM-DDTHH:MM:SSZ"]), download_file, remove_uploaded_files.

const stamp = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** The listing in the original's shape (`experimenters` was the experiment's member list: left empty). */
const listing = (l: UploadListing) => ({
  file_stat_list: l.files.map((f) => [f.name, f.size, stamp(f.uploadedAt)]),
  total: l.total,
  experimenters: [],
  quota: l.quota,
});

/** Uploads are one's own: a listing of another user's (the path's user) is refused. */
function self(c: CompatContext): void {
  const other = c.f.text('path_user') ?? c.f.text('checkuser');
  if (other && other !== 'None' && other !== c.user.username)
    throw forbidden(`uploads are private: ${c.user.username} cannot see those of ${other}`);
}

const listingPath = (c: CompatContext) =>
  `${c.services.config.compat.prefix}/file_uploads/${encodeURIComponent(c.exp)}/${encodeURIComponent(c.user.role)}/${encodeURIComponent(c.user.username)}`;

async function fileUploads(c: CompatContext): Promise<CompatReply> {
  self(c);
  return json(listing(await c.services.uploads.list(c.user, c.exp)));
}

async function uploadFile(c: CompatContext): Promise<CompatReply> {
  const files = [...c.files.entries()].filter(([k]) => k === 'filename').map(([, v]) => v);
  await c.services.uploads.save(c.user, c.exp, files);
  return redirect(listingPath(c));
}

async function downloadFile(c: CompatContext): Promise<CompatReply> {
  const bytes = await c.services.uploads.read(c.user, c.exp, c.f.requireText('filename'));
  return text(bytes.toString('utf8'));
}

async function removeUploadedFiles(c: CompatContext): Promise<CompatReply> {
  const names = c.f.all('filename').filter((n) => n.trim() !== '');
  await c.services.uploads.remove(c.user, c.exp, names.length ? names : [c.f.requireText('filename')]);
  return c.f.text('redirect') === '0' ? text('Ok.') : redirect(listingPath(c));
}

export const uploadCalls: Record<string, CompatMethod> = {
  file_uploads: reads(fileUploads),
  file_uploads_json: reads(fileUploads),
  upload_file: changes(uploadFile),
  download_file: reads(downloadFile),
  remove_uploaded_files: changes(removeUploadedFiles),
};
