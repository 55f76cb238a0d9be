// HTTP plumbing shared by the SAM and Lens clients: one exchange with typed errors, retries, probes.
export { httpCall, statusError, type HttpAnswer, type HttpRequest, type HttpTransport } from './http-call.js';
export { probeHealth, type HealthReport } from './health-report.js';
export { retryDelay, withRetries, type RetryPolicy } from './with-retries.js';
