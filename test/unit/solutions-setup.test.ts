// setup.yaml's source:, compose: and scenarios:, and the pure parts of what validate --solutions
// does with them: the overlay copy, the compose rewrite, the scenarios' throwaway twins.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../src/content/types.js';
import { DojoError } from '../../src/errors.js';
import { rewriteCompose } from '../../src/solutions/compose-rewrite.js';
import { copyRenamed } from '../../src/solutions/prepare.js';
import { checksForRun, scenarioNames, scenariosForRun } from '../../src/solutions/scenarios.js';
import { readSetup } from '../../src/solutions/setup.js';
import type { ScenariosFile } from '../../src/scenarios/schema.js';

const tree = (files: Record<string, string>) => {
  const d = mkdtempSync(join(tmpdir(), 'dojo-setup-'));
  for (const [f, t] of Object.entries(files)) { mkdirSync(dirname(join(d, f)), { recursive: true }); writeFileSync(join(d, f), t); }
  return d;
};
const problems = (course: string, lab: string) => {
  try { readSetup(join(course, 'solutions', lab), ['api-service'], ['c'], course); } catch (e) { const err = e as DojoError; return [err.message, ...err.details].map((m) => m.slice(m.indexOf('setup.yaml'))); }
  return [];
};

describe('setup.yaml source:, compose:, scenarios:', () => {
  it('source: a folder inside the course; compose files inside the workspace; scenarios: containers and networks of the lab\'s scenarios', () => {
    const course = tree({
      'sources/app/main.go': 'package main\n',
      'scenarios/lab-05.yaml': 'lab: lab-05\nexercise: 5b\nimage: dojo-scenario/lab-05:1\nprograms:\n  api: { kind: service, port: 8080 }\nnetworks: [net-a]\nscenarios:\n  - id: s\n    symptom: x\n    task: y\n    containers:\n      - { name: c-api, program: api }\n',
      'solutions/lab-05/setup.yaml': 'source: sources/app\ncompose: { files: [compose.yaml] }\nscenarios:\n  c-api: { env: { A: "1" }, network: net-a }\n',
      'solutions/lab-04/setup.yaml': 'source: ../elsewhere\ncompose: { files: [../x.yml] }\nscenarios:\n  c-api: {}\n',
      'solutions/lab-03/setup.yaml': 'source: sources/none\ncompose: { files: [] }\n',
    });
    expect(readSetup(join(course, 'solutions', 'lab-05'), ['api-service'], ['c'], course)).toMatchObject({ source: 'sources/app', compose: { files: ['compose.yaml'] }, scenarios: { 'c-api': { env: { A: '1' }, network: 'net-a' } } });
    expect(problems(course, 'lab-04')).toEqual([
      `setup.yaml:1: source: ../elsewhere is not a folder inside the course (${course})`,
      'setup.yaml:2: compose: ../x.yml must be a path inside the workspace',
      'setup.yaml:4: scenarios: lab-04 has no break-fix scenarios (scenarios/lab-04.yaml)',
    ]);
    expect(problems(course, 'lab-03')).toEqual(['setup.yaml:2: compose.files: Array must contain at least 1 element(s)']);
    const bad = tree({ ...{ 'scenarios/lab-05.yaml': readFileSync(join(course, 'scenarios/lab-05.yaml'), 'utf8') }, 'solutions/lab-05/setup.yaml': 'scenarios:\n  c-apii: { network: net-b }\n' });
    expect(problems(bad, 'lab-05')).toEqual([
      'setup.yaml:2: scenarios: c-apii is no container of lab-05\'s scenarios (c-api)',
      'setup.yaml:2: scenarios: network net-b is not one of lab-05\'s scenario networks (net-a)',
    ]);
  });

  it('the overlay is copied first and the workspace\'s own files go over it; dojo.yaml names the throwaway project', async () => {
    const src = tree({ 'app/main.go': 'shared\n', 'app/Dockerfile': 'FROM shared\n' });
    const ws = tree({ 'app/Dockerfile': 'FROM own\n', 'dojo.yaml': 'probeImage: busybox:1\n' });
    const lab = { meta: { id: 'lab-04', targets: { services: ['app'], layout: {} } } } as unknown as Lab;
    const copy = copyRenamed(ws, lab, 'solution', { overlay: src, compose: {} });
    try {
      expect(readFileSync(join(copy.dir, 'app/main.go'), 'utf8')).toBe('shared\n');
      expect(readFileSync(join(copy.dir, 'app/Dockerfile'), 'utf8')).toBe('FROM own\n');
      expect(copy.project).toBe(`dojo-solution-lab-04-${copy.suffix}`);
      expect(readFileSync(join(copy.dir, 'dojo.yaml'), 'utf8')).toContain(`compose:\n  project: ${copy.project}\n`);
    } finally {
      await copy.remove();
    }
    expect(existsSync(copy.dir)).toBe(false);
  });
});

