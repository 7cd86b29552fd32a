// Where SARIF and annotations put a finding without a place of its own: the origin read off the
// facts a check asked for (pure), then the first place of that origin whose file is there.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorOf, originOf, type Places } from '../../src/checks/anchor.js';
import { workspacePlaces } from '../../src/checks/anchor-places.js';
import type { ContainerRequest, FactRequest } from '../../src/checks/facts/requests.js';
import type { Lab } from '../../src/content/types.js';
import type { ServiceTarget, Workspace } from '../../src/workspace.js';

const svc = (name: string, extra: Partial<ServiceTarget> = {}): ServiceTarget => ({
  name, context: `/ws/${name}`, dockerfile: `/ws/${name}/Dockerfile`, image: `flowforge/${name}:dev`, container: name, buildArgs: {}, composeService: name, ...extra,
});
const ws = (dir = '/ws', configFile?: string): Workspace => ({
  dir, ...(configFile ? { configFile } : {}), network: 'flowforge-net', volume: 'pgdata',
  services: { 'api-service': svc('api-service', { container: 'my-api' }), 'worker-service': svc('worker-service'), postgres: svc('postgres', { composeService: 'db' }) },
  compose: { files: [join(dir, 'docker-compose.yml')], project: 'ff' },
});
const byName = (name: string): ContainerRequest => ({ type: 'container', name });
const byCompose = (name: string, service: string): ContainerRequest => ({ type: 'container', name, compose: { project: 'ff', service } });
const found = (...hits: ContainerRequest[]) => (r: ContainerRequest) => hits.some((h) => JSON.stringify(h) === JSON.stringify(r));

describe('what a finding stems from', () => {
  const w = ws();
  const api = w.services['api-service']!;
  const both: FactRequest[] = [byName('my-api'), byCompose('my-api', 'api-service')];

  it('the container the check judged decides: started by hand, or a Compose service', () => {
    expect(originOf(both, found(byName('my-api')), w, api, false)).toEqual({ from: 'run-container', service: 'api-service' });
    expect(originOf(both, found(byCompose('my-api', 'api-service')), w, api, false)).toEqual({ from: 'compose-service', service: 'api-service', compose: 'api-service' });
  });

  it("a Compose service is named as in the compose files (dojo.yaml's services.<s>.compose)", () => {
    const pg = w.services.postgres!;
    expect(originOf([byCompose('postgres', 'db')], found(byCompose('postgres', 'db')), w, pg, true)).toEqual({ from: 'compose-service', service: 'postgres', compose: 'db' });
  });

  it('with no container found: a compose lab points at its compose service, any other at the hand-started container', () => {
    expect(originOf(both, found(), w, api, true)).toEqual({ from: 'compose-service', service: 'api-service', compose: 'api-service' });
    expect(originOf(both, found(), w, api, false)).toEqual({ from: 'run-container', service: 'api-service' });
    expect(originOf([{ type: 'composestack', project: 'ff' }], found(), w, api, false)).toEqual({ from: 'compose-service', service: 'api-service', compose: 'api-service' });
  });

  it("of several services, the check's own comes first; a probe from another service's container is that service's", () => {
    const worker = w.services['worker-service']!;
    const trio = [byName('my-api'), byName('worker-service'), byName('postgres')];
    expect(originOf(trio, found(...trio), w, worker, false)).toEqual({ from: 'run-container', service: 'worker-service' });
    expect(originOf([{ type: 'mount', container: 'postgres', path: '/var/lib/postgresql/data', files: [] }], found(), w, api, false)).toEqual({ from: 'run-container', service: 'postgres' });
    // The container the summary names is the one the finding is about; a name inside a longer one is not it.
    expect(originOf(trio, found(...trio), w, api, false, 'worker-service is not running')).toEqual({ from: 'run-container', service: 'worker-service' });
    expect(originOf(trio, found(...trio), w, api, false, 'my-worker-service is not running')).toEqual({ from: 'run-container', service: 'api-service' });
  });

  it("a break-fix scenario's container, an image, and a check that reads nothing (a quiz)", () => {
    expect(originOf([{ type: 'diagnosis', name: 'lab05-api' }], found(), w, api, false)).toEqual({ from: 'scenario' });
    expect(originOf([{ type: 'image', ref: 'flowforge/api-service:dev' }, { type: 'run', ref: 'x', seconds: 3 }], found(), w, api, false)).toEqual({ from: 'image', service: 'api-service' });
    expect(originOf([], found(), w, api, false)).toBeNull();
  });
});

