// The break-fix check (scenario-fixed) over diagnosis facts given inline: each cause its own
// question, an empty variable worded as empty, a restart loop said plainly, repeated log lines
// once, and a stand-in from another image not a fix. lab-05-breakfix.test.ts proves it live.
import { describe, expect, it } from 'vitest';
import { missingContainer, type DiagnosisFacts } from '../../src/checks/facts/diagnosis-model.js';
import { Facts } from '../../src/checks/facts/store.js';
import { scenarioFixed } from '../../src/checks/kinds/scenario.js';
import { target } from '../support/rules.js';

const IMAGE = 'dojo-scenario/lab-05:1';
const api = (over: Partial<DiagnosisFacts> = {}): DiagnosisFacts => ({
  ...missingContainer('lab05-api'), found: true, id: 'c0ffee', image: IMAGE, status: 'running', running: true,
  startedAt: '2026-11-23T06:20:00Z', env: { names: ['PATH', 'DATABASE_URL'], empty: [] }, networkMode: 'bridge',
  ports: [{ container: '8080/tcp', host: '127.0.0.1:32768' }], listeners: [{ address: '0.0.0.0', port: 8080 }], ...over,
});
function judge(d: DiagnosisFacts): string[] {
  const p = scenarioFixed.params.parse({ container: 'lab05-api', image: IMAGE, env: ['DATABASE_URL'], answers: 8080 });
  const facts = new Facts();
  for (const r of scenarioFixed.needs(target, p)) facts.set(r, d);
  const f = scenarioFixed.evaluate(facts, target, p);
  return [`${f.status} ${f.mistake ?? '-'}: ${f.summary}`, ...(f.evidence ?? [])];
}

describe('scenario-fixed (lab 05b api-starts)', () => {
  it('words each cause and gives it its own question', () => {
    expect({
      fixed: judge(api()),
      unpublished: judge(api({ ports: [{ container: '8080/tcp', host: null }] })),
      empty: judge(api({ env: { names: ['PATH', 'DATABASE_URL'], empty: ['DATABASE_URL'] } })),
      unset: judge(api({ env: { names: ['PATH'], empty: [] }, status: 'exited', running: false, exitCode: 1, logs: ['api: DATABASE_URL is not set'] })),
      standIn: judge(api({ image: 'dojo-fixture/busybox:1', imageTags: ['dojo-fixture/busybox:1'] })),
      byId: judge(api({ image: 'sha256:5f3a', imageTags: [IMAGE] })),
      restarting: judge(api({ status: 'restarting', restartCount: 4, exitCode: 1, listeners: null, listenersNote: 'it is restarting (4 restarts so far); its listeners were not read',
        env: { names: ['PATH'], empty: [] }, logs: ['api: DATABASE_URL is not set', 'api: DATABASE_URL is not set', 'api: DATABASE_URL is not set'] })),
    }).toMatchInlineSnapshot(`
      {
        "byId": [
          "pass -: lab05-api runs as it should",
          "lab05-api: status running",
        ],
        "empty": [
          "fail missing-env: lab05-api is still broken: its environment sets DATABASE_URL empty",
          "lab05-api: status running",
        ],
        "fixed": [
          "pass -: lab05-api runs as it should",
          "lab05-api: status running",
        ],
        "restarting": [
          "fail missing-env: lab05-api is still broken: it keeps stopping and the engine keeps restarting it (4 restarts so far, last exit code 1)",
          "lab05-api: status restarting, exit code 1, restarted 4 times",
          "its environment does not set DATABASE_URL",
          "log: api: DATABASE_URL is not set",
          "its environment has: only PATH (values not shown)",
        ],
        "standIn": [
          "fail stand-in-container: lab05-api is still broken: it runs dojo-fixture/busybox:1, not dojo-scenario/lab-05:1: the scenario is fixed with the same image and program",
          "lab05-api: status running",
        ],
        "unpublished": [
          "fail port-not-published: lab05-api is still broken: it does not publish 8080/tcp on the host",
          "lab05-api: status running",
        ],
        "unset": [
          "fail missing-env: lab05-api is still broken: it is not running (exit code 1)",
          "lab05-api: status exited, exit code 1",
          "its environment does not set DATABASE_URL",
          "log: api: DATABASE_URL is not set",
          "its environment has: only PATH (values not shown)",
        ],
      }
    `);
  });
});
