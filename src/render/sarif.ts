import { pathToFileURL } from 'node:url';
import type { CheckOutcome, RunReport } from '../checks/runner.js';
import type { GradeRun } from '../grading/grade.js';
import { runStatus } from './report-json.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL = { fail: 'error', error: 'warning' } as const;

/**
 * SARIF 2.1.0 (schemas/sarif-schema-2.1.0.json): one run, a rule per check kind that ran, a result
 * per failed check (`error`) and per check dojo could not evaluate (`warning`). Findings in the
 * Dockerfile or compose file carry their file and line relative to the workspace (%SRCROOT%);
 * GitHub code scanning drops results without a location, the other formats still carry them.
 */
/** `verdict`: the gate's own (a box it could not judge keeps a passed run incomplete); by default the labs'. */
export function renderSarif(run: GradeRun, verdict = { status: runStatus(run.labs), exitCode: run.exitCode }): string {
  const ruleIds = [...new Set(run.labs.flatMap((l) => l.checks.map((c) => c.rule)))].sort();
  const rules = ruleIds.map((id) => {
    const checks = run.labs.flatMap((l) => l.checks.filter((c) => c.rule === id).map((c) => ({ lab: l.lab, c })));
    return {
      id,
      name: id.replace(/(^|-)([a-z0-9])/g, (_, _d: string, ch: string) => ch.toUpperCase()),
      shortDescription: { text: checks[0]!.c.title },
      fullDescription: { text: run.rules[id] ?? checks[0]!.c.title },
      defaultConfiguration: { level: 'error' },
      properties: { checks: checks.map(({ lab, c }) => `${lab}/${c.id}`), tags: ['docker', 'dojo'] },
    };
  });
  const results = run.labs.flatMap((l) => l.checks.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => result(l, c, ruleIds.indexOf(c.rule))));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'dojo', version: run.dojoVersion, semanticVersion: run.dojoVersion, rules } },
      automationDetails: { id: `dojo/${run.course.id}/${run.subject}/` },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(run.workspace.replace(/[\\/]?$/, '/')).href } },
      invocations: [{ executionSuccessful: true, exitCode: verdict.exitCode, startTimeUtc: run.startedAt, endTimeUtc: new Date(Date.parse(run.startedAt) + run.durationMs).toISOString() }],
      results,
      properties: {
        subject: run.subject, course: run.course, status: verdict.status,
        labs: run.labs.map((l) => ({ lab: l.lab, status: l.status, ungraded: l.ungraded })),
      },
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function result(l: RunReport, c: CheckOutcome, ruleIndex: number) {
  const text = [c.summary, ...c.evidence, ...(c.question ? [`Question: ${c.question}`] : [])].join('\n');
  const where = findingPlace(c);
  return {
    ruleId: c.rule,
    ruleIndex,
    level: LEVEL[c.status as 'fail' | 'error'],
    message: { text },
    ...(where
      ? {
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: where.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
              ...(where.line ? { region: { startLine: where.line, ...(where.column ? { startColumn: where.column } : {}) } } : {}),
            },
          }],
        }
      : {}),
    partialFingerprints: { 'dojoCheck/v1': `${l.lab}/${c.id}` },
    // `stems-from`: the finding is about what runs on the engine; the location is the file it comes from.
    properties: { lab: l.lab, exercise: c.exercise, check: c.id, title: c.title, status: c.status, mistake: c.mistake, service: c.service, located: c.location ? 'finding' : where ? 'stems-from' : 'none' },
  };
}

/** The finding's own place, else the file it stems from (anchor.ts): code scanning drops a result without one. */
export const findingPlace = (c: Pick<CheckOutcome, 'location' | 'anchor'>) => c.location ?? c.anchor ?? null;
