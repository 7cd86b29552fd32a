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

  it('names that describe a secret are not secrets; *_PWD is (walkthrough)', () => {
    const names = ['TOKEN_TTL', 'API_KEY_HEADER', 'SECRET_NAME', 'PASSWORD_MIN_LENGTH', 'PASSWORD_MAX_AGE', 'TOKEN_EXPIRY', 'JWT_TOKEN_EXPIRES_IN', 'PWD', 'OLDPWD',
      'MYSQL_PWD', 'DB_PWD', 'MYSQL_ROOT_PASSWORD', 'JWT_SECRET', 'SECRET_KEY', 'AUTH_TOKEN', 'API_KEY', 'AWS_SECRET_ACCESS_KEY', 'POSTGRES_PASSWORD'];
    expect(Object.fromEntries(names.map((n) => [n, isSecretName(n)]))).toMatchInlineSnapshot(`
      {
        "API_KEY": true,
        "API_KEY_HEADER": false,
        "AUTH_TOKEN": true,
        "AWS_SECRET_ACCESS_KEY": true,
        "DB_PWD": true,
        "JWT_SECRET": true,
        "JWT_TOKEN_EXPIRES_IN": false,
        "MYSQL_PWD": true,
        "MYSQL_ROOT_PASSWORD": true,
        "OLDPWD": false,
        "PASSWORD_MAX_AGE": false,
        "PASSWORD_MIN_LENGTH": false,
        "POSTGRES_PASSWORD": true,
        "PWD": false,
        "SECRET_KEY": true,
        "SECRET_NAME": false,
        "TOKEN_EXPIRY": false,
        "TOKEN_TTL": false,
      }
    `);
    // Redaction stays as strong for real secrets: their values are masked by name, whatever they look like.
    expect(redactText('MYSQL_PWD=hunter2 TOKEN_TTL=3600 API_KEY=12345678 SECRET_NAME=flowforge/db', [])).toMatchInlineSnapshot(`"MYSQL_PWD=**** TOKEN_TTL=3600 API_KEY=**** SECRET_NAME=flowforge/db"`);
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
