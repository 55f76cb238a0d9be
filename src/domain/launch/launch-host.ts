/**
 * A login setup's host as written by users: `host`, `host:port`, or `[v6addr]:port`. The port is
 * for launch hosts whose sshd listens elsewhere than 22 (and for tests with a loopback sshd).
 */
export function parseLaunchHost(text: string): { host: string; port?: number } {
  const t = text.trim();
  const v6 = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(t);
  if (v6) return v6[2] ? { host: v6[1], port: Number(v6[2]) } : { host: v6[1] };
  const m = /^([^:\s]+):(\d{1,5})$/.exec(t);
  if (m && Number(m[2]) > 0 && Number(m[2]) < 65536) return { host: m[1], port: Number(m[2]) };
  return { host: t };
}
