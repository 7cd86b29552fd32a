import type { ChalkInstance } from 'chalk';
import type { CheckStatus } from '../checks/types.js';
import type { WatchView } from '../watch/view.js';
import { hintText } from './text.js';

const MARK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', error: '!', skip: '-' };
const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

export const WATCH_KEYS = '[h] hint  [r] re-run all, slow probes too  [q] quit';

/** One screen of `dojo watch`: every check's current verdict, what the last run changed, the keys. */
export function watchFrame(v: WatchView, c: ChalkInstance, width = 100): string[] {
  const paint = { pass: c.green, fail: c.red, error: c.yellow, skip: c.dim } as const;
  const link = v.engine.link === 'connected' ? c.green('connected') : c.yellow(v.engine.link + (v.engine.detail ? ` (${v.engine.detail})` : ''));
  const lines = [
    c.bold(`dojo watch · ${v.lab} · ${v.title}`),
    c.dim(`workspace ${v.workspace} · watching ${v.watching.length} folder${v.watching.length === 1 ? '' : 's'} · engine events: `) + link,
  ];
  const idWidth = Math.max(...v.rows.map((r) => r.id.length));
  // Two checks can point at one mistake: its question is asked once.
  const asked = new Set<string>();
  let exercise = '';
  for (const r of v.rows) {
    if (r.exercise !== exercise) {
      exercise = r.exercise;
      lines.push(c.dim(`  exercise ${exercise}`));
    }
    const head = (mark: string) => `  ${mark}  ${r.id.padEnd(idWidth)}  ${r.probe ? 'probe ' : '      '}`;
    const o = r.outcome;
    if (r.running) lines.push(head(c.cyan('…')) + c.cyan(o ? 'checking again…' : 'checking…'));
    else if (!o) lines.push(head(c.dim('·')) + c.dim(r.probe ? 'not run yet: press r' : 'waiting for the first run'));
    else {
      // The probe's age goes first: a cut summary must not hide when the probe last ran.
      const age = r.probe && r.at ? c.dim(`(ran ${clock(r.at)}) `) : '';
      lines.push(head(paint[o.status](MARK[o.status])) + age + (o.status === 'pass' ? o.summary : paint[o.status](o.summary)));
      if (o.status === 'fail' || o.status === 'error') {
        for (const e of o.evidence.slice(0, 3)) lines.push(c.dim(`        ${e}`));
        if (o.evidence.length > 3) lines.push(c.dim(`        … ${o.evidence.length - 3} more (dojo check ${v.lab} shows all)`));
        if (o.question && !asked.has(o.question)) lines.push(`        ${c.cyan('?')} ${o.question}`);
        if (o.question) asked.add(o.question);
      }
    }
  }
  const done = v.rows.filter((r) => r.outcome);
  const n = (s: CheckStatus) => done.filter((r) => r.outcome!.status === s).length;
  lines.push('', `${n('pass')} of ${v.rows.length} checks pass` + (n('fail') ? `, ${c.red(`${n('fail')} fail`)}` : '') + (n('error') ? `, ${c.yellow(`${n('error')} could not be evaluated`)}` : ''));
  if (v.run) {
    const state = v.run.finishedAt === null ? c.cyan('running') : v.run.cancelled ? c.yellow('superseded') : `${v.run.finishedAt - v.run.startedAt} ms`;
    lines.push(`Last run ${clock(v.run.startedAt)} · ${state} · ${v.run.trigger}`);
    if (v.run.finishedAt !== null) {
      const changed = v.changes.map((ch) => `${ch.id} ${ch.from ? MARK[ch.from] : '·'} → ${paint[ch.to](MARK[ch.to])}`);
      lines.push(changed.length ? `Changed: ${changed.join(', ')}` : c.dim('Changed: no verdict (same results as before)'));
    }
  }
  for (const a of v.attempts) lines.push(c.dim(a));
  for (const note of v.notices) lines.push(c.yellow(note));
  const fitted = lines.map((l) => fit(l, width));
  // The hint is prose to read whole: it wraps instead of being cut.
  const hint = v.hint ? ['', c.bold('── hint ──'), ...('result' in v.hint ? hintText(v.hint.result, c) : v.hint.message).trimEnd().split('\n')] : [];
  return [...fitted, ...hint, '', fit(c.inverse(` ${WATCH_KEYS} `), width)];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/y;

/** Cuts a line to `width` visible characters (colour codes kept, not counted): a redraw must never scroll. */
export function fit(line: string, width: number): string {
  let visible = 0;
  let out = '';
  for (let i = 0; i < line.length;) {
    ANSI.lastIndex = i;
    const code = ANSI.exec(line);
    if (code) {
      out += code[0];
      i += code[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    if (visible === width - 1 && [...line.slice(i + ch.length).replace(/\x1b\[[0-9;]*m/g, '')].length > 0) return out.includes('\x1b[') ? `${out}…\x1b[0m` : `${out}…`;
    out += ch;
    visible += 1;
    i += ch.length;
  }
  return out;
}
