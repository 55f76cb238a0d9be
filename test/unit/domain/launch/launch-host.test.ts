import { describe, expect, it } from 'vitest';
import { parseLaunchHost } from '../../../../src/domain/launch/launch-host.js';

describe('parseLaunchHost', () => {
  it('reads host, host:port and [v6]:port', () => {
    expect(parseLaunchHost('novagpvm01.fnal.gov')).toEqual({ host: 'novagpvm01.fnal.gov' });
    expect(parseLaunchHost(' 127.0.0.1:2222 ')).toEqual({ host: '127.0.0.1', port: 2222 });
    expect(parseLaunchHost('[::1]:2200')).toEqual({ host: '::1', port: 2200 });
    expect(parseLaunchHost('[::1]')).toEqual({ host: '::1' });
    expect(parseLaunchHost('host:99999')).toEqual({ host: 'host:99999' });
  });
});
