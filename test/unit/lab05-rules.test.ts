// Lab 05a's pure rules over facts given inline: how USER resolves, where secrets hide, what a
// container keeps, what a scanner's report says. The engine tests prove the same on real objects.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/checks/facts/dockerfile.js';
import { parseGrype, parseTrivy } from '../../src/checks/facts/scan-report.js';
import { dockerfileSecrets, imageSecrets, secretFileCandidates } from '../../src/checks/facts/secret-model.js';
import { dockerfileUser, resolveUser, staticUserVerdict } from '../../src/checks/facts/user-model.js';
import { capsDropped, effectiveCaps, readOnlyRootfs, resourceLimits } from '../../src/checks/kinds/hardening.js';
import { imageScan } from '../../src/checks/kinds/image-scan.js';
import { noSecrets } from '../../src/checks/kinds/no-secrets.js';
import { nonRootUser } from '../../src/checks/kinds/non-root-user.js';
import { redactText } from '../../src/checks/redact.js';
import { container, df, image, judge } from '../support/rules.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/nonexistent:/bin/false\ntoor:x:0:0::/root:/bin/sh\n';
const parsed = (text: string) => parseDockerfile('/ws/api-service/Dockerfile', text);
const fs = (files: Record<string, string> = {}, paths: Record<string, { exists: boolean }> = {}) => ({ paths, files, entrypoint: null });

