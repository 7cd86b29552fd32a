// `dojo ci init` on temp workspaces: the steps each lab's `ci:` asks for, written only for files the
// workspace has, notices (stderr) naming what to commit, and the answers file read as the gate will.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { fixedOrder, tempWorkspace } from '../support/workspace.js';

type Step = { id: string; name: string; run?: string; uses?: string; if?: string };
const COMPOSE = 'services:\n  api-service:\n    build: ./api-service\n';
const steps = (ws: string): Step[] => parse(readFileSync(join(ws, '.github/workflows/dojo.yml'), 'utf8')).jobs.checklist.steps;

describe('dojo ci init', () => {
  it('a student who committed everything: each lab gets its step, in course order, and the gate grades the quiz from the answers file', async () => {
    const ws = tempWorkspace({
      ...fixedOrder,
      'docker-compose.yml': COMPOSE,
      'lab-03/run.sh': 'set -eu\n',
      'lab-05/harden.sh': 'set -eu\n',
      'lab-05/fix.sh': 'set -eu\n',
      'dojo-answers.yaml': 'lab-01:\n  namespaces-quiz:\n    uts-hostname: 2\n    pid-view: 3\n    cgroups-role: 1\n    kernel-sharing: 3\n',
      'dojo.yaml': 'compose: { project: flowforge }\nprobeImage: "busybox:1.36"\n',
      // The class template carries dojo's package tarball (dojo is not on the npm registry).
      'dojo-docker-0.1.0.tgz': 'not a real tarball\n',
    });
    const r = await dojo(['ci', 'init', '-w', ws]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const s = steps(ws);
    expect(s.map((x) => x.id)).toEqual([
      'checkout', 'setup-node', 'install-dojo', 'probe-image', 'install-scanner', 'build-api-service',
      'lab-03-script-1', 'stack-up', 'lab-05-scenarios', 'lab-05-script-1', 'lab-05-script-2', 'gate', 'upload', 'stack-down',
    ]);
    const run = (id: string) => s.find((x) => x.id === id)!.run;
    expect(run('install-dojo')).toBe('npm install --global ./dojo-docker-0.1.0.tgz');
    expect(run('lab-03-script-1')).toBe('bash lab-03/run.sh');
    expect(run('stack-up')).toBe('docker compose -f docker-compose.yml -p flowforge up --detach --wait');
    expect([run('lab-05-scenarios'), run('lab-05-script-1'), run('lab-05-script-2')]).toEqual(['dojo lab start lab-05', 'bash lab-05/harden.sh', 'bash lab-05/fix.sh']);
    expect(run('gate')).toBe('dojo checklist --ci --answers dojo-answers.yaml --format junit --output dojo-report.xml');
    expect(r.stdout).toBe(`Wrote ${join(ws, '.github/workflows/dojo.yml')}: on every push it builds flowforge/api-service:dev (api-service), then for each lab:
  lab-01: the gate grades namespaces-quiz from dojo-answers.yaml
  lab-03: runs lab-03/run.sh
  lab-04: starts the stack from docker-compose.yml
  lab-05: starts lab-05's break-fix scenarios; runs lab-05/harden.sh; runs lab-05/fix.sh
and runs \`dojo checklist --ci --answers dojo-answers.yaml --format junit --output dojo-report.xml\` and uploads the report.`);
    // The instructor reads what is judged where in the file itself.
    const text = readFileSync(join(ws, '.github/workflows/dojo.yml'), 'utf8');
    expect(text).toContain('# lab-03 3a, 3b: your docker network, volume and run commands that start postgres, api-service and worker-service as exercises 3a and 3b ask.\n      - id: lab-03-script-1');
    expect(text).not.toContain('Not in the repository');
  });

  it('a fresh workspace: no step for a script that is not there, and a notice per missing file saying what to commit', async () => {
    const ws = tempWorkspace({ ...fixedOrder });
    const r = await dojo(['ci', 'init', '-w', ws]);
    expect(r.code).toBe(0);
    expect(steps(ws).map((x) => x.id)).toEqual(['checkout', 'setup-node', 'install-dojo', 'probe-image', 'install-scanner', 'build-api-service', 'lab-05-scenarios', 'gate', 'upload']);
    expect(steps(ws).find((x) => x.id === 'probe-image')!.run).toBe('docker image inspect busybox:1.36 > /dev/null 2>&1 || docker pull busybox:1.36');
    expect(steps(ws).find((x) => x.id === 'install-dojo')!.run).toBe('npm install --global dojo-docker@0.1.0');
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^dojo: the workflow installs dojo-docker@0\.1\.0 from the npm registry; if your class gets dojo as a tarball, commit it at the repository root .* or pass --package <tarball URL or path>$/),
      expect.stringMatching(/^dojo: lab-03: no lab-03\/run\.sh in this workspace, so the workflow does not run it and lab-03 3a, 3b cannot pass in CI\. Commit lab-03\/run\.sh with your docker network, volume and run commands .*, then run `dojo ci init --force`\.$/),
      expect.stringMatching(/^dojo: lab-05: no lab-05\/harden\.sh in this workspace, .* lab-05 5a cannot pass in CI\./),
      expect.stringMatching(/^dojo: lab-05: no lab-05\/fix\.sh in this workspace, .* lab-05 5b cannot pass in CI\./),
      'dojo: lab-01 namespaces-quiz asks questions nobody answers in CI: commit dojo-answers.yaml (lab → check → question id → your choice\'s text or number; README: The answers file), then run `dojo ci init --force`. Until then the gate stays incomplete (exit 4).',
    ]);
    const text = readFileSync(join(ws, '.github/workflows/dojo.yml'), 'utf8');
    expect(text).toMatch(/# Not in the repository when this file was written \(commit it, then run `dojo ci init --force`\):\n# {3}lab-03\/run\.sh \(lab-03 3a, 3b\): your docker network/);
  });

  it('--package says where the runner installs dojo from', async () => {
    const ws = tempWorkspace({ ...fixedOrder });
    const r = await dojo(['ci', 'init', '-w', ws, '--package', 'https://example.edu/dojo-docker-0.1.0.tgz']);
    expect(r.code).toBe(0);
    expect(steps(ws).find((x) => x.id === 'install-dojo')!.run).toBe('npm install --global https://example.edu/dojo-docker-0.1.0.tgz');
    expect(r.stderr).not.toContain('npm registry');
  });

  it('the answers file is read as the gate reads it: its problems and its gaps are said now, with the line', async () => {
    const ws = tempWorkspace({ ...fixedOrder, 'dojo-answers.yaml': 'lab-01:\n  namespaces-quiz:\n    uts-hostname: 2\n    pid-veiw: 3\n' });
    const r = await dojo(['ci', 'init', '-w', ws]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dojo: dojo-answers.yaml: line 4: lab-01.namespaces-quiz has no question "pid-veiw" (its questions: uts-hostname, pid-view, cgroups-role, kernel-sharing); the gate stops on it (exit 2) until it is fixed.');
    const two = tempWorkspace({ ...fixedOrder, 'dojo-answers.yaml': 'lab-01:\n  namespaces-quiz:\n    uts-hostname: "2"\n    pid-veiw: 3\n' });
    expect((await dojo(['ci', 'init', '-w', two])).stderr).toContain('dojo: dojo-answers.yaml: line 3: lab-01.namespaces-quiz.uts-hostname: "2" is none of its 3 choices (give the choice\'s text or its number from 1); line 4: lab-01.namespaces-quiz has no question "pid-veiw"');
    const partial = tempWorkspace({ ...fixedOrder, 'dojo-answers.yaml': 'lab-01:\n  namespaces-quiz:\n    uts-hostname: 2\n' });
    const p = await dojo(['ci', 'init', '-w', partial]);
    expect(p.stderr).toContain('dojo: dojo-answers.yaml has no answer for lab-01.namespaces-quiz.pid-view, lab-01.namespaces-quiz.cgroups-role, lab-01.namespaces-quiz.kernel-sharing: they stay ungraded in CI (exit 4).');
    expect(steps(partial).find((x) => x.id === 'gate')!.run).toBe('dojo checklist --ci --answers dojo-answers.yaml --format junit --output dojo-report.xml');
  });

  it('a course other than the built-in one is named in every dojo command of the workflow', async () => {
    const course = join(import.meta.dirname, '../../courses/docker-fundamentals');
    const ws = tempWorkspace({});
    const r = await dojo(['ci', 'init', '-w', ws, '--course', course]);
    expect(r.code).toBe(0);
    expect(steps(ws).find((x) => x.id === 'gate')!.run).toBe(`dojo checklist --ci --format junit --output dojo-report.xml --course ${course}`);
  });
});
