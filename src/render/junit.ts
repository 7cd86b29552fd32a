import { hostname } from 'node:os';
import type { CheckOutcome, RunReport } from '../checks/runner.js';
import type { GradeRun } from '../grading/grade.js';
import { totals } from './report-json.js';
import { seconds, xmlEscape as esc } from './xml.js';

/** A testcase that is not a check (the gate's validation questions). */
export interface ExtraCase { classname: string; name: string; skipped?: string; failure?: { type: string; message: string; body: string } }

/**
 * One <testsuite> per lab, one <testcase> per check: `fail` → <failure>, `error` → <error> (dojo
 * could not look), `skip` → <skipped>, each with the rule as `type` and the evidence as its text.
 * Suites and classnames start with the run's subject, so a class's merged reports stay apart;
 * testcase times are each check's share of its lab's time, so they never add up to more than the suite's.
 */
export function renderJunit(run: GradeRun, extra?: { suite: string; cases: ExtraCase[] }): string {
  const host = esc(hostname());
  const suites = run.labs.map((r, i) => suite(run, r, i, host));
  if (extra) suites.push(extraSuite(run, extra, run.labs.length, host));
  const t = totals(run.labs);
  const extraFailures = extra?.cases.filter((c) => c.failure).length ?? 0;
  const extraSkips = extra?.cases.filter((c) => c.skipped !== undefined).length ?? 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${esc(`dojo ${run.subject}`)}" tests="${t.checks + (extra?.cases.length ?? 0)}" failures="${t.fail + extraFailures}" errors="${t.error}" skipped="${t.skip + extraSkips}" time="${seconds(run.durationMs)}" timestamp="${stamp(run.startedAt)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(run: GradeRun, r: RunReport, id: number, host: string): string {
  const t = totals([r]);
  const props = {
    'dojo.version': run.dojoVersion, 'dojo.course': run.course.id, 'dojo.course.hash': run.course.hash, 'dojo.subject': run.subject,
    'dojo.workspace': run.workspace, 'dojo.lab': r.lab, 'dojo.status': r.status, 'dojo.ungraded': r.ungraded.join(','),
  };
  return [
    `  <testsuite name="${esc(`${run.subject} ${r.lab}`)}" id="${id}" package="${esc(run.subject)}" hostname="${host}" timestamp="${stamp(r.startedAt)}" tests="${t.checks}" failures="${t.fail}" errors="${t.error}" skipped="${t.skip}" time="${seconds(r.durationMs)}">`,
    '    <properties>',
    ...Object.entries(props).map(([k, v]) => `      <property name="${k}" value="${esc(v)}"/>`),
    '    </properties>',
    ...r.checks.map((c) => testcase(run, r, c)),
    '  </testsuite>',
  ].join('\n');
}

function testcase(run: GradeRun, r: RunReport, c: CheckOutcome): string {
  const body = [c.title, c.summary, ...c.evidence.map((e) => `  ${e}`), ...(c.location ? [`at ${c.location.file}${c.location.line ? `:${c.location.line}` : ''}`] : []), ...(c.mistake ? [`Mistake: ${c.mistake}`] : []), ...(c.question ? [`Question: ${c.question}`] : [])].join('\n');
  const attrs = `message="${esc(c.summary)}" type="${esc(c.rule)}"`;
  const inner =
    c.status === 'fail' ? `<failure ${attrs}>${esc(body)}</failure>`
    : c.status === 'error' ? `<error ${attrs}>${esc(body)}</error>`
    : c.status === 'skip' ? `<skipped message="${esc(c.summary)}"/>`
    : '';
  const where = c.location ? ` file="${esc(c.location.file)}"${c.location.line ? ` line="${c.location.line}"` : ''}` : '';
  return `    <testcase classname="${esc(`${run.subject}.${r.lab}.${c.exercise}`)}" name="${esc(c.id)}"${where} time="${seconds(c.durationMs)}">${inner}</testcase>`;
}

function extraSuite(run: GradeRun, extra: { suite: string; cases: ExtraCase[] }, id: number, host: string): string {
  const failures = extra.cases.filter((c) => c.failure).length;
  const skipped = extra.cases.filter((c) => c.skipped !== undefined).length;
  const cases = extra.cases.map((c) => {
    const inner = c.failure ? `<failure message="${esc(c.failure.message)}" type="${esc(c.failure.type)}">${esc(c.failure.body)}</failure>`
      : c.skipped !== undefined ? `<skipped message="${esc(c.skipped)}"/>` : '';
    return `    <testcase classname="${esc(`${run.subject}.${c.classname}`)}" name="${esc(c.name)}" time="0.000">${inner}</testcase>`;
  });
  return [
    `  <testsuite name="${esc(`${run.subject} ${extra.suite}`)}" id="${id}" package="${esc(run.subject)}" hostname="${host}" timestamp="${stamp(run.startedAt)}" tests="${extra.cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0.000">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

/** JUnit's timestamp: ISO 8601 without a zone (the schema's xs:dateTime pattern most readers accept). */
const stamp = (iso: string) => iso.slice(0, 19);
