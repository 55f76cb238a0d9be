import crypto from 'node:crypto';
import { AppError } from '../../lib/errors.js';

// A submission's own callback token, handed to its launch as POMS_SUBMISSION_TOKEN so that the
// wrapper on the launch host can report the job id (update_submission, get_submission_id_for) as
// `Authorization: Bearer <token>`. Text: `pomssub_<submission id>_<expiry, unix s>_<mac>`, the mac
// an HMAC-SHA256 of id and expiry under a key derived from the server's session secret: nothing is
// stored, every process sharing the secret accepts it, and it allows nothing but reporting on
// that one submission until it expires.

const SHAPE = /^pomssub_(\d{1,10})_(\d{1,12})_([A-Za-z0-9_-]{43})$/;

export const looksLikeSubmissionToken = (text: string): boolean => SHAPE.test(text);

export interface SubmissionTokens {
  mint(submissionId: number): string;
  /** The submission the token reports on; a 401 naming why it is refused. */
  verify(token: string): number;
}

export function submissionTokens(
  secret: string,
  ttlMs: number,
  now: () => Date = () => new Date(),
): SubmissionTokens {
  const key = crypto.createHmac('sha256', secret).update('poms submission callback token v1').digest();
  const mac = (sid: string, exp: string) =>
    crypto.createHmac('sha256', key).update(`${sid}:${exp}`).digest('base64url');
  return {
    mint(submissionId) {
      const exp = String(Math.ceil((now().getTime() + ttlMs) / 1000));
      return `pomssub_${submissionId}_${exp}_${mac(String(submissionId), exp)}`;
    },
    verify(token) {
      const m = SHAPE.exec(token);
      const good = m && crypto.timingSafeEqual(Buffer.from(mac(m[1], m[2])), Buffer.from(m[3]));
      if (!m || !good)
        throw new AppError('unauthenticated', 'the submission token is not valid (not issued by this POMS)');
      if (Number(m[2]) * 1000 <= now().getTime())
        throw new AppError(
          'unauthenticated',
          `the token of submission ${m[1]} expired on ${new Date(Number(m[2]) * 1000).toISOString()}`,
        );
      return Number(m[1]);
    },
  };
}
