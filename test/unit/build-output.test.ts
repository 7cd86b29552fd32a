import { describe, expect, it } from 'vitest';
import { parseBuildOutput } from '../../src/checks/facts/build-output.js';

describe('build output', () => {
  it('reads cache hits from the classic builder', () => {
    const out = [
      'Step 1/6 : FROM golang:1.22 AS build', ' ---> 1a2b3c4d5e6f',
      'Step 2/6 : COPY go.mod ./', ' ---> Using cache', ' ---> 2b3c4d5e6f70',
      'Step 3/6 : RUN go mod download', ' ---> Using cache', ' ---> 3c4d5e6f7081',
      'Step 4/6 : COPY . .', ' ---> 4d5e6f708192',
      'Step 5/6 : RUN go build -o /app .', ' ---> Running in 5e6f708192a3', ' ---> 6f708192a3b4',
    ].join('\n');
    const { builder, steps } = parseBuildOutput(out);
    expect(builder).toBe('classic');
    expect(steps.map((s) => `${s.index} ${s.cached ? 'cached' : 'ran'} ${s.instruction}`)).toEqual([
      '1 ran FROM golang:1.22 AS build', '2 cached COPY go.mod ./', '3 cached RUN go mod download', '4 ran COPY . .', '5 ran RUN go build -o /app .',
    ]);
  });

  it('reads cache hits from BuildKit plain progress, stage names included', () => {
    const out = [
      '#5 [build 2/5] COPY go.mod ./', '#5 CACHED',
      '#6 [build 3/5] RUN go mod download', '#6 CACHED',
      '#7 [build 4/5] COPY . .', '#7 DONE 0.1s',
      '#8 [build 5/5] RUN go build -o /app .', '#8 0.512 compiling', '#8 DONE 9.8s',
      '#9 [stage-1 1/1] COPY --from=build /app /app', '#9 DONE 0.0s',
    ].join('\n');
    const { builder, steps } = parseBuildOutput(out);
    expect(builder).toBe('buildkit');
    expect(steps.filter((s) => s.cached).map((s) => s.instruction)).toEqual(['COPY go.mod ./', 'RUN go mod download']);
    expect(steps).toHaveLength(5);
  });
});

describe('the probe Dockerfile', () => {
  it('ends right after the install of the stage the service is built from, continuation lines included', async () => {
    const { cutAfter } = await import('../../src/checks/facts/rebuild.js');
    const { serviceInstall } = await import('../../src/checks/facts/stage-steps.js');
    const { parseDockerfile } = await import('../../src/checks/facts/dockerfile.js');
    // A test stage first installs its own tools; the service's install is the one in the build stage it copies from.
    const text = 'FROM node:20 AS lint\nRUN npm install -g eslint\nCOPY package.json ./\nRUN npm ci\nFROM golang:1.22 AS build\nCOPY go.mod ./\nRUN go mod download \\\n && go mod verify\nCOPY . .\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n';
    const install = serviceInstall(parseDockerfile('/x/Dockerfile', text))!;
    expect(install.line).toBe(7);
    expect(cutAfter(text, install.endLine)).toBe('FROM node:20 AS lint\nRUN npm install -g eslint\nCOPY package.json ./\nRUN npm ci\nFROM golang:1.22 AS build\nCOPY go.mod ./\nRUN go mod download \\\n && go mod verify\n');
    expect(serviceInstall(parseDockerfile('/x/Dockerfile', 'FROM golang\nCOPY . .\nRUN go build .\n'))).toBeUndefined();
  });
});
