import { createServer, type Server, type Socket } from 'node:net';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('Ctrl-C while a helper program runs', () => {
  it("ends dojo's way (exit 130, its message), not killed by the child's exit hook, and stops the child", async () => {
    // A `docker-compose` that answers its version and then hangs in `config`, as a slow one would.
    const bin = mkdtempSync(join(tmpdir(), 'dojo-int-bin-'));
    const mark = join(bin, 'config-started');
    const pidFile = join(bin, 'child.pid');
    writeFileSync(join(bin, 'docker-compose'), `#!/bin/sh\ncase "$*" in *version*) echo 1.29.2; exit 0;; esac\necho $$ > ${pidFile}\ntouch ${mark}\nexec sleep 60\n`);
    chmodSync(join(bin, 'docker-compose'), 0o755);
    const ws = tempWorkspace({ 'docker-compose.yml': 'services:\n  postgres:\n    image: postgres:15\n' });
    const child = execa('node', [BIN, 'check', 'lab-04', '-w', ws, '--format', 'json'], {
      reject: false, stdin: 'ignore',
      env: { CI: 'true', FORCE_COLOR: '0', DOJO_COMPOSE: 'v1', PATH: `${bin}:${process.env.PATH}`, DOCKER_HOST: `unix://${sock}` },
    });
    const deadline = Date.now() + 20_000;
    while (!existsSync(mark) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(mark)).toBe(true);
    child.kill('SIGINT');
    const r = await child;
    expect(r.signal).toBeUndefined();
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toContain('dojo: interrupted: nothing was recorded');
    // The hanging `config` was stopped with the run, not left behind.
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const gone = Date.now() + 5_000;
    while (alive() && Date.now() < gone) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  });
});
