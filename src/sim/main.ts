// `npm run sim`: the FIFE simulator on its own. Settings come from the [sim] section of the POMS
// configuration (poms.ini / POMS_SIM_* variables: port, speed, seed, state_dir) and these flags:
//   --port N  --host H  --state-dir DIR | --memory  --seed N  --speed N | --real | --manual
//   --no-demo  --poms-url URL  --sam-token T (a bearer token SAM accepts for writes; default random)
import { ConfigError, loadConfig } from '../config/load-config.js';
import type { ClockMode } from './clock/sim-clock.js';
import { startSimulator } from './start-simulator.js';

function flag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(name.length + 1) : args[i + 1];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const speed = Number(flag(args, '--speed') ?? config.sim.speed);
  const clock: ClockMode = args.includes('--manual')
    ? 'manual'
    : args.includes('--real') || speed === 1
      ? 'real'
      : { speed };
  const stateDir = args.includes('--memory') ? null : (flag(args, '--state-dir') ?? config.sim.state_dir);
  const sim = await startSimulator({
    port: Number(flag(args, '--port') ?? config.sim.port),
    host: flag(args, '--host') ?? '127.0.0.1',
    stateDir,
    seed: Number(flag(args, '--seed') ?? config.sim.seed),
    clock,
    pomsUrl: flag(args, '--poms-url') ?? config.server.base_url,
    demo: !args.includes('--no-demo'),
    samTokens: flag(args, '--sam-token') ? [flag(args, '--sam-token')!] : undefined,
  });
  const clockText = clock === 'manual' ? 'manual' : clock === 'real' ? 'real time' : `×${clock.speed}`;
  console.log(
    [
      `FIFE simulator listening on ${sim.url}`,
      `  SAM web : ${sim.samBaseUrl}/<experiment>/api  (writes: Authorization: Bearer ${sim.samToken})`,
      `  Lens    : ${sim.lensUrl}`,
      `  shims   : ${sim.shimBinDir}  (first on the launch host PATH; or set POMS_SIM_URL=${sim.url})`,
      `  admin   : ${sim.url}/sim/admin/state`,
      `  clock   : ${clockText}, now ${sim.clock.now().toISOString()}`,
      `  state   : ${stateDir ?? 'in memory'}`,
    ].join('\n'),
  );
  const stop = async () => {
    await sim.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
