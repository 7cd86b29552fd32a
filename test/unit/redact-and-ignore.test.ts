import { describe, expect, it } from 'vitest';
import { isSecretName, redact, redactText } from '../../src/checks/redact.js';
import { dockerignoreKind } from '../../src/checks/kinds/dockerignore.js';
import { judge } from '../support/rules.js';

describe('redaction', () => {
  it('masks known values, NAME=value pairs with secret names, and key shapes', () => {
    expect(redactText('ENV DB_PASSWORD=hunter2 PORT=8080', [])).toBe('ENV DB_PASSWORD=**** PORT=8080');
    expect(redactText('saw s3cr3t-value in logs', ['s3cr3t-value'])).toBe('saw **** in logs');
    expect(redactText('key AKIAABCDEFGHIJKLMNOP here', [])).toBe('key **** here');
    expect(redact({ a: ['x hunter22 y'], n: 3 }, ['hunter22'])).toEqual({ a: ['x **** y'], n: 3 });
  });

  it('does not treat public keys, file pointers or key aliases as secrets', () => {
    expect(['PUBLIC_KEY', 'DB_PASSWORD_FILE', 'KMS_KEY_ALIAS'].map(isSecretName)).toEqual([false, false, false]);
    expect(['DB_PASSWORD', 'API_KEY', 'GITHUB_TOKEN', 'PRIVATE_KEY'].map(isSecretName)).toEqual([true, true, true, true]);
  });
});

describe('dockerignore', () => {
  const ctx = (lines: string[] | null, files: string[] = ['main.go', '.env', '.git/']) => ({
    context: { dockerignore: { path: '/ws/api-service/.dockerignore', exists: lines !== null, lines: lines ?? [] }, files },
  });

  it('follows the engine: the last matching pattern decides, ! re-includes', () => {
    expect(judge(dockerignoreKind, ctx(['.git', '.env*', '!.env']))).toMatchInlineSnapshot(`
      {
        "evidence": [
          "api-service/.dockerignore:3  "!.env" re-includes .env",
        ],
        "location": {
          "file": "/ws/api-service/.dockerignore",
          "line": 3,
        },
        "status": "fail",
        "summary": "api-service/.dockerignore lets .env into the build context",
      }
    `);
    expect(judge(dockerignoreKind, ctx(['.git', '**/.env'])).status).toBe('pass');
  });

  it('checks every .env file present in the context, not only the top one', () => {
    const finding = judge(dockerignoreKind, ctx(['.git', '.env'], ['main.go', '.env', 'config/.env.production', '.env.example']));
    expect(finding.summary).toBe('api-service/.dockerignore lets config/.env.production into the build context');
  });

  it('fails a missing .dockerignore and shows what the engine would receive', () => {
    expect(judge(dockerignoreKind, ctx(null)).evidence).toEqual(['looked for api-service/.dockerignore', 'the engine would receive: .env, .git/']);
  });
});
