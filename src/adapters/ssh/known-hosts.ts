import { createHmac } from 'node:crypto';

// OpenSSH known_hosts: `[marker] hostpatterns keytype base64key [comment]` per line. Host patterns are
// comma lists of names with `*`/`?` wildcards and `!` negation, `[host]:port` for ports other than
// 22, or one hashed name `|1|base64salt|base64(HMAC-SHA1(salt, name))`.

export interface KnownHostLine {
  marker?: 'revoked' | 'cert-authority';
  /** Plain patterns, or the hashed name. */
  hosts: string[] | { salt: Buffer; hash: Buffer };
  keyType: string;
  /** The key blob, as a server presents it. */
  key: Buffer;
}

export function parseKnownHosts(text: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0].startsWith('#')) continue;
    const marker =
      fields[0] === '@revoked' ? 'revoked' : fields[0] === '@cert-authority' ? 'cert-authority' : null;
    if (marker) fields.shift();
    const [hosts, keyType, key] = fields;
    if (!hosts || !keyType || !key) continue;
    const hashed = /^\|1\|([^|]+)\|([^|]+)$/.exec(hosts);
    lines.push({
      ...(marker ? { marker } : {}),
      hosts: hashed
        ? { salt: Buffer.from(hashed[1], 'base64'), hash: Buffer.from(hashed[2], 'base64') }
        : hosts.split(','),
      keyType,
      key: Buffer.from(key, 'base64'),
    });
  }
  return lines;
}

/** The name a host is recorded under: `host`, or `[host]:port` when the port is not 22. */
export const knownHostName = (host: string, port = 22): string => (port === 22 ? host : `[${host}]:${port}`);

function glob(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

function matches(line: KnownHostLine, name: string): boolean {
  if (!Array.isArray(line.hosts)) {
    return createHmac('sha1', line.hosts.salt).update(name).digest().equals(line.hosts.hash);
  }
  const negated = line.hosts.filter((p) => p.startsWith('!'));
  if (negated.some((p) => glob(p.slice(1), name))) return false;
  return line.hosts.some((p) => !p.startsWith('!') && glob(p, name));
}

/** Keys accepted for a host (cert-authority lines are not supported and ignored) and keys revoked. */
export function hostKeysFor(
  lines: KnownHostLine[],
  host: string,
  port = 22,
): { accepted: Array<{ keyType: string; key: Buffer }>; revoked: Buffer[] } {
  const name = knownHostName(host, port);
  const revoked = lines.filter((l) => l.marker === 'revoked').map((l) => l.key);
  const accepted = lines
    .filter((l) => !l.marker && matches(l, name) && !revoked.some((r) => r.equals(l.key)))
    .map((l) => ({ keyType: l.keyType, key: l.key }));
  return { accepted, revoked };
}
