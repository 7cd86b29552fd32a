import { describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { tempWorkspace } from '../support/workspace.js';

describe('dojo watch without a terminal', () => {
  it('refuses with a typed error and exit 2, before reading or recording anything', async () => {
    const ws = tempWorkspace({});
    const r = await dojo(['watch', 'lab-02', '-w', ws]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('dojo watch needs a terminal: it redraws the screen and reads keys, and its input or output is not a terminal');
    expect(r.stderr).toContain('use `dojo check <lab>`');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('gives the JSON error object under --format json', async () => {
    const r = await dojo(['watch', '--format', 'json', '-w', tempWorkspace({})]);
    expect(r.code).toBe(2);
    expect(r.json().error.message).toMatch(/--format json is not available for `dojo watch`/);
  });
});
