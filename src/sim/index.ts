// The FIFE simulator (external-apis.md 6): SAM web REST, Lens GraphQL and jobsub launch-host shims,
// all answered from one simulated world on one clock.
export type { SimOptions } from './sim-options.js';
export { simEndpoints, startSimulator, type RunningSimulator, type SimEndpoints } from './start-simulator.js';
export { SimClock, type ClockMode } from './clock/sim-clock.js';
export { SimWorld, DEFAULT_SCHEDDS } from './world/sim-world.js';
export type { WorldState } from './world/world-state.js';
export { seedDemoWorld, DEMO_EXPERIMENT, DEMO_FIRST_PASS_FAILURES } from './demo/demo-world.js';
export {
  DD_DEMO_DATASET,
  DD_DEMO_EXPERIMENT,
  DD_DEMO_FIRST_PASS_FAILURES,
  ddDemoRawName,
} from './demo/dd-demo-world.js';
export {
  DEFAULT_KNOBS,
  LAUNCH_FAILURES,
  faultsSchema,
  type Faults,
  type LaunchFailure,
  type StageKnobs,
} from './faults/fault-knobs.js';
export {
  SHIM_COMMANDS,
  SHIM_NOOP_COMMANDS,
  type ShimReply,
  type ShimRequest,
} from './jobsub/shim-protocol.js';
export { runShimCommand } from './jobsub/jobsub-routes.js';
