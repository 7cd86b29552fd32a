import { createServer, type Server, type Socket } from 'node:net';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { fixedOrder, tempWorkspace } from '../support/workspace.js';

// An "engine" that never answers: the run is certainly still collecting facts when Ctrl-C lands.
let server: Server;
const sockets: Socket[] = [];
let connected!: () => void;
const firstConnection = new Promise<void>((r) => (connected = r));
const sock = join(mkdtempSync(join(tmpdir(), 'dojo-int-')), 'docker.sock');
beforeAll(() => new Promise<void>((r) => (server = createServer((s) => {
  sockets.push(s);
  connected();
}).listen(sock, r))));
afterAll(() => {
  sockets.forEach((s) => s.destroy());
  server.close();
});

describe('Ctrl-C during a check', () => {
  it('records nothing and prints only that it was interrupted', async () => {
    const ws = tempWorkspace(fixedOrder);
    const child = execa('node', [BIN, 'check', 'lab-01', '-w', ws], {
      reject: false, stdin: 'ignore', env: { CI: 'true', FORCE_COLOR: '0', DOCKER_HOST: `unix://${sock}` },
    });
    await firstConnection;
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('dojo: interrupted: nothing was recorded');
    expect(r.stderr).not.toMatch(/PASS|FAIL|exercise 1b/);
    expect(existsSync(join(ws, '.dojo', 'state.json'))).toBe(false);
  });
});
