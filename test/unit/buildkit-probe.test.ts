import { describe, expect, it } from 'vitest';
import { withoutSyntaxDirective } from '../../src/checks/facts/rebuild.js';
import { cliEnv } from '../../src/engine/builder.js';
import type { Engine } from '../../src/engine/client.js';

describe('the probe copy of a Dockerfile under BuildKit', () => {
  it('drops a # syntax= directive (offline the frontend image cannot be pulled) and keeps the line numbers', () => {
    expect(withoutSyntaxDirective('# syntax=docker/dockerfile:1\n# escape=\\\nFROM x\nRUN a\n')).toMatchInlineSnapshot(`
      "#
      # escape=\\
      FROM x
      RUN a
      "
    `);
    expect(withoutSyntaxDirective('#Syntax = docker/dockerfile:1.7\nFROM x\n')).toBe('#\nFROM x\n');
  });

  it('leaves a syntax-looking comment after the directives alone', () => {
    const text = '# a comment\n# syntax=docker/dockerfile:1\nFROM x\n';
    expect(withoutSyntaxDirective(text)).toBe(text);
    expect(withoutSyntaxDirective('FROM x\n# syntax=y\n')).toBe('FROM x\n# syntax=y\n');
  });
});

describe('the docker CLI dojo runs for buildx talks to the engine dojo talks to', () => {
  const engine = (endpoint: Engine['endpoint']) => ({ endpoint }) as Engine;
  it('DOCKER_HOST (and TLS) from the endpoint; nothing for a context, which the CLI reads itself', () => {
    expect(cliEnv(engine({ url: 'unix:///var/run/dojo26.sock', source: 'DOCKER_HOST' }))).toEqual({ DOCKER_HOST: 'unix:///var/run/dojo26.sock' });
    expect(cliEnv(engine({ url: 'tcp://127.0.0.1:2376', source: 'DOCKER_HOST', tls: { verify: true, certDir: '/c' } })))
      .toEqual({ DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_CERT_PATH: '/c', DOCKER_TLS_VERIFY: '1' });
    expect(cliEnv(engine({ url: 'tcp://h:2376', source: 'docker context "remote"' }))).toEqual({});
  });
});

describe("the engine's built-in Dockerfile frontend", () => {
  const needs = (...what: string[]) => what.map((w, i) => ({ line: i + 1, what: w }));
  it('Engine 20.10 (API 1.41) builds RUN --mount but not heredocs or COPY --link; 26.1 builds all but the labs flags', async () => {
    const { beyondBuiltinFrontend } = await import('../../src/engine/builder.js');
    expect(beyondBuiltinFrontend(needs('RUN --mount'), '1.41')).toBeUndefined();
    expect(beyondBuiltinFrontend(needs('RUN --mount', 'RUN with a here-document'), '1.41')).toEqual({ line: 2, what: 'RUN with a here-document' });
    expect(beyondBuiltinFrontend(needs('RUN with a here-document', 'COPY --link', 'RUN --mount'), '1.45')).toBeUndefined();
    expect(beyondBuiltinFrontend(needs('COPY --parents'), '1.45')).toEqual({ line: 1, what: 'COPY --parents' });
  });
});
