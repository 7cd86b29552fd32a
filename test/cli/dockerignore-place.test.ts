import { describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { fixedOrder, tempWorkspace } from '../support/workspace.js';

describe('a .dockerignore in the wrong folder', () => {
  it('fails, and names the file the builder never reads', async () => {
    const files: Record<string, string> = { ...fixedOrder, '.dockerignore': '.env\n.git\n', 'api-service/.env': 'API_KEY=x\n' };
    delete files['api-service/.dockerignore'];
    const ws = tempWorkspace(files);
    const r = await dojo(['check', 'lab-01', '--only', 'dockerignore', '-w', ws, '--format', 'json']);
    const c = r.json<{ checks: { id: string; status: string; evidence: string[] }[] }>().checks.find((x) => x.id === 'dockerignore')!;
    expect(c.status).toBe('fail');
    expect(c.evidence).toEqual([
      'looked for api-service/.dockerignore',
      '.dockerignore exists, but the build context is api-service/: the builder never reads it',
      'the engine would receive: .env',
    ]);
  });
});
