import { mkdtempSync, readFileSync, realpathSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, WORK } from '../support/fixtures.mjs';
import { readCourseCache } from '../../src/content/cache.js';

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
let prefix = '';
let tarball = '';

/** The installed `dojo`, found on PATH the way a student's shell finds it, run from outside the source. */
const installed = (args: string[], cwd: string) =>
  execa('dojo', args, { cwd, reject: false, env: { PATH: `${join(prefix, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`, CI: 'true', FORCE_COLOR: '0' }, extendEnv: false });

describe('the npm package', () => {
  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'dojo-pack-'));
    // The suite builds first (scripts/test.sh); packing here must not rebuild under other tests' feet.
    const pack = await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', out], { cwd: ROOT });
    tarball = join(out, pack.stdout.trim().split('\n').pop()!);
    prefix = mkdtempSync(join(tmpdir(), 'dojo-prefix-'));
    await execa('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: out });
  });

  it('ships the built CLI, the course and the schemas, and nothing from test/', async () => {
    const files = (await execa('tar', ['tzf', tarball])).stdout.split('\n').map((f) => f.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['bin/dojo.js', 'dist/index.js', 'dist/course.json', 'labs/lab-01.md', 'hints/lab-01.yaml', 'checks/lab-01.yaml', 'schemas/checks.schema.json', 'courses/docker-fundamentals/labs/lab-01.md', 'courses/docker-fundamentals/checks/lab-03.yaml', 'solutions/lab-01/setup.yaml', 'starters/lab-02/api-service/Dockerfile', 'courses/docker-fundamentals/solutions/lab-01/web/Dockerfile', 'schemas/setup.schema.json', 'sources/flowforge/api-service/main.go', 'package.json', 'README.md']));
    expect(files.filter((f) => /^(test|src|scripts|bench)\//.test(f))).toEqual([]);
  });

  it('puts a working dojo on PATH: --version, list, hint, and check against the real engine', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'dojo-pkg-ws-'));
    const where = await execa('sh', ['-c', 'command -v dojo'], { env: { PATH: `${join(prefix, 'bin')}:/usr/bin:/bin` } });
    expect(realpathSync(where.stdout.trim()).startsWith(realpathSync(prefix))).toBe(true);
    expect((await installed(['--version'], ws)).stdout).toBe(version);
    // The installed course still matches its build-time cache, so `dojo hint` starts without the parsers.
    const pkg = join(prefix, 'lib', 'node_modules', 'dojo-docker');
    expect(readCourseCache(pkg, join(pkg, 'dist', 'course.json'))?.labs.length).toBe(readdirSync(new URL('../../labs', import.meta.url)).length);
    const list = await installed(['list'], ws);
    expect([list.exitCode, list.stderr]).toEqual([0, '']);
    expect(list.stdout).toMatch(/^lab-01 +Containers and Dockerfile fundamentals/);
    const hint = await installed(['hint', 'lab-01'], ws);
    expect([hint.exitCode, hint.stdout]).toEqual([0, expect.stringContaining('Hint level 1 of 3')]);
    const check = await installed(['check', 'lab-01', '-w', join(WORK, 'shell-form')], ws);
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toMatch(/FAIL lab-01: 4 passed, 1 failed, 1 not graded/);
    expect(check.stdout).toContain('✗ exec-form');
  });
});
