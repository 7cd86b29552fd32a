import type { ChalkInstance } from 'chalk';
import type { LabResult } from '../commands/lab.js';

/** `cmd`: a dojo command line with the run's --course and -w. */
export function labText(r: LabResult, c: ChalkInstance, cmd: (args: string[]) => string = (a) => `dojo ${a.join(' ')}`): string {
  if (r.action === 'stop') {
    const lines = r.removed.length ? [`Removed ${r.lab}'s scenario objects:`, ...r.removed.map((o) => `  ${o.type.padEnd(9)} ${o.name}`)] : [];
    for (const f of r.failed) lines.push(`${c.red('✗')} could not remove ${f.type} ${f.name}: ${f.error}`);
    return lines.length ? lines.join('\n') + '\n' : '';
  }
  const lines = [c.bold(`${r.lab} · exercise ${r.exercise}: the break-fix scenarios are running on your engine`)];
  if (r.toolImage) lines.push(c.dim(`(built on ${r.toolImage.ref}: ${r.toolImage.why})`));
  for (const s of r.scenarios) {
    lines.push('', `${c.bold(s.id)}: ${s.symptom}`);
    for (const k of s.containers) {
      lines.push(`  ${k.support ? c.dim('·') : c.yellow('!')} ${k.name}${k.support ? c.dim('  (part of the setting, not broken)') : ''}${k.published.length ? c.dim(`  publishes ${k.published.join(', ')}`) : ''}`);
    }
    lines.push(`  ${s.task}`);
  }
  lines.push('', `Diagnose with docker ps -a, logs and inspect (or \`dojo diagnose <name>\`), fix, then \`${cmd(['check', r.lab, '--exercise', r.exercise])}\`.`,
    `\`${cmd(['lab', 'stop', r.lab])}\` removes every scenario object, your fixed containers of the same names too.`);
  return lines.join('\n') + '\n';
}
