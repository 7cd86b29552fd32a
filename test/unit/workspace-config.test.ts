import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DojoError } from '../../src/errors.js';
import { loadWorkspace, workspaceOptions } from '../../src/workspace.js';
import { tempWorkspace } from '../support/workspace.js';

const targets = { services: ['api-service', 'worker-service', 'postgres'], layout: { postgres: { image: 'postgres:15' } }, network: 'flowforge-net', volume: 'pgdata', compose: false };

async function loadError(files: Record<string, string>): Promise<DojoError> {
  const err = await loadWorkspace(tempWorkspace(files), { targets }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DojoError);
  return err as DojoError;
}

describe('dojo.yaml validation', () => {
  it('reports every unknown key at once, with its line and a "did you mean", exit 2', async () => {
    const err = await loadError({
      'dojo.yaml': 'services:\n  api-servce:\n    image: x\n  worker-service:\n    imgae: y\nnetwrok: n\n',
    });
    expect(err.exitCode).toBe(2);
    expect(err.details).toHaveLength(3);
    expect(err.details[0]).toMatch(/dojo\.yaml:2:3: unknown service "api-servce"; did you mean "api-service"\?/);
    expect(err.details[1]).toMatch(/dojo\.yaml:5:5: unknown key in services\.worker-service "imgae"; did you mean "image"\?/);
    expect(err.details[2]).toMatch(/dojo\.yaml:6:1: unknown key "netwrok"; did you mean "network"\?/);
    expect(err.message).toContain('3 problems');
  });

  it('reports wrong types next to unknown keys', async () => {
    const err = await loadError({ 'dojo.yaml': 'services:\n  postgres: { container: 5 }\nprobeImage: [a]\n' });
    expect(err.details.map((d) => d.replace(/^.*dojo\.yaml:/, ''))).toEqual([
      expect.stringMatching(/^2:\d+: services\.postgres\.container: Expected string/),
      expect.stringMatching(/^3:\d+: probeImage: Expected string/),
    ]);
  });

  it('takes services from the lab targets and dojo.yaml, with the run env in list or map form', async () => {
    const dir = tempWorkspace({
      'dojo.yaml': 'services:\n  api-service: { run: { env: [DB_HOST=postgres], network: flowforge-net } }\n  worker-service: { run: { env: { DB_HOST: postgres, DB_PORT: 5432 } } }\n',
    });
    const ws = await loadWorkspace(dir, { targets });
    expect(Object.keys(ws.services).sort()).toEqual(['api-service', 'postgres', 'worker-service']);
    expect(ws.services['api-service']!.run).toEqual({ env: ['DB_HOST=postgres'], network: 'flowforge-net' });
    expect(ws.services['worker-service']!.run).toEqual({ env: ['DB_HOST=postgres', 'DB_PORT=5432'] });
    expect(ws.services.postgres!.image).toBe('postgres:15');
    expect(ws.network).toBe('flowforge-net');
  });

  it('finds the compose files and project name the way Compose does', async () => {
    const dir = tempWorkspace({ 'compose.yaml': 'services: {}\n', 'compose.override.yaml': 'services: {}\n', '.env': 'COMPOSE_PROJECT_NAME=My_Proj\n' });
    const ws = await loadWorkspace(dir, { targets });
    expect(ws.compose.files).toEqual([join(dir, 'compose.yaml'), join(dir, 'compose.override.yaml')]);
    expect(ws.compose.devFiles).toEqual([join(dir, 'compose.override.yaml')]);
    expect(ws.compose.project).toBe('my_proj');
    const named = tempWorkspace({ 'docker-compose.yml': 'name: flowforge\nservices: {}\n', 'docker-compose.dev.yml': 'services: {}\n' });
    const ws2 = await loadWorkspace(named, { targets });
    expect(ws2.compose).toMatchObject({ files: [join(named, 'docker-compose.yml')], devFiles: [join(named, 'docker-compose.dev.yml')], project: 'flowforge' });
  });

  it('reads COMPOSE_FILE from .env instead of searching', async () => {
    const dir = tempWorkspace({ '.env': 'COMPOSE_FILE=base.yml:dev.yml\n', 'base.yml': 'services: {}\n', 'dev.yml': 'services: {}\n' });
    const ws = await loadWorkspace(dir, { targets });
    expect(ws.compose.files).toEqual([join(dir, 'base.yml'), join(dir, 'dev.yml')]);
    expect(ws.compose.devFiles).toEqual([join(dir, 'dev.yml')]);
  });

  it('uses the folder name as the project when nothing else names it', async () => {
    const parent = tempWorkspace({});
    const dir = join(parent, 'FlowForge.App');
    mkdirSync(dir);
    writeFileSync(join(dir, 'docker-compose.yml'), 'services: {}\n');
    expect((await loadWorkspace(dir, { targets })).compose.project).toBe('flowforgeapp');
  });

  it("accepts services of other labs of the course, but only the lab's own are targets", async () => {
    const lab = (services: string[], layout = {}) => ({ meta: { targets: { services, layout, network: false, volume: false, compose: false } } });
    const lab2 = lab(['api-service']);
    const opts = workspaceOptions([lab2, lab(['api-service', 'worker-service', 'postgres'], { postgres: { image: 'postgres:15' } })], lab2);
    const dir = tempWorkspace({ 'dojo.yaml': 'services:\n  worker-service: { image: w }\n' });
    const ws = await loadWorkspace(dir, opts);
    expect(Object.keys(ws.services).sort()).toEqual(['api-service', 'worker-service']);
    const bad = await loadWorkspace(tempWorkspace({ 'dojo.yaml': 'services:\n  redis: {}\n' }), opts).catch((e: unknown) => e as DojoError);
    expect(bad).toBeInstanceOf(DojoError);
    expect((bad as DojoError).message).toMatch(/unknown service "redis"; known: api-service, worker-service, postgres/);
  });

  it('takes the image of a service another lab lays out, and the service name when no lab names one', async () => {
    const lab = (services: string[], layout = {}) => ({ meta: { targets: { services, layout, network: false, volume: false, compose: false } } });
    const lab1 = lab(['api-service'], { 'api-service': { image: 'course/api:dev' } });
    const lab3 = lab(['api-service', 'worker-service'], { 'worker-service': { image: 'course/worker:dev' } });
    const ws = await loadWorkspace(tempWorkspace({ 'dojo.yaml': 'services:\n  worker-service: { container: w }\n' }), workspaceOptions([lab1, lab3], lab1));
    expect(ws.services['api-service']!.image).toBe('course/api:dev');
    expect(ws.services['worker-service']!.image).toBe('course/worker:dev');
    const bare = await loadWorkspace(tempWorkspace({}), { targets: lab(['api-service']).meta.targets });
    expect(bare.services['api-service']!.image).toBe('api-service');
  });
});

