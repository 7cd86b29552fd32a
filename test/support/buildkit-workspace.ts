import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOOD, WORK } from './fixtures.mjs';

/**
 * The good FlowForge workspace with a Dockerfile only BuildKit can build: a `# syntax=` line (which
 * offline must not make the probe pull a frontend), a heredoc, COPY --link and a cache mount on the
 * dependency install.
 */
export const BUILDKIT_DOCKERFILE = `# syntax=docker/dockerfile:1
ARG GO_IMAGE=dojo-fixture/golang:bookworm-1

FROM \${GO_IMAGE} AS build
RUN <<EOF
mkdir -p /src
echo "made by a heredoc" > /src/.heredoc
EOF
WORKDIR /src
COPY --link go.mod ./
RUN --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/api-service .

FROM scratch
COPY --from=build /out/api-service /api-service
USER 65532:65532
ENTRYPOINT ["/api-service"]
`;

/** Made under test/.work/<name>; returns its folder. */
export function buildKitWorkspace(name = 'buildkit-features'): string {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  cpSync(GOOD, dir, { recursive: true });
  writeFileSync(join(dir, 'api-service', 'Dockerfile'), BUILDKIT_DOCKERFILE);
  writeFileSync(join(dir, 'dojo.yaml'), 'services:\n  api-service: { image: "dojo-test/api-service:never-built" }\n');
  return dir;
}
