// The POMS wrapper's report of the job id (external-apis.md 1.4, poms_job_info):
// POST <POMS_URL>/poms/update_submission with form fields submission_id, jobsub_job_id=<C@schedd>,
// status=New (the generation-1 wrapper used GET; POMS answers state changes to POST only).
// Authenticated as poms_job_info does, `Authorization: Bearer <token>`, with the submission's own
// token from the launch environment (POMS_SUBMISSION_TOKEN). Best effort: a failure is one line in
// the launch log, never a failed launch.

export type FetchLike = (
  url: string,
  init?: { method?: string; body?: URLSearchParams; signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<{ ok: boolean; status: number }>;

const TIMEOUT_MS = 5_000;

/** Lines to print after the submit output. `jobId` in POMS form (`C@schedd`). */
export async function reportJobToPoms(
  pomsUrl: string,
  submissionId: string,
  jobId: string,
  token: string | undefined,
  fetchImpl: FetchLike = fetch,
): Promise<string[]> {
  const base = pomsUrl.replace(/\/+$/, '');
  const q = new URLSearchParams({ submission_id: submissionId, jobsub_job_id: jobId, status: 'New' });
  try {
    const res = await fetchImpl(`${base}/poms/update_submission`, {
      method: 'POST',
      body: q,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!res.ok) return [unreported(jobId, `HTTP ${res.status}`)];
    return [`For Status, use URL: ${base}/poms/submission_details?submission_id=${submissionId}`];
  } catch (e) {
    return [unreported(jobId, (e as Error).message)];
  }
}

export const unreported = (jobId: string, why: string) =>
  `poms_jobsub_wrapper: could not report job id ${jobId} to POMS: ${why}`;
