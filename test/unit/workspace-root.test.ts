import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWorkspaceRoot } from '../../src/workspace/root.js';

describe('the workspace when no -w is given (walkthrough item 15a)', () => {
  it('is the nearest folder above with dojo.yaml or a compose file, else the current folder', () => {
    const top = mkdtempSync(join(tmpdir(), 'fx34-root-'));
    mkdirSync(join(top, 'stack', 'api-service', 'cmd'), { recursive: true });
    writeFileSync(join(top, 'stack', 'compose.yaml'), 'services: {}\n');
    const rel = (r: { dir: string; marker: string | null }) => ({ dir: r.dir.replace(top, '<top>'), marker: r.marker });
    const found = [findWorkspaceRoot(join(top, 'stack', 'api-service', 'cmd')), findWorkspaceRoot(join(top, 'stack')), findWorkspaceRoot(top)];
    rmSync(top, { recursive: true, force: true });
    expect(found.map(rel)).toMatchInlineSnapshot(`
      [
        {
          "dir": "<top>/stack",
          "marker": "compose.yaml",
        },
        {
          "dir": "<top>/stack",
          "marker": "compose.yaml",
        },
        {
          "dir": "<top>",
          "marker": null,
        },
      ]
    `);
  });
});
