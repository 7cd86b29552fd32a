import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { GlobalOptions } from '../context.js';
import { DojoError, ExitCode } from '../errors.js';
import { DOJO_VERSION } from '../version.js';
import { loadWorkspace } from '../workspace.js';
import { openCourse } from './shared.js';

export interface CiInitResult {
  type: 'ci-init';
  file: string;
  overwritten: boolean;
  /** What the workflow builds and starts, as dojo found it in the workspace. */
  builds: { service: string; image: string }[];
  compose: string[];
  notices: string[];
}

export const WORKFLOW_PATH = '.github/workflows/dojo.yml';
export const REPORT_FILE = 'dojo-report.xml';

/** Writes a GitHub Actions workflow that builds the images, starts the stack and runs the exit gate. */
export async function ciInit(g: GlobalOptions, opts: { force?: boolean; path?: string }): Promise<CiInitResult> {
  const course = await openCourse(g);
  const file = resolve(g.workspace, opts.path ?? WORKFLOW_PATH);
  const existed = existsSync(file);
  if (existed && !opts.force) {
    throw new DojoError({
      code: 'E_EXISTS',
      message: `${file} already exists; dojo did not change it`,
      suggestion: 'Run `dojo ci init --force` to replace it (your edits to it would be lost), or --path <file> to write another.',
      exitCode: ExitCode.badInput,
    });
  }
  const targets = {
    services: [...new Set(course.labs.flatMap((l) => l.meta.targets.services))],
    layout: Object.assign({}, ...course.labs.map((l) => l.meta.targets.layout)),
    network: false, volume: false, compose: false,
  };
  const ws = await loadWorkspace(g.workspace, { targets, courseServices: targets.services });
  const rel = (p: string) => relative(ws.dir, p).split('\\').join('/') || '.';
  const builds = Object.values(ws.services).filter((s) => existsSync(s.dockerfile)).map((s) => ({ service: s.name, image: s.image, context: rel(s.context), dockerfile: rel(s.dockerfile) }));
  const compose = ws.compose.files.filter((f) => existsSync(f)).map(rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, workflow(builds, compose));
  return { type: 'ci-init', file, overwritten: existed, builds: builds.map(({ service, image }) => ({ service, image })), compose, notices: [] };
}

const q = (s: string) => JSON.stringify(s); // a YAML double-quoted scalar is a JSON string

function workflow(builds: { service: string; image: string; context: string; dockerfile: string }[], compose: string[]): string {
  const files = compose.map((f) => `-f ${f}`).join(' ');
  const steps = [
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 20',
    '      - name: Install dojo',
    `        run: npm install --global dojo-docker@${DOJO_VERSION}`,
    ...builds.flatMap((b) => [
      `      - name: ${q(`Build ${b.service}`)}`,
      `        run: docker build -t ${q(b.image)} -f ${q(b.dockerfile)} ${q(b.context)}`,
    ]),
    ...(compose.length
      ? ['      - name: Start the stack', `        run: docker compose ${files} up --detach --wait`]
      : []),
    '      - name: Run the exit gate',
    '        # Add --answers <file> to grade the quizzes, --strict or --config <file> to pin the targets.',
    `        run: dojo checklist --ci --format junit --output ${REPORT_FILE}`,
    '      - name: Upload the report',
    '        if: always()',
    '        uses: actions/upload-artifact@v4',
    '        with:',
    '          name: dojo-report',
    `          path: ${REPORT_FILE}`,
    ...(compose.length ? ['      - name: Stop the stack', '        if: always()', `        run: docker compose ${files} down --volumes`] : []),
  ];
  return [
    `# Written by \`dojo ci init\` (dojo ${DOJO_VERSION}): grades this repository with the module's exit gate.`,
    '# Edit freely; `dojo ci init --force` writes it anew.',
    'name: dojo checklist',
    'on:',
    '  push:',
    '  pull_request:',
    '  workflow_dispatch:',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  checklist:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...steps,
    '',
  ].join('\n');
}
