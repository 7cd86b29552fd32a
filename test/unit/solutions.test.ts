import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../src/checks/runner.js';
import { DojoError } from '../../src/errors.js';
import { judge } from '../../src/solutions/judge.js';
import { applyStandIns, labServices, parseStandIns } from '../../src/solutions/prepare.js';
import { loadCourseWithIssues } from '../../src/content/load.js';
import { kindCatalog } from '../../src/checks/catalog.js';
import { readSetup } from '../../src/solutions/setup.js';

const outcome = (id: string, status: CheckOutcome['status']) => ({ id, status, summary: `${id} ${status}` }) as CheckOutcome;
const checks = [outcome('a', 'pass'), outcome('b', 'fail'), outcome('c', 'error'), outcome('d', 'skip')];
const dir = (files: Record<string, string>) => {
  const d = mkdtempSync(join(tmpdir(), 'dojo-setup-'));
  for (const [f, t] of Object.entries(files)) writeFileSync(join(d, f), t);
  return d;
};

describe('judging solutions and starters', () => {
  it('a solution must pass every check; a skip is no verdict and is accepted', () => {
    expect(judge('solution', checks).map((v) => [v.id, v.expected, v.ok])).toEqual([['a', 'pass', true], ['b', 'pass', false], ['c', 'pass', false], ['d', 'pass', true]]);
  });

  it('a starter must fail (or error on) every check, or the ones it declares', () => {
    expect(judge('starter', checks).map((v) => [v.id, v.expected, v.ok])).toEqual([['a', 'fail', false], ['b', 'fail', true], ['c', 'fail', true], ['d', 'fail', false]]);
    expect(judge('starter', checks, ['b', 'c']).map((v) => [v.id, v.expected, v.ok])).toEqual([['a', 'any', true], ['b', 'fail', true], ['c', 'fail', true], ['d', 'any', true]]);
  });
});

describe('setup.yaml', () => {
  it('no file: nothing to build or run', () => {
    expect(readSetup(dir({}), ['web'], ['x'])).toEqual({ build: [], networks: [], volumes: [], run: [] });
  });

  it('names services, checks and the answers file the lab does not have, each at its line', () => {
    const d = dir({ 'setup.yaml': 'build: [wbe]\nrun:\n  - service: web\n    publish: ["80:80"]\nfails: [nope]\n' });
    let err: DojoError | undefined;
    try { readSetup(d, ['web'], ['image-built']); } catch (e) { err = e as DojoError; }
    expect(err).toBeInstanceOf(DojoError);
    expect([err!.code, err!.exitCode]).toEqual(['E_SOLUTION_SETUP', 2]);
    expect(err!.message).toBe(`${join(d, 'setup.yaml')}:4: run.0.publish.0: a container port number, e.g. "80"`);
    const d2 = dir({ 'setup.yaml': 'build: [wbe]\nfails: [nope]\nanswers: a.yaml\n' });
    try { readSetup(d2, ['web'], ['image-built']); } catch (e) { err = e as DojoError; }
    expect([err!.message, ...err!.details]).toEqual([
      `${join(d2, 'setup.yaml')}:1: build: "wbe" is no service of this lab (its services: web)`,
      `${join(d2, 'setup.yaml')}:2: fails: "nope" is no check of this lab (its checks: image-built)`,
      `${join(d2, 'setup.yaml')}:3: answers: a.yaml is not in ${d2}`,
    ]);
  });
});

describe('setup.yaml networks and volumes', () => {
  it('a container joins only networks and mounts only volumes the setup declares; aliases need a network', () => {
    const d = dir({ 'setup.yaml': 'networks: [app]\nvolumes: [data]\nrun:\n  - service: web\n    networks: [ap]\n    volumes: ["dta:/data"]\n  - service: web\n    aliases: [db]\n' });
    let err: DojoError | undefined;
    try { readSetup(d, ['web'], []); } catch (e) { err = e as DojoError; }
    expect([err!.message, ...err!.details].map((m) => m.replace(join(d, 'setup.yaml'), 'setup.yaml'))).toEqual([
      'setup.yaml:5: run: network "ap" is not under networks: (app)',
      'setup.yaml:6: run: volume "dta" is not under volumes: (data)',
      'setup.yaml:8: run: aliases need a network (networks: [...])',
    ]);
  });
});

