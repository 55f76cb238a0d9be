import { run } from './run.js';

// The `poms` command (bin/poms.js runs this file through tsx).
const code = await run(
  process.argv.slice(2),
  { out: (s) => console.log(s), err: (s) => console.error(s) },
  process.env,
);
process.exitCode = code;
