import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DojoError } from '../../src/errors.js';
import { dockerodeOptions, resolveEndpoint } from '../../src/engine/endpoint.js';

const home = () => mkdtempSync(join(tmpdir(), 'dojo-home-'));
/** A home whose docker CLI config has `current` as its context, with the given endpoint (and TLS files). */
function withContext(h: string, name: string, docker: Record<string, unknown>, tlsFiles: string[] = [], current = true) {
  const id = createHash('sha256').update(name).digest('hex');
  mkdirSync(join(h, '.docker', 'contexts', 'meta', id), { recursive: true });
  if (current) writeFileSync(join(h, '.docker', 'config.json'), JSON.stringify({ currentContext: name }));
  writeFileSync(join(h, '.docker', 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker } }));
  if (tlsFiles.length) {
    const dir = join(h, '.docker', 'contexts', 'tls', id, 'docker');
    mkdirSync(dir, { recursive: true });
    for (const f of tlsFiles) writeFileSync(join(dir, f), `${f} of ${name}`);
  }
  return join(h, '.docker', 'contexts', 'tls', id, 'docker');
}
/** Only these paths exist: the socket probes see exactly one setup. */
const only = (...paths: string[]) => (p: string) => paths.includes(p);

describe('engine endpoint, as the docker CLI finds it', () => {
  it('DOCKER_HOST wins over a context', () => {
    const h = home();
    withContext(h, 'desktop-linux', { Host: 'unix:///elsewhere.sock' });
    expect(resolveEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, h)).toEqual({ url: 'tcp://10.0.0.5:2375', source: 'DOCKER_HOST' });
  });

  it('DOCKER_TLS_VERIFY with DOCKER_CERT_PATH (default ~/.docker), DOCKER_TLS without verifying', () => {
    const h = home();
    expect(resolveEndpoint({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, h).tls).toEqual({ verify: true, certDir: '/certs' });
    expect(resolveEndpoint({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' }, h).tls).toEqual({ verify: true, certDir: join(h, '.docker') });
    expect(resolveEndpoint({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1' }, h).tls).toEqual({ verify: false, certDir: join(h, '.docker') });
    expect(resolveEndpoint({ DOCKER_HOST: 'tcp://h:2376' }, h).tls).toBeUndefined();
  });

  it('then DOCKER_CONTEXT, then the current context of config.json, with its TLS files', () => {
    const h = home();
    withContext(h, 'desktop-linux', { Host: `unix://${h}/.docker/run/docker.sock` });
    expect(resolveEndpoint({}, h)).toEqual({ url: `unix://${h}/.docker/run/docker.sock`, source: 'docker context "desktop-linux"' });
    const tlsDir = withContext(h, 'remote', { Host: 'tcp://10.0.0.9:2376', SkipTLSVerify: false }, ['ca.pem', 'cert.pem', 'key.pem'], false);
    expect(resolveEndpoint({ DOCKER_CONTEXT: 'remote' }, h)).toEqual({ url: 'tcp://10.0.0.9:2376', source: 'docker context "remote"', tls: { verify: true, certDir: tlsDir } });
    expect(resolveEndpoint({ DOCKER_CONTEXT: 'default' }, h, only('/var/run/docker.sock')).source).toBe('default socket');
  });

  it('a current context that does not exist is an error naming it, exit 3 (the docker CLI refuses it too)', () => {
    const h = home();
    mkdirSync(join(h, '.docker'));
    writeFileSync(join(h, '.docker', 'config.json'), JSON.stringify({ currentContext: 'gone' }));
    const err = (() => { try { resolveEndpoint({}, h); } catch (e) { return e; } })() as DojoError;
    expect(err).toBeInstanceOf(DojoError);
    expect(err.exitCode).toBe(3);
    expect(err.message).toMatch(/docker context "gone" .*config\.json\) has no readable .*meta\.json/);
  });

  it('then the first socket that exists, one right answer per setup', () => {
    const h = home();
    const xdg = '/run/user/1234';
    const env = { XDG_RUNTIME_DIR: xdg };
    expect(resolveEndpoint(env, h, only('/var/run/docker.sock', `${xdg}/docker.sock`))).toEqual({ url: 'unix:///var/run/docker.sock', source: 'default socket' });
    expect(resolveEndpoint(env, h, only(`${xdg}/docker.sock`))).toEqual({ url: `unix://${xdg}/docker.sock`, source: 'rootless socket' });
    expect(resolveEndpoint(env, h, only(`${h}/.docker/run/docker.sock`))).toEqual({ url: `unix://${h}/.docker/run/docker.sock`, source: 'Docker Desktop socket' });
    expect(resolveEndpoint(env, h, only())).toEqual({ url: 'unix:///var/run/docker.sock', source: 'default socket' });
  });

  it('maps endpoints to dockerode options; unreadable TLS files are a setup error, exit 3', () => {
    expect(dockerodeOptions({ url: 'unix:///var/run/docker.sock', source: 's' })).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(dockerodeOptions({ url: 'tcp://10.0.0.5', source: 's' })).toMatchObject({ host: '10.0.0.5', port: 2375, protocol: 'http' });
    const read = (f: string) => Buffer.from(f);
    expect(dockerodeOptions({ url: 'tcp://h', source: 's', tls: { verify: true, certDir: '/c' } }, read)).toMatchObject({
      host: 'h', port: 2376, protocol: 'https', ca: Buffer.from('/c/ca.pem'), cert: Buffer.from('/c/cert.pem'), key: Buffer.from('/c/key.pem'),
    });
    const missing = () => { throw new Error('ENOENT'); };
    expect(() => dockerodeOptions({ url: 'tcp://h:2376', source: 'DOCKER_HOST', tls: { verify: true, certDir: '/nope' } }, missing)).toThrow(/needs \/nope\/ca\.pem, which cannot be read/);
    const noVerify = dockerodeOptions({ url: 'tcp://h:2376', source: 's', tls: { verify: false, certDir: '/nope' } }, missing);
    expect(noVerify).toMatchObject({ protocol: 'https', ca: undefined });
    expect((noVerify.agent as { options: { rejectUnauthorized: boolean } }).options.rejectUnauthorized).toBe(false);
  });
});