describe('USER as the engine resolves it', () => {
  it('unset, names through the image /etc/passwd, uids, user:group', () => {
    expect(['', 'root', '0', '0:0', 'root:root', '0:staff', 'app', 'app:app', '10001', '10001:0', 'toor', 'ghost'].map((u) => [u, resolveUser(u, PASSWD).uid, resolveUser(u, PASSWD).root])).toMatchInlineSnapshot(`
      [
        [
          "",
          0,
          true,
        ],
        [
          "root",
          0,
          true,
        ],
        [
          "0",
          0,
          true,
        ],
        [
          "0:0",
          0,
          true,
        ],
        [
          "root:root",
          0,
          true,
        ],
        [
          "0:staff",
          0,
          true,
        ],
        [
          "app",
          10001,
          false,
        ],
        [
          "app:app",
          10001,
          false,
        ],
        [
          "10001",
          10001,
          false,
        ],
        [
          "10001:0",
          10001,
          false,
        ],
        [
          "toor",
          0,
          true,
        ],
        [
          "ghost",
          null,
          null,
        ],
      ]
    `);
    expect(resolveUser('app', undefined).how).toBe('the image has no /etc/passwd, so the engine cannot start a container as app');
    expect(resolveUser('65532', undefined)).toEqual({ raw: '65532', uid: 65532, root: false, how: 'uid 65532' });
  });

  it('the Dockerfile: only the final chain counts; nothing set inherits; scratch has no user', () => {
    const verdict = (text: string) => staticUserVerdict(dockerfileUser(parsed(text)));
    expect(verdict('FROM golang:1.22 AS build\nUSER 10001\nFROM alpine:3.20\n')).toBe('inherits');
    expect(verdict('FROM golang:1.22 AS build\nUSER 10001\nFROM scratch\n')).toBe('fail');
    expect(verdict('FROM alpine:3.20 AS base\nUSER app\nFROM base\nCOPY a /a\n')).toBe('pass');
    expect(verdict('ARG UID=0\nFROM alpine:3.20\nARG UID\nUSER ${UID}:${UID}\n')).toBe('fail');
    expect(verdict('FROM alpine:3.20\nARG UID\nUSER ${UID}\n')).toBe('unknown');
    expect(dockerfileUser(parsed('FROM golang:1.22 AS build\nUSER 10001\nFROM alpine:3.20\n')).elsewhere).toEqual([{ line: 2, text: 'USER 10001', stage: 'build' }]);
  });

  it('non-root-user judges the running container: its user overrides the image\'s (compose user:, docker run --user)', () => {
    const run = (imageUser: string, containerUser: string) => {
      const f = judge(nonRootUser, { dockerfile: imageUser ? `FROM alpine:3.20\nUSER ${imageUser}\n` : 'FROM alpine:3.20\n', image: image({ config: { user: imageUser } }), imagefs: fs({ '/etc/passwd': PASSWD, '/etc/group': 'root:x:0:\napp:x:10001:\n' }), container: { user: containerUser } });
      return [f.status, f.summary, ...(f.evidence ?? [])];
    };
    expect([run('10001', 'root'), run('', '10001:10001'), run('10001', '10001'), run('10001', '')]).toMatchInlineSnapshot(`
      [
        [
          "fail",
          "api-service runs as root: it was started with user "root", which overrides the image's USER 10001",
          "container api-service: user "root", set when it was started, overrides the image's: root is uid 0 in the image's /etc/passwd",
          "flowforge/api-service:dev: Config.User "10001": uid 10001",
          "api-service/Dockerfile:2  USER 10001",
        ],
        [
          "pass",
          "api-service runs as uid 10001: its start overrides the image's user (the image alone would run as root)",
          "container api-service: user "10001:10001", set when it was started, overrides the image's: uid 10001, group 10001",
          "flowforge/api-service:dev: Config.User "": no user set, so the process runs as root (uid 0)",
          "api-service/Dockerfile:1  no USER in the final stage: it inherits the user of its base alpine:3.20",
        ],
        [
          "pass",
          "flowforge/api-service:dev runs as uid 10001",
          "flowforge/api-service:dev: Config.User "10001": uid 10001",
          "container api-service runs with the image's user",
          "api-service/Dockerfile:2  USER 10001",
        ],
        [
          "fail",
          "api-service runs as root: it was created from a build of the image without a user; recreate it from the current image",
          "container api-service: user "": no user set, so the process runs as root (uid 0)",
          "flowforge/api-service:dev: Config.User "10001": uid 10001",
          "api-service/Dockerfile:2  USER 10001",
        ],
      ]
    `);
  });

  it('non-root-user: a group name must be in the image\'s /etc/group (the engine cannot start otherwise)', () => {
    expect(['app:app', 'app:10001', '10001:app', 'app:ghost'].map((u) => resolveUser(u, PASSWD, null).how)).toMatchInlineSnapshot(`
      [
        "the image has no /etc/group to find group app in, so the engine cannot start a container as app:app ("unable to find group app")",
        "app is uid 10001 in the image's /etc/passwd, group 10001",
        "the image has no /etc/group to find group app in, so the engine cannot start a container as 10001:app ("unable to find group app")",
        "the image has no /etc/group to find group ghost in, so the engine cannot start a container as app:ghost ("unable to find group ghost")",
      ]
    `);
    expect(resolveUser('app:app', PASSWD, 'app:x:10001:\n')).toMatchObject({ uid: 10001, root: false });
    expect(resolveUser('app:ghost', PASSWD, 'app:x:10001:\n').root).toBeNull();
    const f = judge(nonRootUser, { dockerfile: 'FROM alpine:3.20\nUSER app:app\n', image: image({ config: { user: 'app:app' } }), imagefs: fs({ '/etc/passwd': PASSWD }) });
    expect([f.status, f.summary]).toMatchInlineSnapshot(`
      [
        "fail",
        "flowforge/api-service:dev names a user or group the image does not have",
      ]
    `);
  });

  it('non-root-user: the image wins, and the evidence says why', () => {
    const run = (dockerfile: string, user: string) => judge(nonRootUser, { dockerfile, image: image({ config: { user } }), imagefs: fs({ '/etc/passwd': PASSWD }) });
    expect(run('FROM alpine:3.20\nUSER toor\n', 'toor')).toMatchInlineSnapshot(`
      {
        "evidence": [
          "flowforge/api-service:dev: Config.User "toor": toor is uid 0 in the image's /etc/passwd, which is root",
          "api-service/Dockerfile:2  USER toor",
        ],
        "location": {
          "file": "/ws/api-service/Dockerfile",
          "line": 2,
        },
        "status": "fail",
        "summary": "flowforge/api-service:dev runs as root: toor is uid 0 in the image",
      }
    `);
    expect(run('FROM golang:1.22 AS b\nUSER 1000\nFROM example/base:1\n', '')).toMatchInlineSnapshot(`
      {
        "evidence": [
          "flowforge/api-service:dev: Config.User "": no user set, so the process runs as root (uid 0)",
          "api-service/Dockerfile:3  no USER in the final stage: it inherits the user of its base example/base:1",
          "api-service/Dockerfile:2  USER 1000 is in stage b, which the final image does not include",
        ],
        "location": {
          "file": "/ws/api-service/Dockerfile",
          "line": 3,
        },
        "status": "fail",
        "summary": "flowforge/api-service:dev runs as root, inherited from the base example/base:1",
      }
    `);
    expect(run('FROM example/nonroot:1\n', '65532').summary).toBe('flowforge/api-service:dev runs as uid 65532, inherited from its base');
    expect(run('FROM alpine:3.20\nUSER ghost\n', 'ghost').summary).toBe('flowforge/api-service:dev names a user or group the image does not have');
  });

  it('non-root-user without an image: a root Dockerfile fails on its own, anything else needs the build', () => {
    expect(judge(nonRootUser, { dockerfile: 'FROM scratch\nCOPY a /a\n', image: null }).status).toBe('fail');
    expect(judge(nonRootUser, { dockerfile: 'FROM alpine:3.20\nUSER app\n', image: null }).status).toBe('error');
  });
});

