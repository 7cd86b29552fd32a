import { describe, expect, it } from 'vitest';
import { dockerfileParses } from '../../src/checks/kinds/dockerfile-parses.js';
import { execForm } from '../../src/checks/kinds/exec-form.js';
import { layerOrder } from '../../src/checks/kinds/layer-order.js';
import { multiStage } from '../../src/checks/kinds/multi-stage.js';
import { sameLayerCleanup } from '../../src/checks/kinds/same-layer-cleanup.js';
import { df, image, judge } from '../support/rules.js';

const GOOD = df(`
    FROM golang:1.22 AS build
    WORKDIR /src
    COPY go.mod go.sum ./
    RUN go mod download
    COPY . .
    RUN CGO_ENABLED=0 go build -o /out/api-service .
    FROM scratch
    COPY --from=build /out/api-service /api-service
    ENTRYPOINT ["/api-service"]
`);

describe('dockerfile-parses', () => {
  it('is an error with line numbers when the file does not parse', () => {
    expect(judge(dockerfileParses, { dockerfile: 'FROM alpine\nCOPPY . .\n' })).toMatchInlineSnapshot(`
      {
        "evidence": [
          "api-service/Dockerfile:2  unknown instruction "COPPY" (did you mean COPY?)",
        ],
        "location": {
          "file": "/ws/api-service/Dockerfile",
          "line": 2,
        },
        "mistake": "dockerfile-broken",
        "status": "fail",
        "summary": "api-service/Dockerfile does not parse",
      }
    `);
    expect(judge(dockerfileParses, {})).toMatchObject({ summary: 'no Dockerfile at api-service/Dockerfile', mistake: 'dockerfile-missing' });
    expect(judge(dockerfileParses, { dockerfile: GOOD }).status).toBe('pass');
  });
});

describe('exec-form', () => {
  it('judges only the final stage', () => {
    const text = df(`
    FROM golang:1.22 AS build
    CMD go test ./...
    FROM scratch
    ENTRYPOINT ["/api-service"]
    `);
    expect(judge(execForm, { dockerfile: text }).status).toBe('pass');
  });

  it('follows FROM <stage> chains: a shell-form CMD in the parent stage still counts', () => {
    const text = df(`
    FROM alpine AS base
    CMD /app/api-service
    FROM base
    USER app
    `);
    expect(judge(execForm, { dockerfile: text })).toMatchInlineSnapshot(`
      {
        "evidence": [
          "api-service/Dockerfile:2  CMD /app/api-service",
        ],
        "location": {
          "file": "/ws/api-service/Dockerfile",
          "line": 2,
        },
        "status": "fail",
        "summary": "CMD in shell form: a shell (/bin/sh -c) starts your command: whether your process is PID 1 and receives docker stop's SIGTERM depends on that shell",
      }
    `);
  });

  it('reads an inherited start command from the built image when the Dockerfile sets none', () => {
    const text = 'FROM my-base\nCOPY app /app\n';
    const inherited = image({ config: { entrypoint: null, cmd: ['/bin/sh', '-c', '/app'] } });
    expect(judge(execForm, { dockerfile: text, image: inherited }).summary).toBe('the image inherits a shell-form start command');
    // No image yet: the verdict must come from what is known, not a blanket fail.
    expect(judge(execForm, { dockerfile: text, image: null }).status).toBe('error');
    const execBase = image({ config: { entrypoint: null, cmd: ['/app'] } });
    expect(judge(execForm, { dockerfile: text, image: execBase }).status).toBe('pass');
  });
});

