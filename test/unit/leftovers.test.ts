import { describe, expect, it } from 'vitest';
import { leftovers, removalCommand } from '../../src/engine/leftovers.js';

describe('doctor leftovers (walkthrough item 22)', () => {
  it('counts only throwaway containers of this host whose dojo process is gone', () => {
    const c = (name: string, labels: Record<string, string>) => ({ name, Labels: { 'io.dojo.temp': '1', ...labels } });
    const all = [
      c('running-run', { 'io.dojo.pid': '100', 'io.dojo.host': 'here' }), c('dead-run', { 'io.dojo.pid': '200', 'io.dojo.host': 'here' }),
      c('other-host', { 'io.dojo.pid': '200', 'io.dojo.host': 'there' }), c('before-host-label', { 'io.dojo.pid': '200' }), c('no-pid', {}),
    ];
    expect(leftovers(all, (pid) => pid === 100, 'here').map((x) => x.name)).toMatchInlineSnapshot(`
      [
        "dead-run",
        "before-host-label",
        "no-pid",
      ]
    `);
  });

  it('says the exact command that removes them, by id (a label filter would take live runs and scenarios too)', () => {
    expect(removalCommand(['0123456789abcdef0123', 'fedcba9876543210fedc'])).toMatchInlineSnapshot(`"docker rm -f -v 0123456789ab fedcba987654"`);
    expect(removalCommand([])).toBeNull();
  });
});