describe('secrets', () => {
  it('Dockerfile literals are findings with their line; references, *_FILE and PUBLIC_KEY are not', () => {
    const hits = dockerfileSecrets(parsed(df(`
      FROM alpine:3.20 AS build
      ARG NPM_TOKEN=npm_0123456789
      ENV DB_PASSWORD_FILE=/run/secrets/db PUBLIC_KEY=ssh-ed25519AAAA
      ENV API_KEY=\${API_KEY}
      FROM alpine:3.20
      ENV SECRET_KEY hunter22
      LABEL "com.example.token"="abc123" org.opencontainers.image.title=api
      RUN curl -u user:pass https://x.example && echo postgres://app:s3cr3t@db/app
    `)));
    expect(hits).toMatchInlineSnapshot(`
      [
        {
          "line": 2,
          "name": "NPM_TOKEN",
          "what": "ARG NPM_TOKEN=**** (a default value)",
          "where": "dockerfile",
        },
        {
          "line": 6,
          "name": "SECRET_KEY",
          "what": "ENV SECRET_KEY=****",
          "where": "dockerfile",
        },
        {
          "line": 7,
          "name": "com.example.token",
          "what": "LABEL com.example.token=****",
          "where": "dockerfile",
        },
        {
          "line": 8,
          "name": "RUN",
          "what": "RUN holds a value shaped like a key or a URL with a password",
          "where": "dockerfile",
        },
      ]
    `);
    expect(JSON.stringify(hits)).not.toMatch(/npm_0123456789|hunter22|abc123|s3cr3t/);
  });

  it('the image: ENV, build arguments in history (classic and BuildKit rows), ENV kept in history, labels', () => {
    const img = image({
      config: { env: ['PATH=/bin', 'API_KEY=k-123456', 'PASSWORD_FILE=/run/secrets/pw', 'GREETING=ghp_0123456789abcdefghijklmnopqrstuvwxyz'], labels: { 'vendor.api-token': 'tok-999' } },
      history: [
        { createdBy: '|1 GITHUB_TOKEN=gh-secret-1 /bin/sh -c make', size: 10, emptyLayer: false },
        { createdBy: 'RUN |2 GOFLAGS=-mod=mod NPM_TOKEN=npm-2 /bin/sh -c npm ci # buildkit', size: 10, emptyLayer: false },
        { createdBy: '/bin/sh -c #(nop)  ENV DB_PASSWORD=was-set-then-cleared', size: 0, emptyLayer: true },
        { createdBy: '/bin/sh -c #(nop)  ENV API_KEY=k-123456', size: 0, emptyLayer: true },
      ],
    });
    const hits = imageSecrets(img);
    expect(hits.map((h) => `${h.where} ${h.name}`)).toEqual(['env API_KEY', 'env GREETING', 'history GITHUB_TOKEN', 'history NPM_TOKEN', 'history DB_PASSWORD', 'label vendor.api-token']);
    expect(JSON.stringify(hits)).not.toMatch(/k-123456|ghp_|gh-secret|npm-2|was-set|tok-999/);
    expect(imageSecrets(img, ['API_KEY', 'GREETING', 'GITHUB_TOKEN', 'NPM_TOKEN', 'DB_PASSWORD', 'vendor.api-token'])).toEqual([]);
  });

  it('credential files land where COPY puts them, the ignore file applied', () => {
    const dockerfile = parsed('FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nCOPY keys/ /etc/keys/\nCOPY config/.env.production ./conf/\n');
    const context = { files: ['main.go', '.env', '.env.example', 'keys/id_rsa', 'keys/id_rsa.pub', 'config/.env.production', 'certs/ca.pem'], dockerignore: { lines: ['keys/id_rsa'] } };
    expect(secretFileCandidates(dockerfile, context).filter((c) => c.line)).toEqual([
      { path: '/app/.env', line: 3 },
      { path: '/app/config/.env.production', line: 3 },
      { path: '/app/conf/.env.production', line: 5 },
    ]);
    expect(secretFileCandidates(dockerfile, context).filter((c) => !c.line).map((c) => c.path)).toContain('/root/.ssh/id_rsa');
  });

  it('no-secrets: names that describe a secret and plain numbers are not secrets; MYSQL_PWD is (walkthrough)', () => {
    const hits = dockerfileSecrets(parsed('FROM alpine:3.20\nENV TOKEN_TTL=3600 API_KEY_HEADER=X-Api-Key SECRET_NAME=flowforge/db PASSWORD_MIN_LENGTH=12\nENV MYSQL_PWD=hunter2 API_KEY=1234\n'));
    expect(hits.map((h) => h.what)).toMatchInlineSnapshot(`
      [
        "ENV MYSQL_PWD=****",
      ]
    `);
  });

  it('credential files reach the final image through a build stage (COPY --from followed back to the context)', () => {
    const context = { files: ['main.go', 'go.mod', '.env', 'certs/server.key', 'certs/server.crt'], dockerignore: { lines: [] } };
    const one = parsed('FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/api .\nFROM alpine:3.20\nCOPY --from=build /src/.env /etc/flowforge/.env\nCOPY --from=build /out/api /usr/local/bin/api\n');
    const tree = parsed('FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nFROM build AS test\nFROM alpine:3.20\nCOPY --from=test /src /opt/flowforge\nCOPY --from=docker.io/library/nginx:1 /etc/nginx /etc/nginx\n');
    expect([one, tree].map((d) => secretFileCandidates(d, context).filter((c) => c.line))).toMatchInlineSnapshot(`
      [
        [
          {
            "line": 6,
            "path": "/etc/flowforge/.env",
            "via": {
              "line": 3,
              "stage": "build",
            },
          },
        ],
        [
          {
            "line": 6,
            "path": "/opt/flowforge/.env",
            "via": {
              "line": 3,
              "stage": "build",
            },
          },
          {
            "line": 6,
            "path": "/opt/flowforge/certs/server.key",
            "via": {
              "line": 3,
              "stage": "build",
            },
          },
        ],
      ]
    `);
    const f = judge(noSecrets, {
      dockerfile: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nFROM alpine:3.20\nCOPY --from=build /src /opt/flowforge\n',
      context: { files: ['.env', 'main.go', 'certs/server.key'] },
      image: image({ history: [{ createdBy: '/bin/sh -c #(nop) COPY dir:0a1b2c in /opt/flowforge ', size: 5, emptyLayer: false }] }),
      imagefs: fs({}, { '/opt/flowforge/.env': { exists: true }, '/opt/flowforge/certs/server.key': { exists: true } }),
    });
    expect([f.status, f.summary, ...(f.evidence ?? [])]).toMatchInlineSnapshot(`
      [
        "fail",
        "secrets found in files in the image (values not shown)",
        "api-service/Dockerfile:5  puts /opt/flowforge/.env into the image (from stage build, which took it from the build context at line 3)",
        "api-service/Dockerfile:5  puts /opt/flowforge/certs/server.key into the image (from stage build, which took it from the build context at line 3)",
      ]
    `);
  });

  it('no-secrets says when the image holds a secret the current Dockerfile no longer sets (a failed rebuild left the old image)', () => {
    const f = judge(noSecrets, {
      dockerfile: 'FROM alpine:3.20\nENV PORT=8080\nCOPY api /api\n',
      image: image({ config: { env: ['PATH=/bin', 'PORT=8080', 'API_KEY=k-123456'] }, history: [{ createdBy: '/bin/sh -c #(nop) COPY file:0a1b in /api ', size: 5, emptyLayer: false }] }),
    });
    expect([f.status, f.summary, ...(f.evidence ?? [])]).toMatchInlineSnapshot(`
      [
        "fail",
        "secrets found in the image config or history (values not shown); flowforge/api-service:dev may be older than api-service/Dockerfile: rebuild, then check again",
        "ENV API_KEY in the image config (docker image inspect shows its value); the current api-service/Dockerfile does not set API_KEY: the image is older than the Dockerfile (did the last docker build fail?) or its base sets it",
      ]
    `);
  });

  it('no-secrets names the places, never the values', () => {
    const f = judge(noSecrets, {
      dockerfile: 'FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN make\nCOPY . /app/\n',
      context: { files: ['.env', 'main.go'] },
      image: image({ history: [
        { createdBy: '/bin/sh -c #(nop) COPY dir:0a1b2c in /app/ ', size: 5, emptyLayer: false },
        { createdBy: '|1 GITHUB_TOKEN=gh-secret-1 /bin/sh -c make', size: 1, emptyLayer: false },
      ] }),
      imagefs: fs({}, { '/app/.env': { exists: true } }),
    });
    expect(f).toMatchInlineSnapshot(`
      {
        "evidence": [
          "build argument GITHUB_TOKEN is recorded in the history of a RUN step (docker history --no-trunc shows its value)",
          "api-service/Dockerfile:2  ARG GITHUB_TOKEN: a value passed with --build-arg is kept in the history of every RUN after it",
          "api-service/Dockerfile:4  puts /app/.env into the image",
        ],
        "location": {
          "file": "/ws/api-service/Dockerfile",
          "line": 2,
        },
        "status": "fail",
        "summary": "secrets found in the image config or history, files in the image (values not shown)",
      }
    `);
  });

  it('redaction masks URL passwords and private key headers', () => {
    expect(redactText('DATABASE_URL=postgres://app:s3cr3t@db:5432/app', [])).toBe('DATABASE_URL=postgres://app:****@db:5432/app');
    expect(redactText('key: -----BEGIN OPENSSH PRIVATE KEY-----', [])).toBe('key: ****');
  });
});

