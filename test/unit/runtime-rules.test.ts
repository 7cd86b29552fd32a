import { describe, expect, it } from 'vitest';
import { isRootUser } from '../../src/checks/facts/runtime-model.js';

describe('root user forms', () => {
  it('treats unset, root, 0, 0:0, root:root and 0:group as root; resolves names via /etc/passwd', () => {
    expect(['', 'root', '0', '0:0', 'root:root', '0:staff'].map((u) => isRootUser(u))).toEqual([true, true, true, true, true, true]);
    expect(['65532', '1000:1000', 'app'].map((u) => isRootUser(u, 'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n'))).toEqual([false, false, false]);
    expect(isRootUser('toor', 'toor:x:0:0::/root:/bin/sh\n')).toBe(true);
  });
});

// The compose model (Compose's own `config`, v1, v2 and the YAML fallback) is tested in compose.test.ts.
