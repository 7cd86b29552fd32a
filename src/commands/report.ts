import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { GlobalOptions } from '../context.js';
import { usageError } from '../errors.js';
import { REPORT_SCHEMA_VERSION } from '../render/report-json.js';

type Status = 'pass' | 'fail' | 'error' | 'skip';

/** One check across a class: how many students' reports had it pass, fail, error or skip, and why it failed. */
export interface ClassCheckRow {
  lab: string;
  check: string;
  title: string;
  pass: number;
  fail: number;
  error: number;
  skip: number;
  /** The mistakes behind the failures, most common first. */
  mistakes: { id: string; count: number }[];
}

export interface ClassLab {
  lab: string;
  title: string;
  students: number;
  passed: number;
  failed: number;
  incomplete: number;
  checks: ClassCheckRow[];
}

export interface ClassReportResult {
  type: 'class-report';
  reports: { file: string; subject: string; timestamp: string; status: string }[];
  labs: ClassLab[];
  /** Files that are not dojo reports (or an older report of the same subject), each with the reason. */
  skipped: { file: string; reason: string }[];
  notices: string[];
}

interface Report {
  subject: string;
  timestamp: string;
  status: string;
  labs: { lab: string; title: string; status: string; checks: { id: string; title: string; status: Status; mistake: string | null }[] }[];
}

/** `dojo report <json files or folders>`: a class table from many students' JSON reports. */
export async function classReport(g: GlobalOptions, paths: string[]): Promise<ClassReportResult> {
  if (!paths.length) throw usageError('which reports? `dojo report <json files or folders>`');
  const files = paths.flatMap((p) => {
    const abs = resolve(p);
    if (!existsSync(abs)) throw usageError(`${p} does not exist`, 'Give JSON reports written by `dojo check --format json` or `dojo checklist --format json`, or folders holding them.');
    return statSync(abs).isDirectory() ? jsonFiles(abs) : [abs];
  });
  const base = process.cwd();
  const show = (f: string) => relative(base, f) || f;
  const skipped: ClassReportResult['skipped'] = [];
  const bySubject = new Map<string, { file: string; report: Report }>();
  for (const file of files) {
    const parsed = readReport(file);
    if ('reason' in parsed) { skipped.push({ file: show(file), reason: parsed.reason }); continue; }
    const prev = bySubject.get(parsed.subject);
    // One row per student: a later report of the same subject replaces an earlier one.
    if (prev && prev.report.timestamp >= parsed.timestamp) { skipped.push({ file: show(file), reason: `an older report of ${parsed.subject} than ${show(prev.file)}` }); continue; }
    if (prev) skipped.push({ file: show(prev.file), reason: `an older report of ${parsed.subject} than ${show(file)}` });
    bySubject.set(parsed.subject, { file, report: parsed });
  }
  const reports = [...bySubject.values()].sort((a, b) => a.report.subject.localeCompare(b.report.subject));
  return {
    type: 'class-report',
    reports: reports.map(({ file, report }) => ({ file: show(file), subject: report.subject, timestamp: report.timestamp, status: report.status })),
    labs: tabulate(reports.map((r) => r.report)),
    skipped,
    // Text lists them itself; with a table on stdout they are still named, on stderr.
    notices: g.format === 'text' ? [] : skipped.map((s) => `skipped ${s.file}: ${s.reason}`),
  };
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []);
}

/** A dojo JSON report of the supported version, or why the file is not one. */
function readReport(file: string): Report | { reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { reason: `not valid JSON (${(err as Error).message.split('\n')[0]})` };
  }
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || Array.isArray(d) || d.report !== 'dojo') return { reason: 'not a dojo report (no "report": "dojo")' };
  if (d.schemaVersion !== REPORT_SCHEMA_VERSION) return { reason: `report schema version ${String(d.schemaVersion)}; this dojo reads version ${REPORT_SCHEMA_VERSION}` };
  if (d.error && typeof d.error === 'object') return { reason: `an error report: ${(d.error as { code?: string; message?: string }).code}: ${(d.error as { message?: string }).message}` };
  const labs = d.labs;
  const okLabs = Array.isArray(labs) && labs.every((l) => l && typeof l.lab === 'string' && Array.isArray(l.checks) && l.checks.every((c: { id?: unknown; status?: unknown }) => typeof c?.id === 'string' && ['pass', 'fail', 'error', 'skip'].includes(String(c?.status))));
  if (!okLabs || typeof d.subject !== 'string') return { reason: 'a dojo report without the labs, checks or subject it must carry' };
  return { subject: d.subject, timestamp: String(d.timestamp ?? ''), status: String(d.status ?? ''), labs: labs as Report['labs'] };
}

function tabulate(reports: Report[]): ClassLab[] {
  const labs = new Map<string, ClassLab>();
  for (const r of reports) {
    for (const l of r.labs) {
      const lab = labs.get(l.lab) ?? { lab: l.lab, title: l.title ?? '', students: 0, passed: 0, failed: 0, incomplete: 0, checks: [] };
      labs.set(l.lab, lab);
      lab.students += 1;
      if (l.status === 'passed') lab.passed += 1;
      else if (l.status === 'failed') lab.failed += 1;
      else lab.incomplete += 1;
      for (const c of l.checks) {
        let row = lab.checks.find((x) => x.check === c.id);
        if (!row) lab.checks.push((row = { lab: l.lab, check: c.id, title: c.title ?? '', pass: 0, fail: 0, error: 0, skip: 0, mistakes: [] }));
        row[c.status] += 1;
        if (c.status === 'fail' && c.mistake) {
          const m = row.mistakes.find((x) => x.id === c.mistake);
          if (m) m.count += 1;
          else row.mistakes.push({ id: c.mistake, count: 1 });
        }
      }
    }
  }
  for (const lab of labs.values()) for (const row of lab.checks) row.mistakes.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  return [...labs.values()].sort((a, b) => a.lab.localeCompare(b.lab));
}
