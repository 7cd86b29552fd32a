import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temp student workspace with the given files (path -> content). */
export function tempWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-ws-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** api-service with COPY . . before go mod download: layer-order fails without any engine. */
export const copyBeforeDeps = {
  'api-service/go.mod': 'module x\n\ngo 1.19\n',
  'api-service/main.go': 'package main\n\nfunc main() {}\n',
  'api-service/Dockerfile': 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
};

export const fixedOrder = {
  ...copyBeforeDeps,
  'api-service/Dockerfile': 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
};