describe('the place of each origin, and what it falls back to', () => {
  const at = (file: string, line = 1) => ({ file, line });
  const places = (have: Partial<Record<keyof Places, boolean>>): Places => ({
    composeService: (n) => (have.composeService ? at('docker-compose.yml', n === 'db' ? 3 : 9) : null),
    configService: () => (have.configService ? at('dojo.yaml', 2) : null),
    script: (e) => (have.script ? at(`lab-0${e[0]}/run.sh`) : null),
    dockerfile: (s) => (have.dockerfile ? at(`${s}/Dockerfile`) : null),
  });
  const all = places({ composeService: true, configService: true, script: true, dockerfile: true });

  it('compose service → its line in the compose file, else its Dockerfile', () => {
    expect(anchorOf({ from: 'compose-service', service: 'postgres', compose: 'db' }, '4a', all)).toEqual(at('docker-compose.yml', 3));
    expect(anchorOf({ from: 'compose-service', service: 'api-service', compose: 'api-service' }, '4a', places({ dockerfile: true }))).toEqual(at('api-service/Dockerfile'));
  });

  it('hand-started container → dojo.yaml if it maps the service, else the lab script for the exercise, else the Dockerfile', () => {
    const o = { from: 'run-container', service: 'api-service' } as const;
    expect(anchorOf(o, '3a', all)).toEqual(at('dojo.yaml', 2));
    expect(anchorOf(o, '3a', places({ script: true, dockerfile: true }))).toEqual(at('lab-03/run.sh'));
    expect(anchorOf(o, '3a', places({ dockerfile: true }))).toEqual(at('api-service/Dockerfile'));
  });

  it('scenario → the lab script only; image → the Dockerfile; nothing → no place', () => {
    expect(anchorOf({ from: 'scenario' }, '5b', all)).toEqual(at('lab-05/run.sh'));
    expect(anchorOf({ from: 'scenario' }, '5b', places({ dockerfile: true }))).toBeNull();
    expect(anchorOf({ from: 'image', service: 'worker-service' }, '2a', all)).toEqual(at('worker-service/Dockerfile'));
    expect(anchorOf(null, '1a', all)).toBeNull();
  });
});

describe("a workspace's places, read from its files with yaml's positions", () => {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-anchor-'));
  const files: Record<string, string> = {
    'docker-compose.yml': 'services:\n  db:\n    image: postgres:15\n\n  api-service:\n    build: ./api-service\n',
    'docker-compose.override.yml': 'services:\n  api-service:\n    command: ["go", "run", "."]\n',
    'dojo.yaml': '# layout\nservices:\n  api-service:\n    image: "x:1"\n    container: my-api\n  worker-service: { image: "w:1" }\n',
    'api-service/Dockerfile': 'FROM scratch\n',
    'lab-03/run.sh': 'set -eu\n',
  };
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  const w = { ...ws(dir, join(dir, 'dojo.yaml')), compose: { files: [join(dir, 'docker-compose.yml'), join(dir, 'docker-compose.override.yml')], project: 'ff' } };
  w.services = Object.fromEntries(Object.entries(w.services).map(([k, s]) => [k, { ...s, dockerfile: join(dir, k, 'Dockerfile') }]));
  const lab = { meta: { ci: { scenarios: false, scripts: [{ file: 'lab-03/run.sh', exercises: ['3a', '3b'], purpose: 'p' }, { file: 'lab-03/gone.sh', exercises: ['3c'], purpose: 'p' }] } } } as unknown as Lab;
  const p = workspacePlaces(w, lab);

  it('a compose service at its key in the last file that defines it', () => {
    expect(p.composeService('db')).toEqual({ file: join(dir, 'docker-compose.yml'), line: 2, column: 3 });
    expect(p.composeService('api-service')).toEqual({ file: join(dir, 'docker-compose.override.yml'), line: 2, column: 3 });
  });

  it("dojo.yaml's container line when it names one, else the service's key; nothing for a service it does not map", () => {
    expect(p.configService('api-service')).toEqual({ file: join(dir, 'dojo.yaml'), line: 5, column: 5 });
    expect(p.configService('worker-service')).toEqual({ file: join(dir, 'dojo.yaml'), line: 6, column: 3 });
    expect(p.configService('postgres')).toBeNull();
  });

  it('a script only when it is in the workspace; a Dockerfile only when it exists', () => {
    expect(p.script('3b')).toEqual({ file: join(dir, 'lab-03/run.sh'), line: 1 });
    expect(p.script('3c')).toBeNull();
    expect(p.dockerfile('api-service')).toEqual({ file: join(dir, 'api-service/Dockerfile'), line: 1 });
    expect(p.dockerfile('worker-service')).toBeNull();
  });
});
