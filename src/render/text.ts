import type { ChalkInstance } from 'chalk';
import type { CiInitResult } from '../commands/ci-init.js';
import type { DoctorResult } from '../commands/doctor.js';
import type { HintResult } from '../commands/hint.js';
import type { ListResult } from '../commands/list.js';
import type { ResetResult } from '../commands/reset.js';
import type { ShowResult } from '../commands/show.js';
import type { StatusResult } from '../commands/status.js';
import { formatLocation } from '../errors.js';
import { renderMarkdown } from './markdown.js';
import { bar, indent } from './style.js';

const STATUS_MARK = { passed: '✓', failing: '✗', 'in-progress': '…', 'not-started': '·' } as const;

export function listText(r: ListResult, c: ChalkInstance): string {
  return r.labs
    .map((lab) => {
      const head = `${c.bold(lab.id)}  ${lab.title.padEnd(48)} ${bar(lab.passed, lab.total)} ${lab.passed}/${lab.total}`;
      const rows = lab.exercises.map((e) => {
        const paint = e.status === 'passed' ? c.green : e.status === 'failing' ? c.red : e.status === 'in-progress' ? c.yellow : c.dim;
        return `  ${paint(STATUS_MARK[e.status])} ${e.id.padEnd(4)} ${e.title.padEnd(48)} ${paint(e.status)}`;
      });
      return [head, ...rows].join('\n');
    })
    .join('\n\n') + '\n';
}

export function showText(r: ShowResult, c: ChalkInstance): string {
  const ex = r.lab.exercises.map((e) => `  ${c.bold(e.id)}  ${e.title}`).join('\n');
  return `${c.bold.underline(`${r.lab.id}: ${r.lab.title}`)}\n\nExercises:\n${ex}\n\n${renderMarkdown(r.body, c)}`;
}

export function hintText(r: HintResult, c: ChalkInstance, checkCommand = `dojo check ${r.lab}`): string {
  const out: string[] = [c.bold(`${r.lab} · exercise ${r.exercise}`)];
  if (r.passed) return [...out, `${c.green('✓')} ${r.text}`].join('\n\n') + '\n';
  if (r.mistakes.length) {
    out.push([c.yellow('Your last check run found this:'), ...r.mistakes.map((m) => `  ${c.cyan('?')} ${m.question}`)].join('\n'));
  }
  if (r.previous) out.push(`${c.dim(`You have seen level ${r.previous.level}:`)}\n${indent(rungText(r.previous.text, r.previous.links))}`);
  if (r.locked) out.push(c.yellow(`🔒 ${r.text}`));
  else {
    const label = r.level === 'answer' ? 'The answer' : `Hint level ${r.level} of 3`;
    out.push(`${c.bold(label)}\n${indent(rungText(r.text, r.links))}`);
    if (r.level !== 'answer') out.push(c.dim(`Next: try it, run \`${checkCommand}\`; each failed attempt can open the next level.`));
  }
  return out.join('\n\n') + '\n';
}

const rungText = (text: string, links: { title: string; url: string; lookFor?: string }[]): string =>
  [text, ...links.map((l) => `• ${l.title}: ${l.url}${l.lookFor ? `\n  look for: ${l.lookFor}` : ''}`)].join('\n');

export function statusText(r: StatusResult, c: ChalkInstance): string {
  const lines = [c.dim(`progress file: ${r.stateFile}`)];
  for (const lab of r.labs) {
    lines.push(c.bold(`${lab.id}  ${lab.title}`));
    for (const e of lab.exercises) {
      const levels = e.levelsSeen.length ? e.levelsSeen.join(',') : '-';
      const runs = `${e.runs} run${e.runs === 1 ? '' : 's'}, ${e.failedAttempts} failed attempt${e.failedAttempts === 1 ? '' : 's'} counted`;
      lines.push(`  ${e.id.padEnd(4)} ${e.status.padEnd(12)} ${runs.padEnd(36)} hints seen: ${levels}${e.answerRevealed ? c.yellow('  answer revealed') : ''}`);
    }
  }
  if (r.answersRevealed.length) lines.push('', c.yellow(`Answers revealed: ${r.answersRevealed.map((a) => `${a.lab} ${a.exercise}`).join(', ')}`));
  return lines.join('\n') + '\n';
}

export const resetText = (r: ResetResult): string =>
  `Progress forgotten for: ${r.reset.join(', ') || '(nothing)'}\n${r.removed.length ? `Scenario objects removed from the engine: ${r.removed.join(', ')}\n` : ''}`;

export function doctorText(r: DoctorResult, c: ChalkInstance): string {
  const ok = (b: boolean) => (b ? c.green('✓') : c.red('✗'));
  const e = r.engine;
  return [
    `${ok(e.reachable)} engine   ${r.endpoint.url} (${r.endpoint.source}${r.endpoint.tls ? `, TLS ${r.endpoint.tls.verify ? 'verified' : 'not verified'} with ${r.endpoint.tls.certDir}` : ''})`,
    e.reachable ? `           ${e.kind ?? 'Engine'} ${e.version}, API ${e.apiVersion}, ${e.os}/${e.arch}` : `           ${e.error}`,
    ...(e.limits ?? []).map((l) => `           ${l}`),
    ...(e.builder ? [`${ok(true)} builder  ${e.builder.kind === 'buildkit' ? e.builder.name : `classic builder (${e.builder.why}): cache-reuse skips Dockerfiles that need BuildKit`}`] : []),
    `${ok(Boolean(r.compose.v2 || r.compose.v1))} compose  ${r.compose.v2 ? `docker compose ${r.compose.v2}` : 'docker compose (v2): not found'}; ${r.compose.v1 ?? 'docker-compose (v1): not found'}`,
    ...(r.leftovers ? [
      `${c.yellow('!')} ${r.leftovers} dojo throwaway container(s) left from an interrupted run (label io.dojo.temp=1)`,
      `           remove them with: ${r.removeLeftovers}`,
    ] : []),
  ].join('\n') + '\n';
}

export function ciInitText(r: CiInitResult): string {
  const builds = r.builds.map((b) => `builds ${b.image} (${b.service})`).join(', ');
  const before = r.prepares.map((p) => `  ${p.lab}: ${p.what.join('; ')}\n`).join('');
  return `${r.overwritten ? 'Replaced' : 'Wrote'} ${r.file}: on every push it ${builds ? `${builds}, ` : ''}`
    + `then ${before ? 'for each lab:\n' : ''}${before}${before ? 'and ' : ''}runs \`${r.gate}\` and uploads the report.\n`;
}