describe('stand-ins', () => {
  it('rewrite the FROM lines that name the image, and nothing else', () => {
    const d = dir({ Dockerfile: 'FROM golang:1.22 AS build\nRUN echo golang:1.22\nFROM --platform=linux/amd64 golang:1.22\nFROM scratch\n' });
    expect(applyStandIns(join(d, 'Dockerfile'), { 'golang:1.22': 'local/go:1' })).toEqual({ replaced: ['golang:1.22 → local/go:1', 'golang:1.22 → local/go:1'], aliases: {} });
    expect(readFileSync(join(d, 'Dockerfile'), 'utf8')).toBe('FROM local/go:1 AS build\nRUN echo golang:1.22\nFROM --platform=linux/amd64 local/go:1\nFROM scratch\n');
  });

  it('an unpinned original (no tag, latest) becomes an untagged alias of its stand-in, so it stays unpinned', () => {
    const d = dir({ Dockerfile: 'FROM golang AS build\nFROM debian:latest\nFROM golang:1.22\n' });
    const done = applyStandIns(join(d, 'Dockerfile'), { golang: 'local/go:1', 'debian:latest': 'local/debian:1', 'golang:1.22': 'local/go:1' }, (i) => `alias/${i.replace(':', '-')}`);
    expect(done.aliases).toEqual({ 'alias/golang': 'local/go:1', 'alias/debian-latest': 'local/debian:1' });
    expect(readFileSync(join(d, 'Dockerfile'), 'utf8')).toBe('FROM alias/golang AS build\nFROM alias/debian-latest\nFROM local/go:1\n');
    expect(done.replaced[0]).toBe('golang → alias/golang (untagged, as golang is; an alias of local/go:1)');
  });

  it('--stand-in values are image=local image', () => {
    expect(parseStandIns(['a:1=b:2', 'broken', 'x=y=z'])).toEqual({ map: { 'a:1': 'b:2' }, bad: ['broken', 'x=y=z'] });
  });
});

describe('shipped solutions and starters', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  it('each setup.yaml names its schema for editors and is valid for its lab', () => {
    for (const course of [root, join(root, 'courses', 'docker-fundamentals')]) {
      const { course: loaded } = loadCourseWithIssues(course, kindCatalog());
      const up = course === root ? '../..' : '../../../..';
      for (const side of ['solutions', 'starters']) {
        for (const lab of readdirSync(join(course, side))) {
          const file = join(course, side, lab, 'setup.yaml');
          expect(readFileSync(file, 'utf8').split('\n')[0], file).toBe(`# yaml-language-server: $schema=${up}/schemas/setup.schema.json`);
          const l = loaded!.labs.find((x) => x.meta.id === lab)!;
          expect(() => readSetup(join(course, side, lab), labServices(l), l.checks.map((c) => c.id), course), file).not.toThrow();
        }
      }
    }
  });
});

describe('the FlowForge sources exist once', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  it('no Go source under solutions/ or starters/: each workspace takes them from sources/flowforge', () => {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    const go = ['solutions', 'starters'].flatMap((s) => walk(join(root, s))).filter((f) => /\.go$|go\.mod$/.test(f));
    expect(go).toEqual([]);
    expect(walk(join(root, 'sources', 'flowforge')).map((f) => f.slice(root.length)).sort()).toEqual([
      'sources/flowforge/api-service/go.mod', 'sources/flowforge/api-service/main.go', 'sources/flowforge/worker-service/go.mod', 'sources/flowforge/worker-service/main.go',
    ]);
  });
});
