import { basename, dirname } from 'node:path';
import type { CheckResult } from '../commands/check.js';
import type { DiagnoseResult } from '../commands/diagnose.js';
import type { LabResult } from '../commands/lab.js';
import type { ChecklistResult } from '../commands/checklist.js';
import type { CiInitResult } from '../commands/ci-init.js';
import type { DoctorResult } from '../commands/doctor.js';
import type { HintResult } from '../commands/hint.js';
import type { ListResult } from '../commands/list.js';
import type { ClassReportResult } from '../commands/report.js';
import type { ResetResult } from '../commands/reset.js';
import type { ShowResult } from '../commands/show.js';
import type { StatusResult } from '../commands/status.js';
import type { ValidateResult } from '../commands/validate.js';
import type { WatchResult } from '../commands/watch.js';
import type { Format, GlobalOptions } from '../context.js';
import { usageError } from '../errors.js';
import { checklistExtraCases, checklistJson, checklistText, checklistVerdict } from './checklist.js';
import { classReportCsv, classReportMarkdown, classReportText } from './class-report.js';
import { annotations, stepSummary } from './github.js';
import { renderJunit } from './junit.js';
import { runJson } from './report-json.js';
import { renderSarif } from './sarif.js';
import { style } from './style.js';
import { checkText } from './text-check.js';
import { dojoCommand } from '../rerun.js';
import { ciInitText, doctorText, hintText, listText, resetText, showText, statusText } from './text.js';
import { validateJson, validateText } from './validate-text.js';
import { authoringJson, authoringText, isAuthoring, type AuthoringResult } from './authoring.js';
import { watchSummaryText } from './watch-summary.js';
import { diagnoseText } from './text-diagnose.js';
import { labText } from './text-lab.js';

export type Result = CheckResult | ChecklistResult | CiInitResult | ClassReportResult | DoctorResult | HintResult | ListResult | ResetResult | ShowResult | StatusResult | ValidateResult | AuthoringResult | WatchResult | DiagnoseResult | LabResult;

export interface Rendered {
  stdout: string;
  stderr: string;
  /** `--output <file>`: the report in --format; the terminal then gets text. */
  file?: { path: string; text: string };
  /** Markdown for $GITHUB_STEP_SUMMARY (only under GitHub Actions). */
  stepSummary?: string;
}

/** Turns a command's data into what is printed; notices go to stderr so stdout stays parseable. */
export function render(result: Result, g: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Rendered {
  const where = g.workspaceFoundAbove ? [`workspace ${dirname(g.workspaceFoundAbove)} (found ${basename(g.workspaceFoundAbove)} there; -w chooses another)`] : [];
  let stderr = [...where, ...result.notices].map((n) => `dojo: ${n}\n`).join('');
  if (isAuthoring(result)) {
    if (g.format !== 'text' && g.format !== 'json') throw usageError(`--format ${g.format} is not available for \`dojo ${result.type}\``);
    return { stdout: g.format === 'json' ? JSON.stringify(authoringJson(result), null, 2) + '\n' : authoringText(result, style(g.color)), stderr };
  }
  const machine = g.format === 'text' ? null : inFormat(result, g.format);
  const out: Rendered = g.output
    ? { stdout: text(result, g, g.color), stderr, file: { path: g.output, text: machine ?? text(result, g, false) } }
    : { stdout: machine ?? text(result, g, g.color), stderr };
  if (env.GITHUB_ACTIONS === 'true' && (result.type === 'check' || result.type === 'checklist')) {
    // Workflow commands are read from stderr too, which keeps a JSON or JUnit stdout parseable.
    stderr += annotations(result.run);
    out.stderr = stderr;
    out.stepSummary = result.type === 'checklist'
      ? stepSummary(result.run, 'dojo checklist', checklistVerdict(result))
      : stepSummary(result.run, `dojo check ${result.run.labs.map((l) => l.lab).join(' ')}`);
  }
  return out;
}

function inFormat(r: Result, format: Exclude<Format, 'text'>): string {
  const refuse = () => usageError(`--format ${format} is not available for \`dojo ${r.type === 'class-report' ? 'report' : r.type}\``);
  switch (format) {
    case 'json': return JSON.stringify(toJson(r), null, 2) + '\n';
    case 'junit':
      if (r.type === 'check') return renderJunit(r.run);
      if (r.type === 'checklist') return renderJunit(r.run, { suite: 'validation', cases: checklistExtraCases(r) });
      throw refuse();
    case 'sarif':
      if (r.type === 'check') return renderSarif(r.run);
      if (r.type === 'checklist') return renderSarif(r.run, checklistVerdict(r));
      throw refuse();
    case 'markdown':
      if (r.type === 'class-report') return classReportMarkdown(r);
      throw refuse();
    case 'csv':
      if (r.type === 'class-report') return classReportCsv(r);
      throw refuse();
  }
}

function text(result: Result, g: GlobalOptions, color: boolean): string {
  const c = style(color);
  switch (result.type) {
    case 'check': return checkText(result, c, (lab) => dojoCommand(g, ['hint', lab]));
    case 'checklist': return checklistText(result, c);
    case 'ci-init': return ciInitText(result);
    case 'class-report': return classReportText(result);
    case 'doctor': return doctorText(result, c);
    case 'diagnose': return diagnoseText(result, c);
    case 'lab': return labText(result, c, (args) => dojoCommand(g, args));
    case 'hint': return hintText(result, c, dojoCommand(g, ['check', result.lab]));
    case 'list': return listText(result, c);
    case 'reset': return resetText(result);
    case 'show': return showText(result, c);
    case 'status': return statusText(result, c);
    case 'validate': return validateText(result, c);
    case 'watch': return watchSummaryText(result);
    default: return isAuthoring(result) ? authoringText(result, c) : '';
  }
}

/** The JSON contracts documented in README. */
function toJson(r: Result): unknown {
  switch (r.type) {
    case 'check': return runJson('check', r.run);
    case 'checklist': return checklistJson(r);
    case 'hint': {
      const { type: _t, notices: _n, ...rest } = r;
      return rest;
    }
    case 'show':
      return r.lab;
    case 'validate':
      return validateJson(r);
    default: {
      const { type: _t, notices: _n, exitCode: _e, ...rest } = r as Result & { exitCode?: number };
      return rest;
    }
  }
}
