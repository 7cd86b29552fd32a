// The builder and the size figure on the engine this leg runs on: cache-reuse probes with BuildKit
// where `docker buildx` answers (the 26 leg) and skips BuildKit-only Dockerfiles with the reason where
// only the classic builder is (the 20.10 leg); image-size reaches the same verdict and figure on both.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { WORK } from '../support/fixtures.mjs';
import { buildKitWorkspace } from '../support/buildkit-workspace.js';
import { tempWorkspace } from '../support/workspace.js';

const docker = async (...args: string[]) => String((await execa('docker', args)).stdout).trim();
let engine = '';
let buildx = false;
const cacheIds = async () => (await docker('buildx', 'du', '--verbose')).split('\n').filter((l) => l.startsWith('ID:')).sort();

beforeAll(async () => {
  engine = (await docker('version', '--format', '{{.Server.Version}}')).replace(/^(\d+\.\d+).*$/, '$1');
  buildx = (await execa('docker', ['buildx', 'version'], { reject: false })).exitCode === 0;
});

describe('cache-reuse on a Dockerfile that needs BuildKit (# syntax line, heredoc, COPY --link, RUN --mount)', () => {
  it('BuildKit: a true verdict offline, naming the builder, and no build cache left; classic: skip with the reason', async () => {
    const before = buildx ? await cacheIds() : [];
    const ws = buildKitWorkspace(`buildkit-probe-${process.pid}`);
    const r = await dojo(['check', 'lab-02', '-w', ws, '--only', 'cache-reuse', '--format', 'json']);
    rmSync(ws, { recursive: true, force: true });
    const c = r.json().checks.find((k: { id: string }) => k.id === 'cache-reuse');
    if (buildx) {
      expect([c.status, c.summary]).toEqual(['pass', '"RUN go mod download" came from cache']);
      expect(c.evidence[0]).toMatch(/^changed only main\.go between two builds \(BuildKit \(docker buildx \d+\.\d+\.\d+\)\)$/);
      expect(await cacheIds()).toEqual(before);
    } else {
      expect(c.status).toBe('skip');
      expect(c.summary).toMatch(/needs BuildKit \(line 5: RUN with a here-document\) and dojo has only the classic builder on this engine: no `docker buildx` plugin/);
    }
  });

  it('the good workspace: the verdict names the builder the engine offers', async () => {
    const r = await dojo(['check', 'lab-02', '-w', join(WORK, '..', 'fixtures', 'flowforge'), '--only', 'cache-reuse', '--format', 'json']);
    const c = r.json().checks.find((k: { id: string }) => k.id === 'cache-reuse');
    expect(c.status).toBe('pass');
    expect(c.evidence[0]).toMatch(buildx ? /\(BuildKit \(docker buildx [\d.]+\)\)$/ : /\(classic builder\)$/);
  });
});

describe('image-size on the same Dockerfile', () => {
  const tag = `dojo-builders-${process.pid}/size:1`;
  let ws = '';
  beforeAll(async () => {
    // 31 MB of incompressible bytes on busybox: over the 30 MB budget by any figure.
    ws = tempWorkspace({
      'api-service/Dockerfile': 'FROM dojo-fixture/busybox:1\nCOPY blob /blob\nUSER 65532:65532\nENTRYPOINT ["/bin/sh"]\n',
      'dojo.yaml': `services:\n  api-service: { image: "${tag}" }\n`,
    });
    writeFileSync(join(ws, 'api-service', 'blob'), randomBytes(31_000_000));
    // The engine's default builder, as a student's `docker build` would use it (BuildKit on 26).
    await execa('docker', ['build', '-q', '--label', 'io.dojo.temp=1', '--label', `io.dojo.pid=${process.pid}`, '-t', tag, join(ws, 'api-service')]);
  });
  afterAll(async () => {
    await execa('docker', ['rmi', '-f', tag], { reject: false });
  });

  it('fails the budget with the inspect "Size" figure, the same on every engine', async () => {
    const r = await dojo(['check', 'lab-02', '-w', ws, '--only', 'image-size', '--format', 'json']);
    const c = r.json().checks.find((k: { id: string }) => k.id === 'image-size');
    expect(c.status).toBe('fail');
    expect(c.evidence[0]).toMatch(/^33\.\d MB \(image inspect "Size", engine API 1\.\d+: uncompressed, all layers\)$/);
    const figure = c.evidence[0].replace(/, engine API [\d.]+/, '');
    mkdirSync(WORK, { recursive: true });
    writeFileSync(join(WORK, `image-size-${engine}.json`), JSON.stringify({ engine, figure, status: c.status }));
    for (const f of readdirSync(WORK).filter((n) => /^image-size-.*\.json$/.test(n) && n !== `image-size-${engine}.json`)) {
      const other = JSON.parse(readFileSync(join(WORK, f), 'utf8')) as { engine: string; figure: string; status: string };
      expect({ figure, status: c.status }, `Engine ${other.engine} vs ${engine}`).toEqual({ figure: other.figure, status: other.status });
    }
    expect(existsSync(join(WORK, `image-size-${engine}.json`))).toBe(true);
  });
});