describe('the running container', () => {
  it('effective capabilities follow drop, add and privileged as the engine applies them', () => {
    expect(effectiveCaps({ privileged: false, capAdd: [], capDrop: ['ALL'] })).toEqual([]);
    expect(effectiveCaps({ privileged: false, capAdd: ['CAP_NET_BIND_SERVICE'], capDrop: ['all'] })).toEqual(['NET_BIND_SERVICE']);
    expect(effectiveCaps({ privileged: false, capAdd: ['SYS_ADMIN'], capDrop: ['NET_RAW', 'MKNOD'] })).toHaveLength(13);
    expect(effectiveCaps({ privileged: true, capAdd: [], capDrop: ['ALL'] })).toBe('ALL');
  });

  it('caps-dropped: every problem at once, with what is left', () => {
    expect(judge(capsDropped, { container: { capDrop: ['NET_RAW'], capAdd: ['SYS_ADMIN'] } })).toMatchInlineSnapshot(`
      {
        "evidence": [
          "api-service still has: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_ADMIN, SYS_CHROOT",
          "cap_drop: NET_RAW; cap_add: SYS_ADMIN; privileged: false; security_opt: none",
        ],
        "status": "fail",
        "summary": "api-service does not drop ALL: it keeps 13 of the engine's 14 default capabilities; adds SYS_ADMIN, which is not in the allowed list (NET_BIND_SERVICE); has no no-new-privileges: a setuid program inside could still gain privileges",
      }
    `);
    expect(judge(capsDropped, { container: { capDrop: ['ALL'], capAdd: ['NET_BIND_SERVICE'], securityOpt: ['no-new-privileges:true'] } }).summary).toBe('api-service runs with only NET_BIND_SERVICE');
  });

  it('caps-dropped: dropping each of the 14 default capabilities by name is the same as ALL', () => {
    const each = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'CAP_SYS_CHROOT'];
    const f = judge(capsDropped, { container: { capDrop: each, securityOpt: ['no-new-privileges'] } });
    expect([f.status, f.summary, f.evidence?.[0]]).toMatchInlineSnapshot(`
      [
        "pass",
        "api-service runs with no capabilities",
        "api-service still has: no capabilities",
      ]
    `);
  });

  it('read-only-rootfs: paths normalised, a read-only tmpfs is not writable, every writable place named', () => {
    const ro = (over: Record<string, unknown>) => {
      const f = judge(readOnlyRootfs, { container: { readonlyRootfs: true, ...over } });
      return `${f.status}: ${f.summary}`;
    };
    expect([
      ro({ tmpfs: ['/tmp/'], tmpfsOptions: { '/tmp/': '' } }),
      ro({ tmpfs: ['/tmp'], tmpfsOptions: { '/tmp': 'ro' } }),
      ro({ tmpfs: ['/tmp', '/run'], tmpfsOptions: { '/tmp': 'rw,size=64m', '/run': '' }, mounts: [{ type: 'volume', name: 'data', source: '/x', destination: '/data', rw: true }, { type: 'bind', name: null, source: '/etc/ff', destination: '/etc/ff', rw: false }] }),
    ]).toMatchInlineSnapshot(`
      [
        "pass: api-service runs read-only, writable only at /tmp (tmpfs)",
        "fail: api-service is read-only but has nothing writable at /tmp (the tmpfs at /tmp is mounted read-only)",
        "pass: api-service runs read-only, writable only at /tmp (tmpfs), /run (tmpfs), /data (volume)",
      ]
    `);
  });

  it('limits and a read-only root: judged on the container; none at all is an error, not a fail', () => {
    expect(judge(resourceLimits, { container: { memoryLimit: 128 * 1024 * 1024, pidsLimit: null } }, { pids: true }).summary).toBe('api-service has no pids limit');
    expect(judge(resourceLimits, { container: { memoryLimit: 512 * 1024 * 1024 } }, { maxMemoryMb: 256 }).summary).toBe('api-service has a memory limit above 256 MiB');
    expect(judge(readOnlyRootfs, { container: { readonlyRootfs: true } }).summary).toBe('api-service is read-only but has nothing writable at /tmp');
    expect(judge(readOnlyRootfs, { container: { readonlyRootfs: true, tmpfs: ['/tmp'] } }).status).toBe('pass');
    expect(judge(capsDropped, {}).status).toBe('error');
    expect(judge(capsDropped, { container: { running: false, status: 'exited', exitCode: 1 } }).summary).toMatch(/is not running \(status exited, exit code 1\)/);
  });
});

