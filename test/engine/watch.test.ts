// `dojo watch` in a real terminal (tmux) through the built CLI against the real engine: a saved
// Dockerfile shows its new verdict within a second, a `docker stop` changes the live verdict with
// no key pressed, and quitting (q or Ctrl-C, also mid-probe) leaves no dojo object and a sane terminal.
import { execa } from 'execa';
import { chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { GOOD, imageTag } from '../support/fixtures.mjs';
import { childPid, Tmux } from '../support/tmux.mjs';
import { buildStackImages, IMAGES } from '../fixtures/stacks/stack.mjs';

const ID = `dw${process.pid}`;
const LABEL = 'io.dojo.testobj=1';
const docker = (...args: string[]) => execa('docker', args).then((r) => String(r.stdout).trim());
const sessions: Tmux[] = [];

function session(name: string): Tmux {
  const t = new Tmux(`${ID}-${name}`);
  sessions.push(t);
  return t;
}

const watchCmd = (lab: string, ws: string) => `env -u CI node ${BIN} watch ${lab} -w ${ws}`;
const row = (screen: string, id: string) => screen.split('\n').find((l) => new RegExp(`^\\s+\\S\\s+${id}\\s`).test(l)) ?? '';
const mark = (screen: string, id: string) => row(screen, id).trim()[0];
/** A finished run: the status line has a duration, not `running`. */
const settled = (s: string) => /Last run \d\d:\d\d:\d\d · \d+ ms/.test(s);

/** What dojo left in the engine for one process: containers and images by its io.dojo.pid label. */
async function leftovers(pid: number) {
  const containers = await docker('ps', '-aq', '--filter', `label=io.dojo.pid=${pid}`);
  const images = await docker('images', '-aq', '--filter', `label=io.dojo.pid=${pid}`);
  return [containers, images].join(' ').trim();
}

async function expectCleanExit(t: Tmux, pid: number) {
  // The shell prints the exit code, then the terminal's line settings as `stty -a` reports them.
  const { screen } = await t.waitFor((s) => /EXITED \d+\n-?icanon -?echo/.test(s), 30_000, 'dojo watch to exit');
  expect(screen).toMatch(/EXITED 0/);
  expect(screen).toMatch(/dojo watch lab-0\d: \d+ runs?; \d+ of \d+ checks pass now/);
  // The terminal is given back: normal screen, cursor shown, line editing and echo on.
  expect(await t.format('#{alternate_on}')).toBe('0');
  expect(await t.format('#{cursor_flag}')).toBe('1');
  expect(screen, screen).toMatch(/^icanon echo\s*$/m);
  expect(await leftovers(pid)).toBe('');
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((t) => t.kill()));
});

