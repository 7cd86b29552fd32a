import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The build swaps some of dockerode's and commander's import-time requires for these shims; each
// must hand over to the real package on first use (an earlier shim required itself).
const require = createRequire(import.meta.url);
const shim = (name: string) => require(`../../scripts/lazy/${name}`);

describe('lazy shims used by the bundle', () => {
  it('reach the real packages on first use', () => {
    expect(typeof shim('tar-fs.cjs').pack).toBe('function');
    expect(shim('dockerignore.cjs')({ ignorecase: false }).add('.env').ignores('.env')).toBe(true);
    expect(shim('uuid.cjs').v4()).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof shim('protobufjs.cjs').loadSync).toBe('function');
    expect(typeof shim('grpc-js.cjs').credentials.createInsecure).toBe('function');
    expect(typeof shim('proto-loader.cjs').loadSync).toBe('function');
    expect(typeof shim('child-process.cjs').spawn).toBe('function');
    expect(new (shim('ssh2.cjs').Client)()).toBeInstanceOf(require('ssh2').Client);
  });

  it('cover every shim file', () => {
    expect(readdirSync(new URL('../../scripts/lazy/', import.meta.url)).sort()).toMatchInlineSnapshot(`
      [
        "child-process.cjs",
        "dockerignore.cjs",
        "grpc-js.cjs",
        "proto-loader.cjs",
        "protobufjs.cjs",
        "ssh2.cjs",
        "tar-fs.cjs",
        "uuid.cjs",
      ]
    `);
  });
});
