// Lab 05, exercise 5b on a real engine: `dojo lab start` creates the break-fix scenarios, the checks
// judge them unsolved, `dojo diagnose` names each cause, the fixes a student would make solve them,
// and `dojo lab stop` / `dojo reset` leave nothing behind, also after an interrupted start and from a
// state file that a crashed run left. The course is a copy whose object names carry this test's id.
import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, dojo } from '../support/cli.js';
import { VerdictTable, verdictOf } from '../support/verdict-table.js';
import { tempWorkspace } from '../support/workspace.js';

const ID = `b5${process.pid}`;
const ROOT = join(import.meta.dirname, '..', '..');
const TOOL = 'dojo-fixture/busybox:1';
const IMAGE = `dojo-scenario/${ID}:1`;
const LABEL = 'io.dojo.testobj=1';
const n = (name: string) => `${ID}-${name}`;
const docker = (...args: string[]) => execa('docker', args).then((r) => String(r.stdout).trim());
const lines = (s: string) => s.split('\n').filter(Boolean);

/** The built-in course with every scenario name (lab05-*) and the image tag made unique to this run. */
function courseCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-course-'));
  for (const sub of ['labs', 'hints', 'checks', 'scenarios']) {
    cpSync(join(ROOT, sub), join(dir, sub), { recursive: true });
    for (const f of readdirSync(join(dir, sub))) {
      const p = join(dir, sub, f);
      writeFileSync(p, readFileSync(p, 'utf8').replaceAll('dojo-scenario/lab-05:1', IMAGE).replaceAll('lab05-', `${ID}-`));
    }
  }
  return dir;
}

const COURSE = courseCopy();
const ws = () => tempWorkspace({ 'dojo.yaml': `probeImage: ${TOOL}\n` });
const cli = (w: string, ...args: string[]) => dojo(['--course', COURSE, '-w', w, ...args]);
// Progress is kept per course (state v4): this course copy's key is its folder's name.
const state = (w: string) => JSON.parse(readFileSync(join(w, '.dojo', 'state.json'), 'utf8')).courses[basename(COURSE)];
/** Everything on the engine that belongs to this workspace's scenarios, or carries a scenario name. */
async function leftovers(w: string): Promise<string[]> {
  const f = ['--filter', `label=io.dojo.workspace=${w}`];
  return [
    ...lines(await docker('ps', '-a', ...f, '--format', 'container {{.Names}}')),
    ...lines(await docker('ps', '-a', '--filter', `name=${ID}-`, '--format', 'container {{.Names}}')),
    ...lines(await docker('network', 'ls', ...f, '--format', 'network {{.Name}}')),
    ...lines(await docker('network', 'ls', '--filter', `name=${ID}-`, '--format', 'network {{.Name}}')),
    ...lines(await docker('images', '-q', IMAGE)).map((i) => `image ${i}`),
  ];
}
/** Runs a new lab05-api in place of the current one (what a student does to try a fix). */
async function replace(...args: string[]): Promise<void> {
  await docker('rm', '-f', n('api'));
  await docker('run', '-d', '--name', n('api'), ...args);
}
const byId = <T extends { id: string }>(xs: T[]) => Object.fromEntries(xs.map((x) => [x.id, x]));

const W = ws();

/**
 * Exercise 5b's verdicts at each step (breakfix-started, breakfix-fixed, ...) and what `dojo diagnose`
 * finds on each container (check "diagnose", workspace "<step>/<container>"), never keyed by this run's names.
 */
const table = new VerdictTable('lab-05-breakfix');
type Finding = { rule: string; evidence: string[]; question: string | null; severity: string };
const diagnosed = (findings: Finding[]) => findings.map((f) => f.rule).join(', ') || 'nothing wrong';

/** The dojo processes this file interrupts: a failed assertion must not leave their throwaway containers. */
const interruptedPids: number[] = [];