describe('layer-order', () => {
  it('passes manifests, install, then source', () => {
    expect(judge(layerOrder, { dockerfile: GOOD }).status).toBe('pass');
  });

  it('fails COPY . . before go mod download, naming both lines', () => {
    const text = df(`
    FROM golang:1.22 AS build
    WORKDIR /src
    COPY . .
    RUN go mod download
    RUN go build -o /out/app .
    FROM scratch
    COPY --from=build /out/app /app
    `);
    expect(judge(layerOrder, { dockerfile: text })).toMatchInlineSnapshot(`
      {
        "evidence": [
          "stage build: api-service/Dockerfile:3  COPY . .",
          "stage build: api-service/Dockerfile:4  RUN go mod download",
        ],
        "location": {
          "file": "/ws/api-service/Dockerfile",
          "line": 3,
        },
        "status": "fail",
        "summary": "the source is copied before dependencies are installed",
      }
    `);
  });

  it('knows other ecosystems (package.json + lock, requirements.txt)', () => {
    const node = 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n';
    const py = 'FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n';
    expect(judge(layerOrder, { dockerfile: node }).status).toBe('pass');
    expect(judge(layerOrder, { dockerfile: py }).status).toBe('fail');
  });

  it('fails a build that fetches dependencies itself after copying everything', () => {
    expect(judge(layerOrder, { dockerfile: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n' }).evidence?.[1]).toContain('no separate dependency step');
  });
});

describe('multi-stage', () => {
  it('passes a final stage that copies from a build stage', () => {
    expect(judge(multiStage, { dockerfile: GOOD }).status).toBe('pass');
  });

  it('fails a single stage', () => {
    expect(judge(multiStage, { dockerfile: 'FROM golang:1.22\nRUN go build .\nCMD ["./app"]\n' }).summary).toMatch(/^one stage/);
  });

  it('does not count --from an external image, nor a copy from the final chain itself', () => {
    const text = df(`
    FROM golang:1.22 AS build
    RUN go build -o /app .
    FROM alpine AS runtime
    COPY --from=busybox:1.36 /bin/busybox /bin/busybox
    `);
    expect(judge(multiStage, { dockerfile: text })).toMatchInlineSnapshot(`
      {
        "evidence": [
          "final stage: api-service/Dockerfile:3  FROM alpine AS runtime",
          "api-service/Dockerfile:4  COPY --from=busybox:1.36 /bin/busybox (an image, not a stage of this Dockerfile)",
        ],
        "location": {
          "file": "/ws/api-service/Dockerfile",
          "line": 3,
        },
        "status": "fail",
        "summary": "the final stage copies nothing from a build stage",
      }
    `);
  });

  it('accepts --from by stage index', () => {
    expect(judge(multiStage, { dockerfile: 'FROM golang AS b\nRUN go build\nFROM scratch\nCOPY --from=0 /app /app\n' }).status).toBe('pass');
  });
});

describe('same-layer-cleanup', () => {
  it('fails apt lists removed in a later RUN', () => {
    const text = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n';
    expect(judge(sameLayerCleanup, { dockerfile: text })).toMatchInlineSnapshot(`
      {
        "evidence": [
          "api-service/Dockerfile:2  RUN apt-get update && apt-get install -y curl",
          "api-service/Dockerfile:3  RUN rm -rf /var/lib/apt/lists/*  (rm /var/lib/apt/lists/*: deletes /var/lib/apt/lists in a later layer)",
        ],
        "location": {
          "file": "/ws/api-service/Dockerfile",
          "line": 3,
        },
        "status": "fail",
        "summary": "files are deleted in a later layer than the one that added them",
      }
    `);
  });

  it('passes a cleanup in the same RUN, and ignores build stages', () => {
    const same = 'FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n';
    const builder = 'FROM debian AS b\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\nFROM scratch\nCOPY --from=b /x /x\n';
    expect(judge(sameLayerCleanup, { dockerfile: same }).status).toBe('pass');
    expect(judge(sameLayerCleanup, { dockerfile: builder }).status).toBe('pass');
  });

  it('resolves COPY destinations against WORKDIR and confirms the size from history', () => {
    const text = 'FROM alpine\nWORKDIR /tmp\nCOPY app.tar .\nRUN tar -xf app.tar -C /srv\nRUN rm app.tar\n';
    const history = [
      { createdBy: '/bin/sh -c rm app.tar', size: 0, emptyLayer: false },
      { createdBy: '/bin/sh -c tar -xf app.tar -C /srv', size: 4_000_000, emptyLayer: false },
      { createdBy: '/bin/sh -c #(nop) COPY file:abc in . ', size: 4_000_000, emptyLayer: false },
      { createdBy: '/bin/sh -c #(nop) WORKDIR /tmp', size: 0, emptyLayer: true },
    ];
    const finding = judge(sameLayerCleanup, { dockerfile: text, image: image({ history }) });
    expect(finding.evidence?.[0]).toBe('api-service/Dockerfile:3  COPY app.tar .  (layer: 4.0 MB)');
  });
});
