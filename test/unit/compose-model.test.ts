import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCompose } from '../../src/checks/facts/compose.js';
import { tempWorkspace } from '../support/workspace.js';

// The fallback reader (no Compose installed) is what unit tests can run anywhere; Compose v1 and
// v2 themselves are exercised in test/engine/lab-04.test.ts.
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.DOJO_COMPOSE;
  process.env.DOJO_COMPOSE = 'none';
});
afterEach(() => {
  if (saved === undefined) delete process.env.DOJO_COMPOSE;
  else process.env.DOJO_COMPOSE = saved;
});

describe('compose model (fallback reader)', () => {
  it('reads depends_on in both forms, volume kinds, bare env names, and lets later files override', async () => {
    const dir = tempWorkspace({
      'a.yml': 'services:\n  api:\n    depends_on: [db]\n    environment: [FOO, BAR=1]\n  db:\n    image: pg\n    volumes: ["pgdata:/data", "./x:/x", "/anon"]\nvolumes:\n  pgdata: {}\n',
      'b.yml': 'services:\n  api:\n    depends_on:\n      db:\n        condition: service_healthy\n',
    });
    const one = await readCompose(dir, [join(dir, 'a.yml')], 'p');
    expect(one.loader).toBe('yaml');
    expect(one.loaderNote).toMatch(/neither .* is installed/);
    expect(one.services.api!.dependsOn.db).toEqual({ condition: 'service_started', location: { file: join(dir, 'a.yml'), line: 3, column: 5 } });
    expect(one.services.api!.environment).toEqual({ FOO: null, BAR: '1' });
    expect(one.services.db!.volumes.map((v) => v.kind)).toEqual(['volume', 'bind', 'anonymous']);
    expect(one.services.db!.volumes[1]!.source).toBe(join(dir, 'x'));
    const both = await readCompose(dir, [join(dir, 'a.yml'), join(dir, 'b.yml')], 'p');
    expect(both.services.api!.dependsOn.db).toEqual({ condition: 'service_healthy', location: { file: join(dir, 'b.yml'), line: 4, column: 7 } });
    expect(both.volumes).toEqual({ pgdata: { external: false } });
  });

  it('interpolates ${VAR} from .env, and keeps what the student wrote for the secret rule', async () => {
    const dir = tempWorkspace({
      '.env': 'PGPASS=from-env-file\n',
      'docker-compose.yml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${PGPASS}\n      API_TOKEN: literal-value\n      PUBLIC_KEY: not-a-secret\n',
    });
    const c = await readCompose(dir, [join(dir, 'docker-compose.yml')], 'p');
    expect(c.services.db!.environment.POSTGRES_PASSWORD).toBe('from-env-file');
    expect(c.raw[0]!.env).toEqual([
      { service: 'db', name: 'POSTGRES_PASSWORD', literal: false, how: 'reference', location: { file: join(dir, 'docker-compose.yml'), line: 4, column: 7 } },
      { service: 'db', name: 'API_TOKEN', literal: true, how: 'literal', location: { file: join(dir, 'docker-compose.yml'), line: 5, column: 7 } },
    ]);
  });

  it('turns a YAML mistake into a problem at its file:line', async () => {
    const dir = tempWorkspace({ 'docker-compose.yml': 'services:\n  db:\n    image: pg\n   ports: []\n' });
    const c = await readCompose(dir, [join(dir, 'docker-compose.yml')], 'p');
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]!.location).toMatchObject({ file: join(dir, 'docker-compose.yml'), line: 4 });
    expect(c.problems[0]!.message).toMatch(/^invalid YAML/);
  });

  it('records bind mounts and command overrides per file, for the dev-override rule', async () => {
    const dir = tempWorkspace({
      'docker-compose.yml': 'services:\n  api:\n    build: ./api\n',
      'docker-compose.override.yml': 'services:\n  api:\n    volumes:\n      - ./api:/src\n    command: ["go", "run", "."]\n',
    });
    const c = await readCompose(dir, [join(dir, 'docker-compose.yml'), join(dir, 'docker-compose.override.yml')], 'p');
    expect(c.raw[0]!.binds).toEqual([]);
    expect(c.raw[1]!.binds).toEqual([{ service: 'api', source: join(dir, 'api'), target: '/src', location: { file: join(dir, 'docker-compose.override.yml'), line: 4, column: 9 } }]);
    expect(c.raw[1]!.commands.map((x) => x.location.line)).toEqual([5]);
    expect(c.services.api!.build?.context).toBe(join(dir, 'api'));
  });
});