afterAll(async () => {
  for (const pid of interruptedPids) {
    const left = lines(await docker('ps', '-aq', '--filter', `label=io.dojo.pid=${pid}`, '--filter', 'label=io.dojo.temp=1'));
    if (left.length) await execa('docker', ['rm', '-f', '-v', ...left], { reject: false });
  }
  // Only this test's objects: its names and labels (a failed assertion must not leave them behind).
  const ids = lines(await docker('ps', '-aq', '--filter', `name=${ID}-`));
  if (ids.length) await execa('docker', ['rm', '-f', '-v', ...ids], { reject: false });
  const nets = lines(await docker('network', 'ls', '-q', '--filter', `name=${ID}-`));
  if (nets.length) await execa('docker', ['network', 'rm', ...nets], { reject: false });
  await execa('docker', ['rmi', '-f', IMAGE], { reject: false });
});

describe('lab 05 break-fix scenarios', () => {
  beforeAll(async () => {
    const r = await cli(W, 'lab', 'start', 'lab-05', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
  });

  it('creates every scenario object, labelled and recorded in the state file', async () => {
    const names = lines(await docker('ps', '-a', '--filter', `label=io.dojo.workspace=${W}`, '--format', '{{.Names}}')).sort();
    expect(names).toEqual(['api', 'db', 'report', 'web', 'worker'].map(n));
    const labels = JSON.parse(await docker('inspect', '-f', '{{json .Config.Labels}}', n('api')));
    expect(labels).toMatchObject({ 'io.dojo.temp': '1', 'io.dojo.lab': 'lab-05', 'io.dojo.scenario': 'api-stops', 'io.dojo.workspace': W });
    const recorded = state(W).labs['lab-05'].scenarioObjects.map((o: { type: string; name: string }) => `${o.type} ${o.name}`).sort();
    expect(recorded).toEqual([...['api', 'db', 'report', 'web', 'worker'].map((x) => `container ${n(x)}`), `image ${IMAGE}`, `network ${n('app')}`, `network ${n('data')}`].sort());
    // Nothing is pulled: the scenario image sits on the tool image.
    expect(await docker('image', 'inspect', '-f', '{{.Config.User}}', IMAGE)).toBe('65534:65534');
  });

  it('refuses a second start and changes nothing', async () => {
    const before = await leftovers(W);
    const r = await cli(W, 'lab', 'start', 'lab-05', '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.json().error.code).toBe('E_LAB_RUNNING');
    expect(await leftovers(W)).toEqual(before);
  });

  it('judges every scenario unsolved, naming the mistake', async () => {
    const r = await cli(W, 'check', 'lab-05', '--exercise', '5b', '--format', 'json');
    expect(r.code).toBe(1);
    // The lab's 5a checks are in the report too, as not selected.
    const checks = byId((r.json().checks as { id: string; exercise: string; status: string; mistake: string }[]).filter((c) => c.exercise === '5b'));
    table.report('lab-05', 'breakfix-started', r.code, Object.values(checks));
    expect(Object.fromEntries(Object.values(checks).map((c) => [c.id, `${c.status} ${c.mistake}`]))).toEqual({
      'api-starts': 'fail missing-env',
      'report-fits-memory': 'fail oom-killed',
      'worker-reaches-db': 'fail wrong-network',
      'web-answers': 'fail listener-unreachable',
    });
  });

  it('Ctrl-C or SIGTERM while the 5b checks run leaves no throwaway container (probe-image, listeners) behind', async () => {
    const mine = (pid: number) => docker('ps', '-a', '-q', '--filter', `label=io.dojo.pid=${pid}`);
    // Interrupt as a throwaway container appears, a little after, and at fixed times into the run.
    const rounds: { signal: 'SIGINT' | 'SIGTERM'; afterSeen?: number; at?: number }[] = [
      { signal: 'SIGINT', afterSeen: 0 }, { signal: 'SIGTERM', afterSeen: 0 }, { signal: 'SIGINT', afterSeen: 150 },
      { signal: 'SIGINT', at: 900 }, { signal: 'SIGINT', at: 1100 }, { signal: 'SIGTERM', at: 1300 },
    ];
    // Half the rounds without probeImage in dojo.yaml: dojo then tries local images one by one (probe-image).
    const unset = tempWorkspace({ 'dojo.yaml': 'services: {}\n' });
    for (const [k, round] of [...rounds, ...rounds].entries()) {
      const w = k < rounds.length ? W : unset;
      const child = execa('node', [BIN, '--course', COURSE, '-w', w, 'check', 'lab-05', '--exercise', '5b'], { reject: false, env: { CI: 'true', FORCE_COLOR: '0' } });
      interruptedPids.push(child.pid!);
      const start = Date.now();
      if (round.at !== undefined) {
        while (Date.now() - start < round.at) await new Promise((r) => setTimeout(r, 20));
      } else {
        const deadline = start + 30_000;
        while (Date.now() < deadline && !(await mine(child.pid!))) await new Promise((r) => setTimeout(r, 10));
        if (round.afterSeen) await new Promise((r) => setTimeout(r, round.afterSeen));
      }
      child.kill(round.signal);
      const r = await child;
      // A run that had already finished exits with its verdict; an interrupted one with the signal's code.
      expect([1, 130, 143], JSON.stringify(round)).toContain(r.exitCode);
      if (r.exitCode !== 1) expect(r.stdout + r.stderr).not.toContain('internal error');
      expect(await mine(child.pid!), JSON.stringify(round)).toBe('');
    }
  });

  it('dojo diagnose names the cause of each, with evidence and a question, and nothing on the working database', async () => {
    const expected: Record<string, string> = { api: 'missing-env', report: 'oom-killed', worker: 'wrong-network', web: 'loopback-listener' };
    for (const [c, rule] of Object.entries(expected)) {
      const r = await cli(W, 'diagnose', n(c), '--format', 'json');
      expect(r.code, `${c}: ${r.stdout} ${r.stderr}`).toBe(1);
      const findings = r.json().findings as Finding[];
      table.record('lab-05', 'diagnose', `breakfix-started/${c}`, diagnosed(findings));
      const [first] = findings;
      expect(first?.rule, c).toBe(rule);
      expect(['error', 'warning']).toContain(first?.severity);
      expect(first?.evidence.length).toBeGreaterThan(0);
      expect(first?.question).toBeTruthy();
    }
    const web = await cli(W, 'diagnose', n('web'));
    expect(web.stdout).toContain('listeners inside');
    expect(web.stdout).toContain('127.0.0.1:8080');
    table.record('lab-05', 'diagnose', 'breakfix-started/db', diagnosed((await cli(W, 'diagnose', n('db'), '--format', 'json')).json().findings));
    const db = await cli(W, 'diagnose', n('db'));
    expect(db.code).toBe(0);
    expect(db.stdout).toContain('nothing wrong found');
  });

  it('is solved by the fixes a student would make', async () => {
    await docker('rm', n('api'));
    await docker('run', '-d', '--name', n('api'), '-e', 'DATABASE_URL=postgres://flowforge:pw-Secret-9@db:5432/ff', '-p', '127.0.0.1::8080', IMAGE, 'api');
    await docker('update', '--memory', '128m', '--memory-swap', '128m', n('report'));
    await docker('start', n('report'));
    await docker('network', 'connect', n('data'), n('worker'));
    await docker('rm', '-f', n('web'));
    await docker('run', '-d', '--name', n('web'), '-e', 'DATABASE_URL=x', '-e', 'LISTEN_ADDR=0.0.0.0', '-p', '127.0.0.1::8080', IMAGE, 'api');
    // The worker tries every 3 s; a check right after `network connect` may still see the last failure.
    let r = await cli(W, 'check', 'lab-05', '--exercise', '5b', '--format', 'json');
    for (let i = 0; i < 5 && r.code !== 0; i++) {
      await docker('logs', '--since', '1s', n('worker'));
      r = await cli(W, 'check', 'lab-05', '--exercise', '5b', '--format', 'json');
    }
    table.report('lab-05', 'breakfix-fixed', r.code, r.json().checks.filter((c: { exercise: string }) => c.exercise === '5b'));
    expect(r.json().checks.filter((c: { exercise: string }) => c.exercise === '5b').map((c: { id: string; status: string; summary: string }) => `${c.id} ${c.status} ${c.summary}`)).toEqual([
      `api-starts pass ${n('api')} runs as it should`,
      `report-fits-memory pass ${n('report')} runs as it should`,
      `worker-reaches-db pass ${n('worker')} runs as it should`,
      `web-answers pass ${n('web')} runs as it should`,
    ]);
    expect(r.code).toBe(0);
    // The published port really answers now.
    const port = (await docker('port', n('web'), '8080')).split('\n')[0]!;
    expect((await execa('busybox', ['wget', '-q', '-O', '-', `http://${port}/`])).stdout).toBe('ok');
    // A healthy container: nothing wrong; no secret in the output.
    const api = await cli(W, 'diagnose', n('api'));
    expect(api.code).toBe(0);
    expect(api.stdout).toContain('nothing wrong found');
    expect(api.stdout + api.stderr).not.toContain('pw-Secret-9');
  });

  it("a fix without a memory limit is not a fix of the OOM scenario", async () => {
    await docker('rm', '-f', n('report'));
    await docker('run', '-d', '--name', n('report'), IMAGE, 'report');
    const r = await cli(W, 'check', 'lab-05', '--only', 'report-fits-memory', '--format', 'json');
    const c = r.json().checks.find((k: { id: string }) => k.id === 'report-fits-memory');
    table.record('lab-05', 'report-fits-memory', 'breakfix-fix-without-limit', verdictOf(c));
    expect(c.summary).toContain('without a memory limit');
  });

  it('api-starts words each cause: an empty variable, a restart loop, no published port, a stand-in from another image; a run by image id is no stand-in', async () => {
    try {
      await checkEachCause();
    } finally {
      // Put back a fixed api from the scenario image: lab stop removes only what runs from it.
      await replace('-e', 'DATABASE_URL=postgres://flowforge@db:5432/ff', '-p', '127.0.0.1::8080', IMAGE, 'api');
    }
  });

  async function checkEachCause(): Promise<void> {
    const apiStarts = async (step: string) => {
      const r = await cli(W, 'check', 'lab-05', '--only', 'api-starts', '--format', 'json');
      const c = r.json().checks.find((x: { id: string }) => x.id === 'api-starts');
      table.record('lab-05', 'api-starts', `breakfix-${step}`, verdictOf(c));
      return { line: `${c.status} ${c.mistake}: ${c.summary}`, evidence: c.evidence as string[] };
    };
    await replace('-e', 'DATABASE_URL=', '--restart', 'always', IMAGE, 'api');
    // Wait until the engine has restarted it at least once (a poll with a deadline, not a sleep).
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && Number(await docker('inspect', '-f', '{{.RestartCount}}', n('api'))) < 1) await new Promise((r) => setTimeout(r, 100));
    const looping = await apiStarts('empty-env-restarting');
    // Between two restarts the engine reports it running for a moment: then the empty variable leads.
    expect(looping.line).toMatch(/^fail missing-env: .*(keeps stopping and the engine keeps restarting it|is not running|sets DATABASE_URL empty)/);
    expect([looping.line, ...looping.evidence].join('\n')).toContain('sets DATABASE_URL empty');
    expect(looping.evidence.join('\n')).not.toMatch(/HTTP code|does not set DATABASE_URL/);
    await replace('-e', 'DATABASE_URL=postgres://flowforge@db:5432/ff', IMAGE, 'api');
    expect((await apiStarts('no-published-port')).line).toBe(`fail port-not-published: ${n('api')} is still broken: it does not publish 8080/tcp on the host`);
    await replace('-e', 'DATABASE_URL=postgres://flowforge@db:5432/ff', '-p', '127.0.0.1::8080', TOOL, 'httpd', '-f', '-p', '8080');
    expect((await apiStarts('stand-in-image')).line).toBe(`fail stand-in-container: ${n('api')} is still broken: it runs ${TOOL}, not ${IMAGE}: the scenario is fixed with the same image and program`);
    // Started from the scenario image by its id, not its name: the same image, so no stand-in.
    const id = await docker('image', 'inspect', '-f', '{{.Id}}', IMAGE);
    await replace('-e', 'DATABASE_URL=postgres://flowforge@db:5432/ff', '-p', '127.0.0.1::8080', id, 'api');
    expect((await apiStarts('scenario-image-by-id')).line).toBe(`pass null: ${n('api')} runs as it should`);
  }

  it('lab stop removes every scenario object, the fixed containers too, and nothing else', async () => {
    const mine = n('bystander');
    await docker('run', '-d', '--name', mine, '--label', LABEL, TOOL, 'sleep', '300');
    try {
      // The scenario image declares no volume, so removing its containers leaves no anonymous one behind.
      expect(await docker('image', 'inspect', '-f', '{{json .Config.Volumes}}', IMAGE)).toBe('null');
      const r = await cli(W, 'lab', 'stop', 'lab-05', '--format', 'json');
      expect(r.code, r.stderr).toBe(0);
      expect(r.json().removed.map((o: { type: string }) => o.type).sort()).toEqual(['container', 'container', 'container', 'container', 'container', 'image', 'network', 'network']);
      expect((await leftovers(W)).filter((x) => x !== `container ${mine}`)).toEqual([]);
      expect(await docker('inspect', '-f', '{{.State.Running}}', mine)).toBe('true');
      expect(state(W).labs['lab-05'].scenarioObjects).toBeUndefined();
    } finally {
      await docker('rm', '-f', mine);
    }
  });
});

describe('cleaning up after interrupted and crashed starts', () => {
  it('Ctrl-C during lab start removes what it had created and records nothing', async () => {
    const w = ws();
    const child = execa('node', [BIN, '--course', COURSE, '-w', w, 'lab', 'start', 'lab-05'], { reject: false, env: { CI: 'true', FORCE_COLOR: '0' } });
    // Interrupt once the state file records the first container: the image and networks exist by then.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if (state(w).labs['lab-05']?.scenarioObjects?.some((o: { type: string }) => o.type === 'container')) break;
      } catch { /* not written yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode, r.stderr).toBe(130);
    expect(await leftovers(w)).toEqual([]);
    expect(state(w).labs['lab-05']?.scenarioObjects).toBeUndefined();
  });

  it('Ctrl-C early in lab start (0.5-0.6 s) ends as interrupted, never as an internal error', async () => {
    for (const at of [450, 550, 650]) {
      const w = ws();
      const child = execa('node', [BIN, '--course', COURSE, '-w', w, 'lab', 'start', 'lab-05'], { reject: false, env: { CI: 'true', FORCE_COLOR: '0' } });
      const start = Date.now();
      while (Date.now() - start < at) await new Promise((r) => setTimeout(r, 10));
      child.kill('SIGINT');
      const r = await child;
      expect(r.stderr, `at ${at} ms`).not.toContain('internal error');
      // Before dojo asks for its handlers (nothing created yet), Node's default ends the process by the signal.
      expect([0, 130, 'SIGINT'], `at ${at} ms: ${r.stderr}`).toContain(r.exitCode ?? r.signal);
      if (r.exitCode !== 0) expect(await leftovers(w)).toEqual([]);
      else await cli(w, 'lab', 'stop', 'lab-05');
    }
  });

  it('lab stop cleans what a crashed run recorded (by id, and by name when the id was not written yet)', async () => {
    const w = ws();
    const labels = ['--label', 'io.dojo.temp=1', '--label', 'io.dojo.lab=lab-05', '--label', `io.dojo.workspace=${w}`];
    const net = await docker('network', 'create', ...labels, n('app'));
    await docker('create', '--name', n('api'), '--network', n('app'), ...labels, TOOL, 'sleep', '300');
    // A name the crashed run recorded but never created, now a student's own container: not dojo's, so kept.
    await docker('create', '--name', n('web'), '--label', LABEL, TOOL, 'sleep', '300');
    mkdirSync(join(w, '.dojo'));
    writeFileSync(join(w, '.dojo', 'state.json'), JSON.stringify({
      version: 4,
      courses: { [basename(COURSE)]: { labs: { 'lab-05': { exercises: {}, scenarioObjects: [
        { type: 'image', id: IMAGE, name: IMAGE }, { type: 'network', id: net, name: n('app') },
        { type: 'container', id: n('api'), name: n('api') }, { type: 'container', id: n('web'), name: n('web') },
      ] } } } },
    }));
    try {
      const r = await cli(w, 'lab', 'stop', 'lab-05', '--format', 'json');
      expect(r.code, r.stderr).toBe(0);
      expect(r.json().removed.map((o: { type: string; name: string }) => `${o.type} ${o.name}`).sort()).toEqual([`container ${n('api')}`, `network ${n('app')}`]);
      expect(await leftovers(w)).toEqual([`container ${n('web')}`]);
      expect(state(w).labs['lab-05'].scenarioObjects).toBeUndefined();
    } finally {
      await docker('rm', '-f', n('web'));
    }
  }, 120_000);

  it('dojo reset lab-05 removes the scenario objects with the progress', async () => {
    const w = ws();
    expect((await cli(w, 'lab', 'start', 'lab-05')).code).toBe(0);
    const r = await cli(w, 'reset', 'lab-05', '--yes', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().removed).toHaveLength(8);
    expect(await leftovers(w)).toEqual([]);
    expect(state(w).labs['lab-05']).toBeUndefined();
  });
});

describe('dojo diagnose on containers of your own', () => {
  it('a host port already taken, a program for another platform, localhost used for a database', async () => {
    await docker('run', '-d', '--name', n('holder'), '--label', LABEL, '-p', '127.0.0.1::8080', TOOL, 'httpd', '-f', '-p', '8080');
    const hostPort = (await docker('port', n('holder'), '8080')).split(':').pop()!;
    await docker('create', '--name', n('second'), '--label', LABEL, '-p', `127.0.0.1:${hostPort}:8080`, TOOL, 'httpd', '-f', '-p', '8080');
    await execa('docker', ['start', n('second')], { reject: false });
    const ctx = tempWorkspace({ 'Dockerfile': `FROM ${TOOL}\nCOPY app /app\nENTRYPOINT ["/app"]\n`, app: 'not a program\n' });
    await execa('chmod', ['+x', join(ctx, 'app')]);
    await execa('docker', ['build', '-q', '-t', `dojo-test/${ID}-noexec:1`, ctx], { env: { DOCKER_BUILDKIT: '0' } });
    await execa('docker', ['run', '--name', n('noexec'), '--label', LABEL, `dojo-test/${ID}-noexec:1`], { reject: false });
    await docker('run', '-d', '--name', n('dialer'), '--label', LABEL, TOOL, 'sh', '-c', 'while :; do nc -w 1 127.0.0.1 5432 </dev/null; sleep 1; done');
    await execa('sh', ['-c', `until docker logs ${n('dialer')} 2>&1 | grep -q refused; do sleep 0.2; done`], { timeout: 20_000 });
    try {
      const w = ws();
      const rule = async (c: string, setup: string) => {
        const findings = (await cli(w, 'diagnose', c, '--format', 'json')).json().findings as (Finding & { mistake: string })[];
        table.record('lab-05', 'diagnose', setup, diagnosed(findings));
        return findings.map((f) => `${f.rule} ${f.mistake}`);
      };
      expect(await rule(n('second'), 'own/host-port-taken')).toEqual(['port-conflict port-conflict']);
      expect(await rule(n('noexec'), 'own/not-a-program')).toEqual(['exec-format exec-format-error']);
      expect(await rule(n('dialer'), 'own/localhost-for-db')).toEqual(['localhost-for-service localhost-for-service']);
      expect(await rule(n('holder'), 'own/healthy')).toEqual([]);
      const missing = await cli(w, 'diagnose', n('nope'), '--format', 'json');
      expect(missing.code).toBe(2);
      expect(missing.json().error.code).toBe('E_NO_CONTAINER');
    } finally {
      await execa('docker', ['rm', '-f', n('holder'), n('second'), n('noexec'), n('dialer')], { reject: false });
      await execa('docker', ['rmi', '-f', `dojo-test/${ID}-noexec:1`], { reject: false });
    }
  });
});

it("the verdict table equals every other engine's", async () => {
  expect(await table.compare()).toEqual([]);
});
