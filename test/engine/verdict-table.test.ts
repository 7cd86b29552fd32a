// The full verdict table (lab × check × fixture workspace → verdict) on the engine this leg runs on,
// written to test/.work/verdicts-<engine>.json and diffed against every other engine's table there
// (npm test runs the 20.10 leg first, then the 26.1 leg, which compares). A difference fails unless
// EXPLAINED says why the engines must differ on that row.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { GOOD, loadVariants, WORK } from '../support/fixtures.mjs';
import { buildKitWorkspace } from '../support/buildkit-workspace.js';

const LABS = ['lab-01', 'lab-02'];
type Table = Record<string, string>;

/**
 * Rows where the engines legitimately differ. The buildkit-features workspace's Dockerfile needs
 * BuildKit (heredoc, RUN --mount): dojo probes it where `docker buildx` is present (the 26 leg) and
 * skips with the reason where only the classic builder is (the 20.10 leg's CLI has no buildx).
 */
const EXPLAINED: Record<string, { why: string; builder: Record<'buildkit' | 'classic', string> }> = {
  'lab-02 cache-reuse buildkit-features': { why: 'BuildKit-only Dockerfile: judged with BuildKit, skipped on the classic builder', builder: { buildkit: 'pass', classic: 'skip' } },
};

let engine = '';
let builder: 'buildkit' | 'classic' = 'classic';
const table: Table = {};

beforeAll(async () => {
  engine = (await execa('docker', ['version', '--format', '{{.Server.Version}}'])).stdout.trim().replace(/^(\d+\.\d+).*$/, '$1');
  builder = (await execa('docker', ['buildx', 'version'], { reject: false })).exitCode === 0 ? 'buildkit' : 'classic';
  const workspaces: [string, string][] = [['good', GOOD], ...loadVariants().map((v: { name: string }) => [v.name, join(WORK, v.name)] as [string, string])];
  for (const lab of LABS) {
    for (const [name, dir] of workspaces) {
      const r = await dojo(['check', lab, '-w', dir, '--format', 'json']);
      for (const c of r.json<{ checks: { id: string; status: string }[] }>().checks) table[`${lab} ${c.id} ${name}`] = c.status;
    }
  }
  const bk = await dojo(['check', 'lab-02', '-w', buildKitWorkspace(), '--only', 'cache-reuse', '--format', 'json']);
  for (const c of bk.json<{ checks: { id: string; status: string }[] }>().checks) table[`lab-02 ${c.id} buildkit-features`] = c.status;
  mkdirSync(WORK, { recursive: true });
  writeFileSync(join(WORK, `verdicts-${engine}.json`), JSON.stringify({ engine, builder, table }, null, 1));
  // eslint-disable-next-line no-console
  console.log(`verdict table on Engine ${engine} (${builder}):\n${Object.entries(table).map(([k, v]) => `  ${k.padEnd(58)} ${v}`).join('\n')}`);
});

describe('the verdict table', () => {
  it('covers every check of each lab on every fixture workspace', () => {
    expect(Object.keys(table).length).toBeGreaterThan(LABS.length * 11);
  });

  it('explained rows have the verdict their builder calls for', () => {
    for (const [row, e] of Object.entries(EXPLAINED)) expect(table[row], row).toBe(e.builder[builder]);
  });

  it("equals every other engine's table, but for the explained rows", () => {
    const others = existsSync(WORK) ? readdirSync(WORK).filter((f) => /^verdicts-.*\.json$/.test(f) && f !== `verdicts-${engine}.json`) : [];
    // The 26 leg of `npm test` names the engine it must be compared with: its table may not be missing.
    const against = process.env.DOJO_VERDICT_TABLE_AGAINST;
    if (against) expect(others, `test/.work/verdicts-${against}.json (written by the ${against} leg)`).toContain(`verdicts-${against}.json`);
    for (const f of others) {
      const other = JSON.parse(readFileSync(join(WORK, f), 'utf8')) as { engine: string; table: Table };
      const diff = [...new Set([...Object.keys(table), ...Object.keys(other.table)])].sort()
        .filter((row) => table[row] !== other.table[row] && !EXPLAINED[row])
        .map((row) => `${row}: Engine ${other.engine} ${other.table[row] ?? '(no row)'}, Engine ${engine} ${table[row] ?? '(no row)'}`);
      // eslint-disable-next-line no-console
      console.log(`verdict table: Engine ${engine} vs ${other.engine}: ${diff.length} unexplained difference(s)`);
      expect(diff).toEqual([]);
    }
  });
});
