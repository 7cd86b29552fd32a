// The workflow `dojo ci init` writes, from what the course declares (front matter `ci:`) and what
// the workspace holds: pure planning, YAML made with the yaml library, and the content rules.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { planWorkflow, type CiInputs, type CiLab } from '../../src/ci/plan.js';
import { renderWorkflow } from '../../src/ci/workflow.js';
import { loadCourseWithIssues } from '../../src/content/load.js';
import { kindCatalog } from '../../src/checks/catalog.js';
import { scenarioIssues } from '../../src/scenarios/validate.js';
import { copyCourse } from '../support/course.js';

const lab = (id: string, o: Partial<CiLab> = {}): CiLab => ({ id, compose: false, scenarios: false, scripts: [], interactive: [], ...o });
const inputs = (o: Partial<CiInputs> = {}): CiInputs => ({
  dojoVersion: '0.1.0',
  dojoPackage: 'dojo-docker@0.1.0',
  labs: [
    lab('lab-01', { interactive: ['namespaces-quiz'] }),
    lab('lab-03', { scripts: [{ file: 'lab-03/run.sh', exercises: ['3a', '3b'], purpose: 'your docker run commands', exists: true }] }),
    lab('lab-04', { compose: true }),
    lab('lab-05', { scenarios: true, scripts: [{ file: 'lab-05/harden.sh', exercises: ['5a'], purpose: 'the hardened run', exists: false }, { file: 'lab-05/fix.sh', exercises: ['5b'], purpose: 'your fixes', exists: true }] }),
  ],
  builds: [{ service: 'api-service', image: 'flowforge/api-service:dev', context: 'api-service', dockerfile: 'api-service/Dockerfile' }],
  compose: { files: ['docker-compose.yml'] },
  probeImage: 'busybox:1.36',
  scanner: true,
  answers: { file: 'dojo-answers.yaml', exists: true, unanswered: [] },
  dojo: (args) => ['dojo', ...args].join(' '),
  report: 'dojo-report.xml',
  ...o,
});
const ids = (o: Partial<CiInputs> = {}) => planWorkflow(inputs(o)).steps.map((s) => s.id);

describe('the steps, in the order a student works', () => {
  it('tools, builds, then each lab in course order (its stack, its scenarios, its scripts), the gate, the report', () => {
    expect(ids()).toEqual([
      'checkout', 'setup-node', 'install-dojo', 'probe-image', 'install-scanner', 'build-api-service',
      'lab-03-script-1', 'stack-up', 'lab-05-scenarios', 'lab-05-script-2', 'gate', 'upload', 'stack-down',
    ]);
    const plan = planWorkflow(inputs());
    const run = (id: string) => plan.steps.find((s) => s.id === id)!.run;
    expect(run('lab-03-script-1')).toBe('bash lab-03/run.sh');
    expect(run('lab-05-scenarios')).toBe('dojo lab start lab-05');
    expect(run('gate')).toBe('dojo checklist --ci --answers dojo-answers.yaml --format junit --output dojo-report.xml');
    expect(run('probe-image')).toBe('docker image inspect busybox:1.36 > /dev/null 2>&1 || docker pull busybox:1.36');
  });

  it('a missing script gets no step but a notice saying what to commit; so does a missing answers file', () => {
    const plan = planWorkflow(inputs({ answers: { file: 'dojo-answers.yaml', exists: false, unanswered: [] } }));
    expect(plan.steps.find((s) => s.id === 'gate')!.run).toBe('dojo checklist --ci --format junit --output dojo-report.xml');
    expect(plan.notices).toMatchInlineSnapshot(`
      [
        "lab-05: no lab-05/harden.sh in this workspace, so the workflow does not run it and lab-05 5a cannot pass in CI. Commit lab-05/harden.sh with the hardened run, then run \`dojo ci init --force\`.",
        "lab-01 namespaces-quiz asks questions nobody answers in CI: commit dojo-answers.yaml (lab → check → question id → your choice's text or number; README: The answers file), then run \`dojo ci init --force\`. Until then the gate stays incomplete (exit 4).",
      ]
    `);
    expect(plan.missing).toEqual(['lab-05/harden.sh (lab-05 5a): the hardened run', 'dojo-answers.yaml: your answers to lab-01 namespaces-quiz']);
  });

  it('an answers file with problems, or one that leaves questions out, is said now rather than in CI', () => {
    const plan = planWorkflow(inputs({ answers: { file: 'dojo-answers.yaml', exists: true, problem: 'line 3: lab-01 has no interactive check "quizz"', unanswered: ['lab-01.namespaces-quiz.pid-view'] } }));
    expect(plan.notices).toEqual([
      expect.stringContaining('lab-05/harden.sh'),
      'dojo-answers.yaml: line 3: lab-01 has no interactive check "quizz"; the gate stops on it (exit 2) until it is fixed.',
      'dojo-answers.yaml has no answer for lab-01.namespaces-quiz.pid-view: it stays ungraded in CI (exit 4).',
    ]);
  });

  it('no compose lab: the stack still starts after the builds when there are compose files; none, no stack steps', () => {
    const noComposeLab = inputs().labs.map((l) => ({ ...l, compose: false }));
    expect(ids({ labs: noComposeLab }).slice(5, 8)).toEqual(['build-api-service', 'stack-up', 'lab-03-script-1']);
    expect(ids({ compose: { files: [] } })).not.toContain('stack-up');
    expect(ids({ compose: { files: [] } })).not.toContain('stack-down');
  });

  it('no probe and no scan in the course: no image pulled, no scanner installed', () => {
    expect(ids({ probeImage: null, scanner: false }).slice(0, 4)).toEqual(['checkout', 'setup-node', 'install-dojo', 'build-api-service']);
  });

  it('a project named in dojo.yaml is passed to Compose; odd names are quoted for the shell', () => {
    const plan = planWorkflow(inputs({ compose: { files: ['compose dev.yml'], project: 'ff' }, probeImage: "my img's" }));
    expect(plan.steps.find((s) => s.id === 'stack-up')!.run).toBe("docker compose -f 'compose dev.yml' -p ff up --detach --wait");
    expect(plan.steps.find((s) => s.id === 'probe-image')!.run).toBe("docker image inspect 'my img'\\''s' > /dev/null 2>&1 || docker pull 'my img'\\''s'");
  });
});

