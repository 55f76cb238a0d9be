import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hostKeysFor, knownHostName, parseKnownHosts } from '../../../../src/adapters/ssh/index.js';

const K1 = Buffer.from('key-one').toString('base64');
const K2 = Buffer.from('key-two').toString('base64');
const K3 = Buffer.from('key-three').toString('base64');

function hashed(name: string): string {
  const salt = Buffer.from('0123456789abcdefghij');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

const text = [
  '# comment',
  '',
  `[127.0.0.1]:2222 ssh-ed25519 ${K1}`,
  `launch.example,10.0.0.1 ssh-rsa ${K2} comment here`,
  `*.fnal.gov,!bad.fnal.gov ecdsa-sha2-nistp256 ${K3}`,
  `${hashed('[hidden.example]:2200')} ssh-ed25519 ${K2}`,
  `@revoked * ssh-rsa ${K2}`,
  'garbage-line',
].join('\n');

const keys = (host: string, port?: number) =>
  hostKeysFor(parseKnownHosts(text), host, port).accepted.map((k) => k.key.toString());

describe('known_hosts', () => {
  it('writes non-22 ports in brackets', () => {
    expect([knownHostName('h'), knownHostName('h', 22), knownHostName('h', 2222)]).toEqual([
      'h',
      'h',
      '[h]:2222',
    ]);
  });

  it('matches plain names with the port, wildcards and negations', () => {
    expect(keys('127.0.0.1', 2222)).toEqual(['key-one']);
    expect(keys('127.0.0.1')).toEqual([]);
    expect(keys('pomsgpvm01.fnal.gov')).toEqual(['key-three']);
    expect(keys('bad.fnal.gov')).toEqual([]);
  });

  it('matches hashed names, and drops revoked keys', () => {
    const lines = parseKnownHosts(text);
    expect(lines.filter((l) => !Array.isArray(l.hosts))).toHaveLength(1);
    expect(keys('launch.example')).toEqual([]);
    expect(keys('hidden.example', 2200)).toEqual([]);
    expect(hostKeysFor(lines, 'x').revoked.map(String)).toEqual(['key-two']);
    const unrevoked = parseKnownHosts(text.replace(/@revoked.*\n/, ''));
    expect(hostKeysFor(unrevoked, 'hidden.example', 2200).accepted.map((k) => k.keyType)).toEqual([
      'ssh-ed25519',
    ]);
    expect(hostKeysFor(unrevoked, 'launch.example').accepted.map((k) => k.keyType)).toEqual(['ssh-rsa']);
  });
});
