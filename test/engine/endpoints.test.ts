// Remote and TLS endpoints against the real engine: DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH,
// a `docker context` made by the docker CLI itself, and certificates the engine must refuse.
import { execa } from 'execa';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { GOOD } from '../support/fixtures.mjs';
import { startTlsEngine, type TlsEngine } from '../support/tls-proxy.js';

let tls: TlsEngine;
let local: Record<string, string>;
let localCode: number;
const verdicts = (json: { checks: { id: string; status: string }[] }) => Object.fromEntries(json.checks.map((c) => [c.id, c.status]));

beforeAll(async () => {
  tls = await startTlsEngine();
  const r = await dojo(['check', 'lab-01', '-w', GOOD, '--format', 'json']);
  local = verdicts(r.json());
  localCode = r.code;
});
afterAll(() => tls?.close());

describe('remote and TLS endpoints', () => {
  it('DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: the same verdicts as on the local socket', async () => {
    const env = { DOCKER_HOST: tls.url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.certDir };
    const r = await dojo(['check', 'lab-01', '-w', GOOD, '--format', 'json'], env);
    expect(r.code, r.stderr).toBe(localCode);
    expect(verdicts(r.json())).toEqual(local);
    const doctor = await dojo(['doctor'], env);
    expect(doctor.stdout).toContain(`${tls.url} (DOCKER_HOST, TLS verified with ${tls.certDir})`);
  });

  it('the docker CLI current context, made with `docker context create` and `docker context use`', async () => {
    const config = mkdtempSync(join(tmpdir(), 'dojo-dockercfg-'));
    const cli = (...args: string[]) => execa('docker', ['--config', config, ...args]);
    await cli('context', 'create', 'dojo-tls', '--docker', `host=${tls.url},ca=${tls.certDir}/ca.pem,cert=${tls.certDir}/cert.pem,key=${tls.certDir}/key.pem`);
    await cli('context', 'use', 'dojo-tls');
    // The docker CLI itself reaches the engine through it, so the context is a real one.
    expect(String((await cli('version', '--format', '{{.Server.Version}}')).stdout)).toMatch(/^\d+\./);
    const env = { DOCKER_CONFIG: config, DOCKER_HOST: '' };
    const r = await dojo(['check', 'lab-01', '-w', GOOD, '--format', 'json'], env);
    expect(r.code, r.stderr).toBe(localCode);
    expect(verdicts(r.json())).toEqual(local);
    expect((await dojo(['doctor'], env)).stdout).toContain(`${tls.url} (docker context "dojo-tls", TLS verified with ${join(config, 'contexts', 'tls')}`);
  });

  it('a CA that did not sign the engine, or no certificates at all: exit 3 with what to fix', async () => {
    const wrongCa = await dojo(['check', 'lab-01', '-w', GOOD], { DOCKER_HOST: tls.url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.otherCaDir });
    expect(wrongCa.code).toBe(3);
    expect(wrongCa.stderr).toMatch(/does not answer \(TLS: the engine's certificate was refused/);
    const none = await dojo(['check', 'lab-01', '-w', GOOD], { DOCKER_HOST: tls.url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(tls.certDir, 'missing') });
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/needs .*missing\/ca\.pem, which cannot be read/);
    const plain = await dojo(['check', 'lab-01', '-w', GOOD], { DOCKER_HOST: tls.url });
    expect(plain.code).toBe(3);
    for (const r of [wrongCa, none, plain]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
