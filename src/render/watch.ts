import type { ChalkInstance } from 'chalk';
import type { CheckStatus } from '../checks/types.js';
import type { WatchView } from '../watch/view.js';
import { hintText } from './text.js';

const MARK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', error: '!', skip: '-' };
const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

export const WATCH_KEYS = '[h] hint  [r] re-run all, slow probes too  [q] quit';

/** One screen of `dojo watch`: every check's current verdict, what the last run changed, the keys. */
export function watchFrame(v: WatchView, c: ChalkInstance, width = 100): string[] {
  const cut = (s: string, pad = 0) => (s.length + pad > width ? `${s.slice(0, Math.max(0, width - pad - 1))}…` : s);
  const paint = { pass: c.green, fail: c.red, error: c.yellow, skip: c.dim } as const;
  const link = v.engine.link === 'connected' ? c.green('connected') : c.yellow(v.engine.link + (v.engine.detail ? ` (${v.engine.detail})` : ''));
  const lines = [
    c.bold(cut(`dojo watch · ${v.lab} · ${v.title}`)),
    c.dim(cut(`workspace ${v.workspace} · watching ${v.watching.length} folder${v.watching.length === 1 ? '' : 's'} · `)) + c.dim('engine events: ') + link,
  ];
  const idWidth = Math.max(...v.rows.map((r) => r.id.length));
  let exercise = '';
  for (const r of v.rows) {
    if (r.exercise !== exercise) {
      exercise = r.exercise;
      lines.push(c.dim(`  exercise ${exercise}`));
    }
    const tag = r.probe ? 'probe ' : '      ';
    const head = `  %  ${r.id.padEnd(idWidth)}  ${tag}`;
    const o = r.outcome;
    if (r.running) lines.push(head.replace('%', c.cyan('…')) + c.cyan(o ? 'checking again…' : 'checking…'));
    else if (!o) lines.push(head.replace('%', c.dim('·')) + c.dim(r.probe ? 'not run yet: press r' : 'waiting for the first run'));
    else {
      const age = r.probe && r.at ? c.dim(` (probe ran ${clock(r.at)})`) : '';
      const summary = cut(o.summary, head.length + (age ? 22 : 0));
      lines.push(head.replace('%', paint[o.status](MARK[o.status])) + (o.status === 'pass' ? summary : paint[o.status](summary)) + age);
      if (o.status === 'fail' || o.status === 'error') {
        for (const e of o.evidence.slice(0, 3)) lines.push(c.dim(cut(`        ${e}`)));
        if (o.evidence.length > 3) lines.push(c.dim(`        … ${o.evidence.length - 3} more (dojo check ${v.lab} shows all)`));
        if (o.question) lines.push(`        ${c.cyan('?')} ${cut(o.question, 10)}`);
      }
    }
  }
  const done = v.rows.filter((r) => r.outcome);
  const n = (s: CheckStatus) => done.filter((r) => r.outcome!.status === s).length;
  lines.push('', `${n('pass')} of ${v.rows.length} checks pass` + (n('fail') ? `, ${c.red(`${n('fail')} fail`)}` : '') + (n('error') ? `, ${c.yellow(`${n('error')} could not be evaluated`)}` : ''));
  if (v.run) {
    const state = v.run.finishedAt === null ? c.cyan('running') : v.run.cancelled ? c.yellow('superseded') : `${v.run.finishedAt - v.run.startedAt} ms`;
    lines.push(cut(`Last run ${clock(v.run.startedAt)}: ${v.run.trigger}`, 20) + ` · ${state}`);
  }
  if (v.run?.finishedAt !== null && v.run) {
    const changed = v.changes.map((ch) => `${ch.id} ${ch.from ? MARK[ch.from] : '·'} → ${paint[ch.to](MARK[ch.to])}`);
    lines.push(changed.length ? `Changed: ${changed.join(', ')}` : c.dim('Changed: no verdict'));
  }
  for (const a of v.attempts) lines.push(c.dim(cut(a)));
  for (const note of v.notices) lines.push(c.yellow(cut(note)));
  if (v.hint) lines.push('', c.bold('── hint ──'), ...('result' in v.hint ? hintText(v.hint.result, c) : v.hint.message).trimEnd().split('\n'));
  lines.push('', c.inverse(` ${WATCH_KEYS} `));
  return lines;
}