describe('the workflow file', () => {
  it('is valid YAML whose steps are the plan, with a header saying what is provided for which lab', () => {
    const plan = planWorkflow(inputs({ answers: { file: 'dojo-answers.yaml', exists: false, unanswered: [] } }));
    const text = renderWorkflow(plan, '0.1.0');
    const wf = parse(text);
    expect(wf.on).toEqual({ push: null, pull_request: null, workflow_dispatch: null });
    expect(wf.jobs.checklist.steps.map((s: { id: string }) => s.id)).toEqual(plan.steps.map((s) => s.id));
    expect(wf.jobs.checklist.steps.find((s: { id: string }) => s.id === 'upload')).toEqual({ id: 'upload', name: 'Upload the report', if: 'always()', uses: 'actions/upload-artifact@v4', with: { name: 'dojo-report', path: 'dojo-report.xml' } });
    expect(text.split('\nname:')[0]).toMatchInlineSnapshot(`
      "# Written by \`dojo ci init\` (dojo 0.1.0): grades this repository with the module's exit gate.
      # Edit freely; \`dojo ci init --force\` writes it anew.

      # What the workflow provides, lab by lab, so that the gate finds what it judges:
      #   lab-01: namespaces-quiz stays ungraded (no dojo-answers.yaml)
      #   lab-03: runs lab-03/run.sh
      #   lab-04: starts the stack from docker-compose.yml
      #   lab-05: starts lab-05's break-fix scenarios; runs lab-05/fix.sh
      # Not in the repository when this file was written (commit it, then run \`dojo ci init --force\`):
      #   lab-05/harden.sh (lab-05 5a): the hardened run
      #   dojo-answers.yaml: your answers to lab-01 namespaces-quiz
      # The gate then judges every lab at once; its validation questions need a person and are not asked in CI.
      "
    `);
    expect(text).toContain('      # lab-03 3a, 3b: your docker run commands.\n      - id: lab-03-script-1\n');
  });
});

describe('the course declares what CI runs (front matter ci:), checked by dojo validate', () => {
  it('the built-in course: lab 03 keeps its docker run commands, lab 05 starts its scenarios, then harden and fix scripts', () => {
    const { course, issues } = loadCourseWithIssues(join(import.meta.dirname, '../..'), kindCatalog());
    expect(issues).toEqual([]);
    expect(Object.fromEntries(course!.labs.map((l) => [l.meta.id, [l.meta.ci.scenarios, ...l.meta.ci.scripts.map((s) => `${s.file} ${s.exercises.join(',')}`)]]))).toEqual({
      'lab-01': [false], 'lab-02': [false], 'lab-03': [false, 'lab-03/run.sh 3a,3b'], 'lab-04': [false], 'lab-05': [true, 'lab-05/harden.sh 5a', 'lab-05/fix.sh 5b'],
    });
  });

  it('a script path that leaves the workspace, an unknown exercise, a script the text never names', () => {
    const dir = copyCourse();
    const file = join(dir, 'labs', 'lab-03.md');
    writeFileSync(file, readFileSync(file, 'utf8')
      .replace('    - file: lab-03/run.sh\n', '    - file: lab-03/other.sh\n      exercises: [3z]\n      purpose: p\n    - file: ../run.sh\n'));
    const { course, issues } = loadCourseWithIssues(dir, kindCatalog());
    expect(issues.map((i) => `${i.code} ${i.location.line}: ${i.message}`)).toEqual([
      "E_CI_UNDOCUMENTED 17: ci script lab-03/other.sh is never named in the lab's text: a student would not know to commit it",
      'E_UNKNOWN_REF 18: ci script lab-03/other.sh names unknown exercise 3z; did you mean 3a?',
      'E_SCHEMA 20: ci.scripts.1.file: a path relative to the workspace, with / and without .. or spaces',
    ]);
    expect(course!.labs.map((l) => l.meta.id)).not.toContain('lab-03');
  });

  it('ci.scenarios needs the lab to have scenarios', () => {
    const dir = copyCourse();
    const file = join(dir, 'labs', 'lab-03.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('ci:\n', 'ci:\n  scenarios: true\n'));
    const { course } = loadCourseWithIssues(dir, kindCatalog());
    expect(scenarioIssues(course!).map((i) => i.message)).toEqual(['ci.scenarios: true, but the lab has no scenarios/lab-03.yaml for `dojo lab start` to create']);
  });
});
