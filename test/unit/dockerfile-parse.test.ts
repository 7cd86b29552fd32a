import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/checks/facts/dockerfile.js';
import { expand } from '../../src/checks/facts/build-args.js';
import { finalChain } from '../../src/checks/facts/dockerfile-model.js';
import { df } from '../support/rules.js';

const parse = (text: string, args: Record<string, string> = {}) => parseDockerfile('/ws/Dockerfile', df(text), args);

describe('Dockerfile facts', () => {
  it('resolves nested global ARG defaults, ${VAR:-default} and --build-arg overrides', () => {
    const text = `
    ARG GO_VERSION=1.22
    ARG BASE=golang:\${GO_VERSION}-alpine
    ARG RUNTIME
    FROM \${BASE} AS build
    FROM \${RUNTIME:-scratch}
    `;
    expect(parse(text).stages.map((s) => s.base)).toEqual(['golang:1.22-alpine', 'scratch']);
    expect(parse(text, { GO_VERSION: '1.21', RUNTIME: 'alpine:3.19' }).stages.map((s) => s.base)).toEqual(['golang:1.21-alpine', 'alpine:3.19']);
  });

  it('reports an unresolvable base as unknown (null), not as a guess', () => {
    expect(parse('ARG BASE\nFROM $BASE\n').stages[0]!.base).toBeNull();
    expect(expand('x-${NOPE}', {})).toBeNull();
  });

  it('follows FROM <stage> chains to the final stage, case-insensitively', () => {
    const facts = parse(`
    FROM golang:1.22 AS Build
    RUN go build -o /app .
    FROM alpine:3.19 AS base
    USER app
    FROM base
    CMD ["/app"]
    `);
    expect(finalChain(facts).map((s) => s.line)).toEqual([3, 5]);
    expect(facts.stages[2]!.fromStage).toBe(1);
  });

  it('keeps --platform, joins line continuations, skips comments, honours # escape=', () => {
    const facts = parse(`
    # escape=\`
    FROM --platform=$BUILDPLATFORM golang:1.22 AS build
    # a comment between instructions
    RUN apt-get update \`
      && apt-get install -y git
    CMD ["./app", "--port", "8080"]
    `);
    const [stage] = facts.stages;
    expect(stage!.platform).toBe('$BUILDPLATFORM');
    expect(stage!.instructions.map((i) => [i.keyword, i.line, i.endLine, i.text])).toMatchInlineSnapshot(`
      [
        [
          "RUN",
          4,
          5,
          "apt-get update   && apt-get install -y git",
        ],
        [
          "CMD",
          6,
          6,
          "["./app", "--port", "8080"]",
        ],
      ]
    `);
    expect(stage!.instructions[1]!.json).toEqual(['./app', '--port', '8080']);
  });

  it('parses heredocs as one RUN', () => {
    const facts = parse(`
    FROM alpine
    RUN <<EOF
    apk add curl
    rm -rf /var/cache/apk/*
    EOF
    CMD ["sh"]
    `);
    expect(facts.stages[0]!.instructions.map((i) => i.keyword)).toEqual(['RUN', 'CMD']);
  });

  it('reports problems with line numbers', () => {
    expect(parse('RUN echo hi\nFROM alpine\nCOPPY . .\n').problems).toEqual([
      { line: 1, message: 'RUN before the first FROM (only ARG may come first)' },
      { line: 3, message: 'unknown instruction "COPPY" (did you mean COPY?)' },
    ]);
    expect(parse('# just a comment\n').problems[0]!.message).toMatch(/no FROM/);
  });
});

describe('Dockerfile fingerprint (what counts as a new attempt)', () => {
  it('ignores comments and blank lines that move every instruction, not a changed instruction', async () => {
    const { dockerfileFact } = await import('../../src/checks/facts/dockerfile.fact.js');
    const print = (text: string) => JSON.stringify(dockerfileFact.fingerprint!(parse(text)));
    const before = print('FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n');
    expect(print('# my notes\n\nFROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\n')).toBe(before);
    expect(print('FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nUSER 65532\nCOPY --from=build /app /app\n')).not.toBe(before);
  });
});
