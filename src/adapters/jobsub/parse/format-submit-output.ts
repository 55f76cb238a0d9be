/** jobsub_lite's highlight line around the job id. */
export const SUBMIT_HIGHLIGHT = '=-'.repeat(30);

/**
 * What a successful jobsub_submit prints: condor_submit's two lines, then jobsub_lite's block
 * (blank, highlight, blank, id line, highlight, two blanks). Ends with a newline.
 */
export function formatSubmitOutput(o: { cluster: number; schedd: string; count: number }): string {
  return (
    `Submitting job(s)${'.'.repeat(o.count)}\n` +
    `${o.count} job(s) submitted to cluster ${o.cluster}.\n` +
    `\n${SUBMIT_HIGHLIGHT}\n\n` +
    `Use job id ${o.cluster}.0@${o.schedd} to retrieve output\n` +
    `${SUBMIT_HIGHLIGHT}\n\n\n`
  );
}
