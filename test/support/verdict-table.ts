// One engine test file's verdict table (lab × check × fixture workspace → verdict), written to
// test/.work/verdicts-<engine>/<name>.json and diffed against the table of the same name of every
// other engine there. `npm test` runs the 20.10 leg first; the 26.1 leg names it in
// DOJO_VERDICT_TABLE_AGAINST, and then that table may not be missing. The files record the verdicts
// their own set-ups already reach (a stack, containers): the table costs no run of its own.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { WORK } from './fixtures.mjs';

export type Builder = 'buildkit' | 'classic';

/**
 * Rows where the engines legitimately differ, and how: `absent` where one engine cannot run the
 * row at all (it has no row there; where both have it, it must be equal), `byBuilder` where each
 * engine's verdict must be the one its builder calls for.
 */
export type Explanation = { rows: string | RegExp; why: string } & ({ absent: true } | { byBuilder: Record<Builder, string> });

interface TableFile { engine: string; builder: Builder; rows: Record<string, string> }

/** A check as `dojo check --format json` reports it: the verdict is its status, and the mistake it names. */
export const verdictOf = (c: { status: string; mistake?: string | null }) => (c.mistake ? `${c.status} ${c.mistake}` : c.status);

export class VerdictTable {
  readonly rows: Record<string, string> = {};

  constructor(readonly name: string, readonly explained: Explanation[] = []) {}

  record(lab: string, check: string, workspace: string, verdict: string): void {
    this.rows[`${lab} ${check} ${workspace}`] = verdict;
  }

  /** Every check of one `dojo check --format json` run on a workspace, and its exit code. */
  report(lab: string, workspace: string, code: number, checks: { id: string; status: string; mistake?: string | null }[]): void {
    for (const c of checks) this.record(lab, c.id, workspace, verdictOf(c));
    this.record(lab, '(exit)', workspace, String(code));
  }

  /** Writes and prints this engine's table; returns every row that differs from another engine's and no explanation accepts. */
  async compare(): Promise<string[]> {
    const engine = (await execa('docker', ['version', '--format', '{{.Server.Version}}'])).stdout.trim().replace(/^(\d+\.\d+).*$/, '$1');
    const builder: Builder = (await execa('docker', ['buildx', 'version'], { reject: false })).exitCode === 0 ? 'buildkit' : 'classic';
    const dir = join(WORK, `verdicts-${engine}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${this.name}.json`), JSON.stringify({ engine, builder, rows: this.rows } satisfies TableFile, null, 1));
    const keys = Object.keys(this.rows).sort();
    const width = Math.max(0, ...keys.map((k) => k.length));
    // eslint-disable-next-line no-console
    console.log(`verdict table ${this.name} on Engine ${engine} (${builder}), ${keys.length} rows:\n${keys.map((k) => `  ${k.padEnd(width)}  ${this.rows[k]}`).join('\n')}`);

    const problems: string[] = [];
    const explanation = (row: string) => this.explained.find((e) => (typeof e.rows === 'string' ? e.rows === row : e.rows.test(row)));
    for (const row of keys) {
      const e = explanation(row);
      if (e && 'byBuilder' in e && this.rows[row] !== e.byBuilder[builder]) problems.push(`${row}: Engine ${engine} ${this.rows[row]}, but its ${builder} builder calls for ${e.byBuilder[builder]} (${e.why})`);
    }
    const others = existsSync(WORK) ? readdirSync(WORK).filter((d) => d.startsWith('verdicts-') && d !== `verdicts-${engine}` && existsSync(join(WORK, d, `${this.name}.json`))) : [];
    const against = process.env.DOJO_VERDICT_TABLE_AGAINST;
    if (against && !others.includes(`verdicts-${against}`)) problems.push(`test/.work/verdicts-${against}/${this.name}.json is missing: the Engine ${against} leg writes it, and this leg must be compared with it`);
    for (const d of others) {
      const other = JSON.parse(readFileSync(join(WORK, d, `${this.name}.json`), 'utf8')) as TableFile;
      let unexplained = 0;
      for (const row of [...new Set([...keys, ...Object.keys(other.rows)])].sort()) {
        const [mine, theirs] = [this.rows[row], other.rows[row]];
        if (mine === theirs) continue;
        const e = explanation(row);
        const accepted = e && ('absent' in e ? mine === undefined || theirs === undefined : mine === e.byBuilder[builder] && theirs === e.byBuilder[other.builder]);
        if (accepted) continue;
        unexplained++;
        problems.push(`${row}: Engine ${other.engine} ${theirs ?? '(no row)'}, Engine ${engine} ${mine ?? '(no row)'}`);
      }
      // eslint-disable-next-line no-console
      console.log(`verdict table ${this.name}: Engine ${engine} vs ${other.engine}: ${unexplained} unexplained difference(s)`);
    }
    return problems;
  }
}
