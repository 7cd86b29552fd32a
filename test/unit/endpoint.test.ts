import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerodeOptions, resolveEndpoint } from '../../src/engine/endpoint.js';

describe('engine endpoint, as the docker CLI finds it', () => {
  const home = () => mkdtempSync(join(tmpdir(), 'dojo-home-'));

  it('DOCKER_HOST wins', () => {
    expect(resolveEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, home())).toEqual({ url: 'tcp://10.0.0.5:2375', source: 'DOCKER_HOST' });
  });

  it('then the current docker context (Docker Desktop, colima, rootless contexts)', () => {
    const h = home();
    const id = createHash('sha256').update('desktop-linux').digest('hex');
    mkdirSync(join(h, '.docker', 'contexts', 'meta', id), { recursive: true });
    writeFileSync(join(h, '.docker', 'config.json'), JSON.stringify({ currentContext: 'desktop-linux' }));
    writeFileSync(join(h, '.docker', 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Endpoints: { docker: { Host: `unix://${h}/.docker/run/docker.sock` } } }));
    expect(resolveEndpoint({}, h)).toEqual({ url: `unix://${h}/.docker/run/docker.sock`, source: 'docker context "desktop-linux"' });
  });

  it('then the first socket that exists: default, rootless, Docker Desktop', () => {
    const h = home();
    const run = mkdtempSync(join(tmpdir(), 'dojo-xdg-'));
    writeFileSync(join(run, 'docker.sock'), '');
    const found = resolveEndpoint({ XDG_RUNTIME_DIR: run }, h);
    expect(['default socket', 'rootless socket']).toContain(found.source);
  });

  it('maps URLs to dockerode options', () => {
    expect(dockerodeOptions('unix:///var/run/docker.sock')).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(dockerodeOptions('tcp://10.0.0.5:2375')).toMatchObject({ host: '10.0.0.5', port: 2375, protocol: 'http' });
  });
});
