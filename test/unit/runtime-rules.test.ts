import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCompose } from '../../src/checks/facts/compose.js';
import { isRootUser } from '../../src/checks/facts/runtime-model.js';

describe('root user forms', () => {
  it('treats unset, root, 0, 0:0, root:root and 0:group as root; resolves names via /etc/passwd', () => {
    expect(['', 'root', '0', '0:0', 'root:root', '0:staff'].map((u) => isRootUser(u))).toEqual([true, true, true, true, true, true]);
    expect(['65532', '1000:1000', 'app'].map((u) => isRootUser(u, 'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n'))).toEqual([false, false, false]);
    expect(isRootUser('toor', 'toor:x:0:0::/root:/bin/sh\n')).toBe(true);
  });
});

describe('compose files', () => {
  it('reads depends_on in both forms, volume kinds, and lets later files override', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dojo-compose-'));
    writeFileSync(join(dir, 'a.yml'), 'services:\n  api:\n    depends_on: [db]\n  db:\n    image: pg\n    volumes: ["pgdata:/data", "./x:/x", "/anon"]\nvolumes:\n  pgdata: {}\n');
    writeFileSync(join(dir, 'b.yml'), 'services:\n  api:\n    depends_on:\n      db:\n        condition: service_healthy\n');
    const one = readCompose([join(dir, 'a.yml')]);
    expect(one.services.api!.dependsOn.db).toEqual({ condition: 'service_started', at: `${join(dir, 'a.yml')}:3` });
    expect(one.services.db!.volumes.map((v) => v.kind)).toEqual(['volume', 'bind', 'anonymous']);
    const both = readCompose([join(dir, 'a.yml'), join(dir, 'b.yml')]);
    expect(both.services.api!.dependsOn.db!.condition).toBe('service_healthy');
    expect(both.volumes).toEqual(['pgdata']);
  });
});
