// One test per false-verdict class found on real Dockerfiles (issue: verdicts students can trust).
// Each of these failed on the rules before the parsed-command model.
import { describe, expect, it } from 'vitest';
import { expand, resolveGlobalArgs } from '../../src/checks/facts/build-args.js';
import { parseDockerfile } from '../../src/checks/facts/dockerfile.js';
import { cacheReuse } from '../../src/checks/kinds/cache-reuse.js';
import { containerStarts } from '../../src/checks/kinds/container-starts.js';
import { execForm } from '../../src/checks/kinds/exec-form.js';
import { layerOrder } from '../../src/checks/kinds/layer-order.js';
import { multiStage } from '../../src/checks/kinds/multi-stage.js';
import { sameLayerCleanup } from '../../src/checks/kinds/same-layer-cleanup.js';
import { staticBinary } from '../../src/checks/kinds/static-binary.js';
import { df, image, judge } from '../support/rules.js';

const status = (kind: Parameters<typeof judge>[0], dockerfile: string) => judge(kind, { dockerfile }).status;

describe('layer-order reads manifests, companions and commands by their parsed words', () => {
  it.each([
    ['COPY go.* ./', 'RUN go mod download', 'COPY . .', 'RUN go build .'],
    ['COPY *.mod *.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go build .'],
    ['COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build'],
    ['COPY Cargo.* ./', 'RUN cargo fetch', 'COPY . .', 'RUN cargo build --release'],
    ['COPY .nvmrc package.json yarn.lock ./', 'RUN yarn install --frozen-lockfile', 'COPY . .', 'RUN yarn build'],
    ['COPY Gemfile Gemfile.lock .ruby-version ./', 'RUN bundle install', 'COPY . .', 'RUN bundle exec rake assets:precompile'],
    ['COPY go.mod go.sum go.toolchain.rev ./', 'RUN go mod download', 'COPY . .', 'RUN go build .'],
    ['COPY Cargo.toml Cargo.lock rust-toolchain.toml build.rs ./', 'RUN cargo fetch', 'COPY src src', 'RUN cargo build'],
    ['COPY go.mod go.sum ./\nCOPY vendor/ vendor/', 'RUN go mod verify', 'COPY . .', 'RUN go build -mod=vendor .'],
  ])('passes %s before the install', (manifests, install, source, build) => {
    expect(status(layerOrder, `FROM x:1 AS build\nWORKDIR /src\n${manifests}\n${install}\n${source}\n${build}\n`)).toBe('pass');
  });

  it('passes dependencies installed in another stage and copied in', () => {
    expect(status(layerOrder, df(`
    FROM node:20 AS deps
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci
    FROM node:20 AS build
    WORKDIR /app
    COPY --from=deps /app/node_modules ./node_modules
    COPY . .
    RUN npm run build
    `))).toBe('pass');
  });

  it.each([
    'RUN cargo install --path .',
    'RUN gradle build --no-daemon',
    'RUN ./gradlew bootJar',
    'RUN mvn -B -q package',
    'RUN go run build.go build',
    'RUN dotnet publish -c Release -o /out',
    'RUN bundle install',
    'RUN pnpm --frozen-lockfile install',
    'RUN yarn --frozen-lockfile install',
    'RUN python -m pip install -r requirements.txt',
  ])('fails %s after COPY . .', (step) => {
    expect(status(layerOrder, `FROM x:1\nWORKDIR /src\nCOPY . .\n${step}\n`)).toBe('fail');
  });

  it('a here-document or a downloaded tool before the manifests is not the source', () => {
    expect(status(layerOrder, df(`
    FROM golang:1.22
    COPY <<EOF /etc/app.conf
    port=8080
    EOF
    ADD https://example.com/tool.tar.gz /opt/
    COPY go.mod go.sum ./
    RUN go mod download
    COPY . .
    RUN go build .
    `))).toBe('pass');
  });

  it('a global tool install is not the project install', () => {
    expect(status(layerOrder, 'FROM node:20\nRUN npm install -g pnpm\nCOPY . .\nRUN pnpm install\n')).toBe('fail');
  });

  it('says "does not apply" only when no stage installs or builds', () => {
    expect(judge(layerOrder, { dockerfile: 'FROM alpine:3\nRUN apk add --no-cache curl\nCOPY . /srv\n' }).summary).toMatch(/^does not apply/);
    expect(judge(layerOrder, { dockerfile: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n' }).status).toBe('fail');
    // A Go module without go.sum has nothing to download.
    expect(judge(layerOrder, { dockerfile: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n', context: { files: ['go.mod', 'main.go'], goModule: { requires: false } } }).summary).toMatch(/^nothing to download yet/);
  });
});

describe('same-layer-cleanup models each layer', () => {
  it('passes two clean apt-get RUNs and a later harmless apt-get clean', () => {
    expect(status(sameLayerCleanup, df(`
    FROM debian:12
    RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
    RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
    RUN apt-get clean
    `))).toBe('pass');
  });

  it('sees options before the subcommand', () => {
    expect(status(sameLayerCleanup, 'FROM debian:12\nRUN apt-get -y update && apt-get -qq install curl\nRUN rm -rf /var/lib/apt/lists/*\n')).toBe('fail');
    expect(status(sameLayerCleanup, 'FROM debian:12\nRUN apt-get -qq update && apt-get -qq install -y build-essential\nRUN apt-get -y purge build-essential\n')).toBe('fail');
  });

  it('a single copied file is not the whole WORKDIR', () => {
    expect(status(sameLayerCleanup, 'FROM alpine:3\nWORKDIR /app\nCOPY config.yaml .\nRUN rm -rf /app/tmp\n')).toBe('pass');
    expect(status(sameLayerCleanup, 'FROM alpine:3\nWORKDIR /app\nCOPY app.tar.gz .\nRUN tar xzf app.tar.gz\nRUN rm app.tar.gz\n')).toBe('fail');
  });

  it('reads rm inside a here-document RUN', () => {
    expect(status(sameLayerCleanup, 'FROM debian:12\nRUN apt-get update\nRUN <<EOF\nset -e\nrm -rf /var/lib/apt/lists/*\nEOF\n')).toBe('fail');
  });
});

describe('static-binary: the binary can run in the final image', () => {
  const dynamic = (interpreterExists: boolean) => ({
    image: image({ history: [{ createdBy: '/bin/sh -c #(nop) COPY file:0123 in /api-service ', size: 6_000_000, emptyLayer: false }] }),
    imagefs: { paths: {}, entrypoint: { path: '/api-service', from: 'ENTRYPOINT' as const, stat: { exists: true }, elf: { isElf: true, interpreter: '/lib64/ld-linux-x86-64.so.2' }, interpreterExists } },
  });
  it('passes a dynamic binary on a base that ships its loader, fails where the loader is missing', () => {
    const text = 'FROM golang:1.22 AS b\nRUN go build -o /a .\nFROM gcr.io/distroless/base-debian12\nCOPY --from=b /a /api-service\nENTRYPOINT ["/api-service"]\n';
    expect(judge(staticBinary, { dockerfile: text, ...dynamic(true) }).status).toBe('pass');
    expect(judge(staticBinary, { dockerfile: text.replace('distroless/base-debian12', 'distroless/static'), ...dynamic(false) }).status).toBe('fail');
  });
});

describe('exec-form', () => {
  it('an ENTRYPOINT resets a CMD inherited from the stage it is built on', () => {
    expect(status(execForm, 'FROM alpine:3 AS base\nCMD /app/run\nFROM base\nENTRYPOINT ["/app/api-service"]\n')).toBe('pass');
  });

  it('an explicit shell wrapper is the shell form, unless it execs', () => {
    expect(status(execForm, 'FROM alpine:3\nCMD ["/bin/sh", "-c", "/app/api-service --port 8080"]\n')).toBe('fail');
    expect(status(execForm, 'FROM alpine:3\nCMD ["/bin/sh", "-c", "exec /app/api-service --port 8080"]\n')).toBe('pass');
  });

  it('a stale image fails with "rebuild", even when the Dockerfile is right', () => {
    const built = image({ config: { entrypoint: null, cmd: ['/bin/sh', '-c', './api-service'] } });
    const f = judge(execForm, { dockerfile: 'FROM alpine:3\nCMD ["./api-service"]\n', image: built });
    expect(f.status).toBe('fail');
    expect(f.mistake).toBe('image-stale');
    expect(f.evidence?.[0]).toBe('CMD: the Dockerfile says ["./api-service"], the image has ["/bin/sh","-c","./api-service"]');
  });
});

describe('multi-stage evidence', () => {
  it('names a FROM build AS final chain for what it is', () => {
    const f = judge(multiStage, { dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /a .\nFROM build AS final\nCOPY --from=build /a /a\n' });
    expect(f.status).toBe('fail');
    expect(f.evidence).toContain('Dockerfile:3  COPY --from=build /a (a stage the final image is built on)'.replace(/^/, 'api-service/').replace(':3', ':4'));
    expect(f.evidence?.join('\n')).not.toMatch(/not a stage of this Dockerfile/);
  });
});

describe('ARG expansion resolves what the builder resolves', () => {
  it('nested defaults and several ARGs on one line', () => {
    expect(expand('${X:-${Y}}', { Y: 'golang' })).toBe('golang');
    expect(expand('${X:-${Y:-node}}:20', {})).toBe('node:20');
    expect(expand('${BASE}', { BASE: null })).toBeNull();
    expect(resolveGlobalArgs([['A', 'golang'], ['B', '${A}:1.22']], {})).toEqual({ A: 'golang', B: 'golang:1.22' });
    const f = parseDockerfile('/x/Dockerfile', 'ARG A=golang B=${A}:1.22\nFROM ${B} AS build\n');
    expect(f.stages[0]!.base).toBe('golang:1.22');
  });
});

describe('cache-reuse never fails falsely', () => {
  it('skips with the reason when the probe needs BuildKit, and judges the service stage install', () => {
    const text = 'FROM golang:1.22 AS build\nCOPY go.mod ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY . .\nRUN go build -o /a .\nFROM scratch\nCOPY --from=build /a /a\n';
    const f = judge(cacheReuse, { dockerfile: text, rebuild: { skipped: 'needs BuildKit (line 3: RUN --mount)' } });
    expect(f.status).toBe('skip');
    expect(f.summary).toContain('needs BuildKit');
  });
  it('a missing Dockerfile says so in one message', () => {
    expect(judge(cacheReuse, {}).summary).toBe('no Dockerfile at api-service/Dockerfile');
  });
});

describe('container-starts judges the start command, not the missing runtime', () => {
  const run = (over: object) => judge(containerStarts, { image: image(), run: { running: false, exitCode: 1, ...over } });
  it('passes a service that stopped because its database is unreachable', () => {
    expect(run({ logsTail: ['dial tcp: lookup postgres on 127.0.0.11:53: no such host'] }).status).toBe('pass');
  });
  it('fails a start command that cannot run, and says when it never started', () => {
    expect(run({ exitCode: 127, logsTail: ['/bin/sh: ./api-service: not found'] }).status).toBe('fail');
    const never = run({ exitCode: 128, error: 'unable to find user nobody: no matching entries in passwd file' });
    expect(never.status).toBe('fail');
    expect(never.evidence).toContain('it never ran, so it printed no logs');
  });
});

describe('the image is compared with the Dockerfile the way builders record it', () => {
  it('a comment inside a continued RUN is not part of the command', () => {
    const text = 'FROM debian:12\nRUN apt-get update \\\n  # lists for the install\n  && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n';
    const f = parseDockerfile('/x/Dockerfile', text);
    expect(f.stages[0]!.instructions[0]!.text).not.toContain('#');
    expect(judge(sameLayerCleanup, { dockerfile: text }).status).toBe('fail');
  });
  it('classic and BuildKit history rows both match; a removed step does not', () => {
    const text = 'FROM alpine:3\nARG V=1\nRUN apk add --no-cache curl \\\n && echo "done  now"\nCMD ["/app"]\n';
    const history = (createdBy: string) => image({ config: { cmd: ['/app'], entrypoint: null }, history: [{ createdBy, size: 10, emptyLayer: false }] });
    expect(judge(execForm, { dockerfile: text, image: history('/bin/sh -c apk add --no-cache curl  && echo "done  now"') }).status).toBe('pass');
    expect(judge(execForm, { dockerfile: text, image: history('RUN |1 V=1 /bin/sh -c apk add --no-cache curl  && echo "done  now" # buildkit') }).status).toBe('pass');
    expect(judge(execForm, { dockerfile: text, image: history('/bin/sh -c apk add curl') }).mistake).toBe('image-stale');
  });
});

describe('exec-form judges what the engine runs', () => {
  it.each([
    ['CMD exec /api-service', 'pass'],
    ['CMD ["/bin/sh","-c","exec /api-service"]', 'pass'],
    ['CMD ["sh","-c","sleep 1; exec /api-service"]', 'pass'],
    ['ENTRYPOINT ["/bin/sh","-c"]\nCMD ["exec /api-service"]', 'pass'],
    ['ENTRYPOINT ["/bin/sh","-c"]\nCMD ["/api-service"]', 'fail'],
    ['CMD /api-service', 'fail'],
    ["CMD ['/api-service']", 'fail'],
  ])('%s: %s', (start, want) => {
    expect(status(execForm, `FROM alpine:3\n${start}\n`)).toBe(want);
  });
  it('names single quotes in a would-be JSON array', () => {
    expect(judge(execForm, { dockerfile: "FROM alpine:3\nCMD ['/api-service']\n" }).evidence?.[1]).toMatch(/double quotes/);
  });
});