describe('dojo.yaml cache', () => {
  it('a valid file is read from the cache the next time; an edit is validated again, with its line', async () => {
    const cache = tempWorkspace({});
    const before = process.env.DOJO_CACHE_DIR;
    process.env.DOJO_CACHE_DIR = cache;
    try {
      const dir = tempWorkspace({ 'dojo.yaml': 'services:\n  api-service: { image: "a:1" }\n' });
      expect((await loadWorkspace(dir, { targets })).services['api-service']!.image).toBe('a:1');
      const entries = readdirSync(cache).filter((f) => f.startsWith('config-'));
      expect(entries).toHaveLength(1);
      // Proof the second load comes from the cache: the stored entry is what it returns.
      writeFileSync(join(cache, entries[0]!), JSON.stringify({ services: { 'api-service': { image: 'from-cache' } } }));
      expect((await loadWorkspace(dir, { targets })).services['api-service']!.image).toBe('from-cache');
      // Other known services make another key: the unknown-service check is never skipped.
      const other = await loadWorkspace(dir, { targets: { ...targets, services: ['worker-service'], layout: {} } }).catch((e: unknown) => e);
      expect((other as DojoError).message).toMatch(/unknown service "api-service"/);
      writeFileSync(join(dir, 'dojo.yaml'), 'services:\n  api-service: { imag: "a:1" }\n');
      const err = await loadWorkspace(dir, { targets }).catch((e: unknown) => e);
      expect((err as DojoError).message).toMatch(/dojo\.yaml:2:\d+: unknown key in services\.api-service "imag"/);
      expect(readdirSync(cache).filter((f) => f.startsWith('config-'))).toHaveLength(1);
    } finally {
      if (before === undefined) delete process.env.DOJO_CACHE_DIR;
      else process.env.DOJO_CACHE_DIR = before;
    }
  });
});
