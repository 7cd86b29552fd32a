import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { fixedOrder, tempWorkspace } from '../support/workspace.js';

// An "engine" that accepts connections and never answers.
let server: Server;
const sockets: Socket[] = [];
const sock = join(mkdtempSync(join(tmpdir(), 'dojo-hung-')), 'docker.sock');
beforeAll(() => new Promise<void>((r) => (server = createServer((s) => void sockets.push(s)).listen(sock, r))));
afterAll(() => {
  sockets.forEach((s) => s.destroy());
  server.close();
});

describe('a hung engine', () => {
  it('ends a check in exit 3 with a clear message, and static checks still report', async () => {
    const started = Date.now();
    const ws = tempWorkspace({ ...fixedOrder, 'api-service/.dockerignore': '.env\n.git\n' });
    const r = await dojo(['check', 'lab-01', '-w', ws, '--format', 'json'], { DOCKER_HOST: `unix://${sock}` });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(3);
    const json = r.json();
    expect(json.engine.message).toMatch(/does not answer \(the engine version call did not finish within 5 s\)/);
    expect(json.checks.find((c: { id: string }) => c.id === 'exec-form').status).toBe('pass');
  });

  it('a real failure is not hidden by the engine that does not answer: exit 1, the engine named on stderr', async () => {
    // fixedOrder has no .dockerignore: the static dockerignore check fails whatever the engine does.
    const r = await dojo(['check', 'lab-01', '-w', tempWorkspace(fixedOrder), '--format', 'json'], { DOCKER_HOST: `unix://${sock}` });
    expect(r.code).toBe(1);
    expect(r.json().checks.find((c: { id: string }) => c.id === 'dockerignore').status).toBe('fail');
    expect(r.json().checks.find((c: { id: string }) => c.id === 'image-exists').status).toBe('error');
    expect(r.stderr).toMatch(/does not answer/);
  });

  it('doctor says so too', async () => {
    const r = await dojo(['doctor'], { DOCKER_HOST: `unix://${sock}` });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('did not finish within 5 s');
  });
});