describe('the compose rewrite', () => {
  it('built images get throwaway tags (the lab service\'s first one the tag the checks expect), ports go to 127.0.0.1, container names are throwaway, stand-ins replace run images; everything is labelled', () => {
    const base = `services:
  db:
    image: postgres:15   # the database
    ports: ["5432:5432"]
  api:
    build: ./api
    image: flowforge/api:dev
    container_name: api
    ports:
      - 8080
      - target: 9090
        published: 9090
  tools:
    image: postgres:15
    profiles: [tools]
volumes:
  data:
  outside: { external: true }
`;
    const dev = 'services:\n  api:\n    build: { context: ./api, target: dev, args: { X: "1" } }\n    image: flowforge/api:dev-hot\n  worker:\n    build: ./worker\n';
    const rw = rewriteCompose([{ path: '/w/compose.yaml', text: base }, { path: '/w/compose.override.yaml', text: dev }], {
      labImages: { api: 'dojo-solution/lab-04-api:1' },
      own: (kind, name) => `own-${kind}-${name.replace(/[/:]/g, '-')}`,
      standIns: { 'postgres:15': 'local/pg:1' },
      labels: { 'io.dojo.temp': '1' },
    });
    expect(rw.texts['/w/compose.yaml']).toMatchInlineSnapshot(`
      "services:
        db:
          image: local/pg:1 # the database
          ports: [ "127.0.0.1::5432" ]
        api:
          build: ./api
          image: dojo-solution/lab-04-api:1
          container_name: own-container-api
          ports:
            - "127.0.0.1::8080"
            - target: 9090
              host_ip: 127.0.0.1
        tools:
          image: local/pg:1
          profiles: [ tools ]
      volumes:
        data:
        outside: { external: true }
      "
    `);
    expect(rw.texts['/w/compose.override.yaml']).toContain('image: own-image-flowforge-api-dev-hot');
    expect(rw).toMatchObject({
      built: ['own-image-flowforge-api-dev-hot'],
      unnamedBuilds: ['worker'],
      needed: ['local/pg:1'],
      builds: [
        { service: 'api', dockerfile: '/w/api/Dockerfile', args: {} },
        { service: 'api', dockerfile: '/w/api/Dockerfile', args: { X: '1' } },
        { service: 'worker', dockerfile: '/w/worker/Dockerfile', args: {} },
      ],
      notes: ['stand-in postgres:15 → local/pg:1'],
    });
    expect(rw.labelsFile).toMatchInlineSnapshot(`
      "services:
        db:
          labels:
            io.dojo.temp: "1"
        api:
          labels:
            io.dojo.temp: "1"
          build:
            labels:
              io.dojo.temp: "1"
        tools:
          labels:
            io.dojo.temp: "1"
        worker:
          labels:
            io.dojo.temp: "1"
          build:
            labels:
              io.dojo.temp: "1"
      networks:
        default:
          labels:
            io.dojo.temp: "1"
      volumes:
        data:
          labels:
            io.dojo.temp: "1"
      "
    `);
  });
});

describe('the scenarios\' throwaway twins', () => {
  const file: ScenariosFile = {
    lab: 'lab-05', exercise: '5b', image: 'dojo-scenario/lab-05:1', programs: {}, networks: ['app', 'data'],
    scenarios: [{ id: 'net', symptom: 's', task: 't', containers: [
      { name: 'db', program: 'db', env: {}, network: 'data', publish: [], support: true },
      { name: 'worker', program: 'client', env: { DB_HOST: 'db', URL: 'postgres://u@db:5432/x', OTHER: 'db-old' }, network: 'app', publish: [], support: false },
    ] }],
  };
  const twins = scenarioNames(file, (n) => `t-${n}`, 'dojo-solution/lab-05-scenarios:1');

  it('every name is this run\'s own, values that name another container follow it, and a fix changes only what it names', () => {
    expect(scenariosForRun(file, twins, {}).scenarios[0]!.containers.map((c) => [c.name, c.network, c.env])).toEqual([
      ['t-db', 't-data', {}],
      ['t-worker', 't-app', { DB_HOST: 't-db', URL: 'postgres://u@t-db:5432/x', OTHER: 'db-old' }],
    ]);
    const fixed = scenariosForRun(file, twins, { worker: { env: { EXTRA: 'db' }, network: 'data', memory: '64m' } });
    expect(fixed).toMatchObject({ image: 'dojo-solution/lab-05-scenarios:1', networks: ['t-app', 't-data'] });
    expect(fixed.scenarios[0]!.containers[1]).toMatchObject({ name: 't-worker', network: 't-data', memory: '64m', env: { DB_HOST: 't-db', EXTRA: 't-db' } });
  });

  it('the scenario checks judge the twins, never the containers of the real names; other checks stay as they are', () => {
    const lab = { meta: { id: 'lab-05' }, checks: [
      { id: 'w', kind: 'scenario-fixed', params: { container: 'worker', image: 'dojo-scenario/lab-05:1' } },
      { id: 'x', kind: 'scenario-fixed', params: { container: 'not-a-scenario' } },
      { id: 'y', kind: 'non-root-user' },
    ] } as unknown as Lab;
    expect(checksForRun(lab, file, twins).checks.map((c) => c.params)).toEqual([
      { container: 't-worker', image: 'dojo-solution/lab-05-scenarios:1', lab: 'lab-05' },
      { container: 'not-a-scenario' },
      undefined,
    ]);
  });
});