describe('dojo watch on files (lab 02)', () => {
  let ws: string;
  let good: string;
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), `dojo-watch-${ID}-`));
    cpSync(GOOD, ws, { recursive: true });
    writeFileSync(join(ws, 'dojo.yaml'), `services:\n  api-service: { image: "${imageTag('good')}" }\n`);
    good = readFileSync(join(ws, 'api-service', 'Dockerfile'), 'utf8');
  });

  it('a saved Dockerfile re-runs the static checks and shows the new verdict within a second; q restores the terminal', async () => {
    const t = session('files');
    await t.start(watchCmd('lab-02', ws));
    const first = await t.waitFor((s) => settled(s) && /7 of 7 checks pass/.test(s), 120_000, 'the first run');
    expect(first.screen).toMatch(/dojo watch · lab-02/);
    expect(first.screen).toMatch(/engine events: connected/);
    const pid = (await childPid(t))!;

    const broken = good.replace(/COPY go\.mod \.\/\nRUN go mod download\nCOPY \. \.\n/, 'COPY . .\nRUN go mod download\n');
    expect(broken).not.toBe(good);
    writeFileSync(join(ws, 'api-service', 'Dockerfile'), broken);
    const saved = await t.waitFor((s) => mark(s, 'layer-order') === '✗', 1_000, 'layer-order to fail after the save');
    expect(saved.screen).toMatch(/Last run \d\d:\d\d:\d\d · .* · saved: api-service\/Dockerfile/);
    expect(saved.screen).toContain('COPY . .');

    // The probes whose inputs changed (the rebuild reads the Dockerfile) run after the cheap checks.
    const after = await t.waitFor((s) => settled(s) && mark(s, 'cache-reuse') === '✗', 120_000, 'the cache probe to see the broken order');
    expect(after.screen).toMatch(/Changed: .*layer-order ✓ → ✗/);
    expect(after.screen).toMatch(/lab-02 2a: fails, and something changed since your last attempt: counted as a failed attempt/);

    // A comment is no change to what the checks look at: the run is not an attempt.
    writeFileSync(join(ws, 'api-service', 'Dockerfile'), `${broken}# a comment\n`);
    const unchanged = await t.waitFor((s) => settled(s) && /lab-02 2a: nothing changed since your last attempt: not counted/.test(s), 10_000, 'an unchanged run');
    expect(row(unchanged.screen, 'cache-reuse')).toMatch(/✗/);

    await t.keys('h');
    await t.waitFor((s) => /── hint ──/.test(s) && /lab-02 · exercise 2a/.test(s), 10_000, 'the hint');
    await t.keys('q');
    await expectCleanExit(t, pid);
    const state = JSON.parse(readFileSync(join(ws, '.dojo', 'state.json'), 'utf8'));
    expect(state.courses.builtin.labs['lab-02'].exercises['2a'].failedAttempts).toBe(1);
    expect(state.courses.builtin.labs['lab-02'].exercises['2a'].levelsSeen).toEqual([1]);
  });

  it('Ctrl-C in the middle of the cache probe cancels it and removes what it built', async () => {
    writeFileSync(join(ws, 'api-service', 'Dockerfile'), good);
    const t = session('cancel');
    await t.start(watchCmd('lab-02', ws));
    await t.waitFor((s) => settled(s), 120_000, 'the first run');
    const pid = (await childPid(t))!;
    await t.keys('r');
    await t.waitFor((s) => /…\s+cache-reuse\s+probe\s+checking again/.test(s), 10_000, 'the probe to start');
    // Wait until the probe has something in the engine, so the cancel has something to remove.
    const deadline = Date.now() + 20_000;
    let made = '';
    while (!(made = await leftovers(pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(made, 'the probe made nothing in the engine to cancel').not.toBe('');
    await t.keys('C-c');
    await expectCleanExit(t, pid);
  });
});

describe('dojo watch on the engine (lab 03)', () => {
  const names = { api: `${ID}-api`, worker: `${ID}-worker`, pg: `${ID}-pg`, net: `${ID}-net`, vol: `${ID}-pgdata` };
  let ws: string;

  beforeAll(async () => {
    await buildStackImages();
    ws = mkdtempSync(join(tmpdir(), `dojo-watch-${ID}-`));
    mkdirSync(join(ws, 'exports'));
    chownSync(join(ws, 'exports'), 65532, 65532);
    writeFileSync(join(ws, 'dojo.yaml'), `services:\n  api-service: { container: ${names.api} }\n  worker-service: { container: ${names.worker} }\n  postgres: { container: ${names.pg} }\nnetwork: ${names.net}\nvolume: ${names.vol}\n`);
    await docker('network', 'create', '--label', LABEL, names.net);
    await docker('volume', 'create', '--label', LABEL, names.vol);
    const run = (...args: string[]) => docker('run', '-d', '--label', LABEL, '--network', names.net, ...args);
    await run('--name', names.pg, '--network-alias', 'postgres', '-v', `${names.vol}:/var/lib/postgresql/data`, '-e', 'POSTGRES_PASSWORD_FILE=/dev/null', 'dojo-fixture/postgres:15-1');
    await run('--name', names.api, '-e', 'DB_HOST=postgres', '-p', '127.0.0.1::8080', IMAGES.apiProd);
    await run('--name', names.worker, '-e', 'DB_HOST=postgres', '-e', 'EXPORT_DIR=/exports', '-v', `${join(ws, 'exports')}:/exports`, IMAGES.worker);
    for (let i = 0; i < 240 && (await docker('inspect', '-f', '{{.State.Health.Status}}', names.pg)) !== 'healthy'; i++) await new Promise((r) => setTimeout(r, 500));
  }, 300_000);

  afterAll(async () => {
    await execa('docker', ['rm', '-f', '-v', names.api, names.worker, names.pg], { reject: false });
    await execa('docker', ['network', 'rm', names.net], { reject: false });
    await execa('docker', ['volume', 'rm', names.vol], { reject: false });
  });

  it('a docker stop of a target container changes the live verdict with no key pressed; Ctrl-C leaves nothing behind', async () => {
    const t = session('engine');
    await t.start(watchCmd('lab-03', ws));
    await t.waitFor((s) => settled(s) && /6 of 6 checks pass/.test(s), 120_000, 'the first run to pass');
    const pid = (await childPid(t))!;
    // The engine events the probes themselves cause (their containers joining the network, mounting
    // the volume) must not set off another run: the screen stays settled on the first run.
    const quiet = await t.screen();
    expect(quiet).toMatch(/Last run \d\d:\d\d:\d\d · \d+ ms · first run/);

    await docker('stop', names.pg);
    // A stopped target is reported as "not running" (could not be judged), not as a wrong network.
    const stopped = await t.waitFor((s) => settled(s) && mark(s, 'name-resolution') !== '✓', 60_000, 'name-resolution to change after docker stop');
    expect(stopped.screen).toMatch(new RegExp(`engine: container ${names.pg}: (kill|die|stop)`));
    expect(stopped.screen).toMatch(/Changed: .*name-resolution ✓ → [✗!]/);

    await docker('start', names.pg);
    await t.waitFor((s) => settled(s) && mark(s, 'name-resolution') === '✓', 120_000, 'name-resolution to pass again once postgres is back');
    await t.keys('C-c');
    await expectCleanExit(t, pid);
  });
});
