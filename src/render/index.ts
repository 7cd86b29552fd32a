import { basename, dirname } from 'node:path';
import type { CheckResult } from '../commands/check.js';
import type { DoctorResult } from '../commands/doctor.js';
import type { HintResult } from '../commands/hint.js';
import type { ListResult } from '../commands/list.js';
import type { ResetResult } from '../commands/reset.js';
import type { ShowResult } from '../commands/show.js';
import type { StatusResult } from '../commands/status.js';
import type { ValidateResult } from '../commands/validate.js';
import type { GlobalOptions } from '../context.js';
import { usageError } from '../errors.js';
import { renderJunit } from './junit.js';
import { style } from './style.js';
import { checkText } from './text-check.js';
import { doctorText, hintText, listText, resetText, showText, statusText, validateText } from './text.js';

export type Result = CheckResult | DoctorResult | HintResult | ListResult | ResetResult | ShowResult | StatusResult | ValidateResult;

/** Turns a command's data into what is printed; notices go to stderr so stdout stays parseable. */
export function render(result: Result, g: GlobalOptions): { stdout: string; stderr: string } {
  const where = g.workspaceFoundAbove ? [`workspace ${dirname(g.workspaceFoundAbove)} (found ${basename(g.workspaceFoundAbove)} there; -w chooses another)`] : [];
  const stderr = [...where, ...result.notices].map((n) => `dojo: ${n}\n`).join('');
  if (g.format === 'junit') {
    if (result.type !== 'check') throw usageError(`--format junit is for \`dojo check\`, not \`dojo ${result.type}\``);
    return { stdout: renderJunit(result.report), stderr };
  }
  if (g.format === 'json') return { stdout: JSON.stringify(toJson(result), null, 2) + '\n', stderr };
  const c = style(g.color);
  switch (result.type) {
    case 'check': return { stdout: checkText(result, c), stderr };
    case 'doctor': return { stdout: doctorText(result, c), stderr };
    case 'hint': return { stdout: hintText(result, c), stderr };
    case 'list': return { stdout: listText(result, c), stderr };
    case 'reset': return { stdout: resetText(result), stderr };
    case 'show': return { stdout: showText(result, c), stderr };
    case 'status': return { stdout: statusText(result, c), stderr };
    case 'validate': return { stdout: validateText(result, c), stderr };
  }
}

/** The JSON contracts documented in README. */
function toJson(r: Result): unknown {
  switch (r.type) {
    case 'check': {
      const { report } = r;
      return {
        lab: report.lab,
        passed: report.passed,
        exercises: report.exercises,
        checks: report.checks.map((c) => ({
          id: c.id, exercise: c.exercise, rule: c.rule, kind: c.kind, title: c.title, service: c.service, status: c.status,
          severity: c.severity, summary: c.summary, location: c.location, evidence: c.evidence, question: c.question,
          mistake: c.mistake, durationMs: c.durationMs,
        })),
        engine: report.engine,
        attempts: r.attempts,
      };
    }
    case 'hint': {
      const { type: _t, notices: _n, ...rest } = r;
      return rest;
    }
    case 'show':
      return r.lab;
    case 'validate':
      return { dir: r.dir, labs: r.labs, checks: r.checks, ok: r.issues.length === 0, issues: r.issues.map((i) => ({ ...i.location, message: i.message })) };
    default: {
      const { type: _t, notices: _n, exitCode: _e, ...rest } = r as Result & { exitCode?: number };
      return rest;
    }
  }
}