describe('image-scan', () => {
  const report = { Results: [{ Vulnerabilities: [
    { VulnerabilityID: 'CVE-1', PkgName: 'openssl', InstalledVersion: '3.0.1', FixedVersion: '3.0.2', Severity: 'HIGH' },
    { VulnerabilityID: 'CVE-2', PkgName: 'stdlib', InstalledVersion: '1.19', Severity: 'CRITICAL' },
  ] }, { Vulnerabilities: null }] };

  it('reads trivy and grype reports into counts', () => {
    expect(parseTrivy(report).counts).toEqual({ CRITICAL: 1, HIGH: 1, MEDIUM: 0, LOW: 0, UNKNOWN: 0 });
    expect(parseGrype({ matches: [{ vulnerability: { id: 'GHSA-1', severity: 'Negligible' }, artifact: { name: 'x', version: '1' } }] }).counts.LOW).toBe(1);
  });

  it('fails on the severities in failOn, skips without a scanner or a database', () => {
    const scanned = { scanner: 'trivy' as const, report: parseTrivy(report) };
    expect(judge(imageScan, { image: image(), scan: scanned })).toMatchInlineSnapshot(`
      {
        "evidence": [
          "trivy (offline): CRITICAL 1, HIGH 1, MEDIUM 0, LOW 0, UNKNOWN 0",
          "CRITICAL CVE-2 in stdlib 1.19, no fixed version yet",
        ],
        "status": "fail",
        "summary": "flowforge/api-service:dev has 1 known vulnerability rated CRITICAL",
      }
    `);
    expect(judge(imageScan, { image: image(), scan: scanned }, { failOn: ['CRITICAL', 'HIGH'] }).summary).toBe('flowforge/api-service:dev has 2 known vulnerabilities rated CRITICAL or HIGH');
    expect(judge(imageScan, { image: image(), scan: { scanner: null } }).status).toBe('skip');
    expect(judge(imageScan, { image: image(), scan: { scanner: 'trivy', problem: { noDatabase: true, message: 'first run' } } }).status).toBe('skip');
    expect(judge(imageScan, { image: image(), scan: { scanner: 'grype', problem: { noDatabase: false, message: 'boom' } } }).status).toBe('error');
  });
});

describe('what redaction gathers from an image', () => {
  it('hides build arguments and labels seen in the image, but not flags that merely have a secret-looking name', async () => {
    const { gatherSecrets } = await import('../../src/checks/redact.js');
    const { Facts } = await import('../../src/checks/facts/store.js');
    const facts = new Facts();
    const req = { type: 'image' as const, ref: 'x' };
    facts.set(req, image({
      config: { labels: { 'vendor.api-token': 'label-secret-1' } },
      history: [{ createdBy: '|2 GITHUB_TOKEN=history-secret-1 SKIP_TOKEN_CHECK=true /bin/sh -c make', size: 1, emptyLayer: false }],
    }));
    expect(gatherSecrets([req], facts, [])).toEqual(['history-secret-1', 'label-secret-1']);
  });
});
