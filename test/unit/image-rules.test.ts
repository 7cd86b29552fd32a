import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readElf } from '../../src/checks/facts/elf.js';
import { programOf } from '../../src/checks/facts/imagefs.js';
import { imageExists } from '../../src/checks/kinds/image-exists.js';
import { imageSize } from '../../src/checks/kinds/image-size.js';
import { noToolchain } from '../../src/checks/kinds/no-toolchain.js';
import { staticBinary } from '../../src/checks/kinds/static-binary.js';
import { image, judge } from '../support/rules.js';

const SCRATCH = 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /api-service\nENTRYPOINT ["/api-service"]\n';

describe('image-exists', () => {
  it('is an error, not a failure, naming the tag and how to build it', () => {
    expect(judge(imageExists, { image: null })).toMatchInlineSnapshot(`
      {
        "evidence": [
          "build it first: docker build -t flowforge/api-service:dev -f api-service/Dockerfile api-service",
        ],
        "status": "error",
        "summary": "no image tagged flowforge/api-service:dev in the engine",
      }
    `);
  });
});

describe('image-size', () => {
  it('fails over budget, says which figure it used and names the three largest layers', () => {
    const history = [
      { createdBy: '/bin/sh -c #(nop)  CMD ["app"]', size: 0, emptyLayer: true },
      { createdBy: '/bin/sh -c go build -o /app .', size: 7_000_000, emptyLayer: false },
      { createdBy: '/bin/sh -c apt-get install -y golang-go', size: 500_000_000, emptyLayer: false },
      { createdBy: '', size: 80_000_000, emptyLayer: false },
      { createdBy: '/bin/sh -c #(nop) COPY dir:1 in /src', size: 20_000, emptyLayer: false },
    ];
    expect(judge(imageSize, { image: image({ size: 587_020_000, history }) }, { budgetMb: 30 })).toMatchInlineSnapshot(`
      {
        "evidence": [
          "587.0 MB (image inspect "Size": uncompressed, all layers)",
          "largest layers:",
          "   500.0 MB  apt-get install -y golang-go",
          "    80.0 MB  (imported base layer)",
          "     7.0 MB  go build -o /app .",
        ],
        "status": "fail",
        "summary": "flowforge/api-service:dev is 587.0 MB, over the 30 MB budget",
      }
    `);
    expect(judge(imageSize, { image: image({ size: 6_500_000 }) }).status).toBe('pass');
  });
});

describe('no-toolchain', () => {
  it('lists the toolchain paths found, with link targets', () => {
    const imagefs = { paths: { '/usr/bin/go': { exists: true, linkTarget: '../lib/go-1.19/bin/go' }, '/usr/bin/gcc': { exists: false } }, entrypoint: null };
    expect(judge(noToolchain, { image: image(), imagefs }, { paths: ['/usr/bin/go', '/usr/bin/gcc'] }).evidence).toEqual(['/usr/bin/go -> ../lib/go-1.19/bin/go']);
    expect(judge(noToolchain, { image: image(), imagefs: { paths: {}, entrypoint: null } }).status).toBe('pass');
  });
});

describe('static-binary', () => {
  // The image as built from SCRATCH: its one layer is the COPY of the binary.
  const built = image({ history: [{ createdBy: '/bin/sh -c #(nop) COPY file:0123 in /api-service ', size: 6_000_000, emptyLayer: false }] });
  const ep = (interpreter: string | null, interpreterExists: boolean | null) => ({
    paths: {},
    entrypoint: { path: '/api-service', from: 'ENTRYPOINT' as const, stat: { exists: true, size: 1 }, elf: { isElf: true, interpreter }, interpreterExists },
  });

  it('passes a static binary and fails a dynamic one on scratch', () => {
    expect(judge(staticBinary, { dockerfile: SCRATCH, image: built, imagefs: ep(null, null) }).status).toBe('pass');
    expect(judge(staticBinary, { dockerfile: SCRATCH, image: built, imagefs: ep('/lib64/ld-linux-x86-64.so.2', false) })).toMatchInlineSnapshot(`
      {
        "evidence": [
          "/api-service asks for the loader /lib64/ld-linux-x86-64.so.2",
          "final base: scratch",
          "/lib64/ld-linux-x86-64.so.2: not in the image",
        ],
        "status": "fail",
        "summary": "/api-service is dynamically linked and its loader is missing from the image",
      }
    `);
  });

  it('accepts a dynamic binary when the base provides its loader', () => {
    const debian = SCRATCH.replace('FROM scratch', 'FROM debian:bookworm-slim');
    expect(judge(staticBinary, { dockerfile: debian, image: built, imagefs: ep('/lib64/ld-linux-x86-64.so.2', true) }).status).toBe('pass');
  });
});

describe('ELF and start-command reading', () => {
  it('tells a static binary from a dynamic one by PT_INTERP', () => {
    expect(readElf(readFileSync('/bin/busybox'))).toEqual({ isElf: true, interpreter: null });
    expect(readElf(readFileSync(process.execPath)).interpreter).toMatch(/ld-linux|ld-musl/);
    expect(readElf(Buffer.from('#!/bin/sh\necho hi\n'))).toEqual({ isElf: false, interpreter: null });
  });

  it('finds the program behind a shell-form command', () => {
    expect(programOf(['/bin/sh', '-c', 'DB_PASSWORD=x exec /app/api-service --port 8080'])).toBe('/app/api-service');
    expect(programOf(['api-service'])).toBe('api-service');
    expect(programOf(null)).toBeNull();
  });
});
