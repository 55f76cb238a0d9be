import { EXIT } from './exit-codes.js';

export const HELP = `poms — the POMS command-line client (talks to the /api/v1 JSON API with your API token)

Usage: poms <command> [arguments] [options]

  login [--url URL] [--token TOKEN] [--experiment EXP]
                                 check the token and save URL and token in ~/.config/poms/config.json (0600)
  whoami                         the user, experiment and role the token acts as

  campaign list [--all]          campaigns of the experiment (--all: inactive ones too)
  campaign show NAME             a campaign, its stages and dependencies
  campaign import FILE           import a campaign .ini file (all or nothing; re-import updates)
  campaign export NAME [-o FILE] the campaign as an .ini file (stdout, or FILE)
  campaign clone NAME NEW [--from TEXT --to TEXT]
                                 copy a campaign; stage names have TEXT replaced
  campaign delete NAME           delete a campaign that has never launched

  stage show STAGE               a stage's values (own and inherited)
  stage edit STAGE KEY=VALUE...  set stage fields by their .ini names (KEY= inherits again), or name=
  stage launch STAGE [--test] [--dataset D] [--wait]
                                 launch now; --wait waits for the submission (see "submission wait")
  stage preview STAGE [--test]   the command and dataset the next launch would use
  stage hold STAGE | stage release STAGE
                                 hold launches (queued) / release them (the queue launches)
  stage schedule STAGE CRON      launch on a cron schedule ("0 3 * * *"); "none" clears it

  submission show ID             status, history, jobsub id, project, files
  submission wait ID [--until located|completed] [--interval S] [--timeout S]
                                 wait for an outcome, printing each status change
  submission kill|cancel|hold|release ID
                                 act on the submission's jobs
  submission recover ID TYPE [--preview]
                                 recovery launch of TYPE (consumed_status, process_status, ...)

  files STAGE_OR_SUBMISSION      file counts (files, not jobs): CAMPAIGN/STAGE or stage:ID for a
                                 stage, ID or submission:ID for a submission

STAGE is CAMPAIGN/STAGE or the stage id; NAME a campaign name or id.

Options:
  -e, --experiment EXP   experiment to work in (default: the one saved at login, else the token's,
                         else your current one)
  --json                 machine-readable output on stdout (progress goes to stderr)
  -h, --help             this text

Environment: POMS_URL and POMS_TOKEN override the saved login.

Exit codes:
  ${EXIT.ok}   success; "wait": the submission is Located (or Completed with --until completed)
  ${EXIT.error}   the server refused the request, or it failed
  ${EXIT.usage}   bad command line
  ${EXIT.unauthenticated}   not logged in, or the token is unknown, revoked or expired
  ${EXIT.forbidden}   not allowed (your role, or the token's experiment or maximum role)
  ${EXIT.notFound}   no such campaign, stage or submission
  ${EXIT.unreachable}   POMS could not be reached
  ${EXIT.failed}  wait: Failed          ${EXIT.launchFailed}  wait: LaunchFailed
  ${EXIT.removed}  wait: Removed         ${EXIT.cancelled}  wait: Cancelled
  ${EXIT.held}  launch --wait: the launch was queued (stage or experiment held)
  ${EXIT.timeout}  wait: --timeout passed first
`;
