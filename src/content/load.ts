import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { DojoError } from '../errors.js';
import { locate } from './yaml-source.js';
import { parseMarkdownFile, parseYamlFile, type Parsed } from './parse.js';
import { checksFile, examples, hintsFile, labFrontMatter, type ChecksFile, type HintsFile } from './schema.js';
import { crossCheck, type KindCatalog } from './crosscheck.js';
import type { ContentIssue, Course, Lab } from './types.js';

export interface LoadResult {
  course?: Course;
  issues: ContentIssue[];
}

/** Parse, validate against the schemas, then cross-check references. Never throws on bad content. */
export function loadCourseWithIssues(dir: string, kinds?: KindCatalog): LoadResult {
  const issues: ContentIssue[] = [];
  const labsDir = join(dir, 'labs');
  if (!existsSync(labsDir)) {
    issues.push({ location: { file: labsDir }, message: 'no labs/ folder: is this a dojo course?' });
    return { issues };
  }
  const collect = <P extends Parsed<unknown>>(p: P): P => (issues.push(...p.issues), p);
  const guard = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof DojoError)) throw err;
      issues.push({ location: err.location ?? { file: dir }, message: err.message.replace(/^\S+:\d+(:\d+)?: /, ''), hint: err.suggestion });
      return undefined;
    }
  };

  const labs: Lab[] = [];
  const labNames = new Set(listFiles(labsDir, '.md').map((n) => basename(n, '.md')));
  for (const name of listFiles(labsDir, '.md')) {
    const file = join(labsDir, name);
    const lab = guard(() => collect(parseMarkdownFile(file, labFrontMatter, examples.lab)));
    if (!lab?.value) continue;
    const id = lab.value.id;
    if (basename(name, '.md') !== id) {
      issues.push({ location: locate(lab.src, ['id']), message: `id "${id}" does not match the file name ${name}` });
    }
    const hints = loadSibling<HintsFile>(dir, 'hints', id, hintsFile, examples.hints, issues, guard);
    const checks = loadSibling<ChecksFile>(dir, 'checks', id, checksFile, examples.checks, issues, guard);
    if (!hints?.value || !checks?.value) continue;
    const checkLocations = new Map(checks.value.checks.map((c, i) => [c.id, locate(checks.src, ['checks', i])]));
    labs.push({ meta: lab.value, body: lab.body, file, hints: hints.value, checks: checks.value.checks, checkLocations });
  }
  labs.sort((a, b) => a.meta.order - b.meta.order);
  const course: Course = { dir, labs };
  issues.push(...crossCheck(course, kinds));
  for (const sub of ['hints', 'checks']) {
    for (const name of listFiles(join(dir, sub), '')) {
      const lab = name.replace(/\.ya?ml$/, '');
      if (!name.match(/\.ya?ml$/) || !labNames.has(lab)) {
        issues.push({ location: { file: join(dir, sub, name) }, message: `orphan file: no labs/${lab}.md uses it` });
      }
    }
  }
  return { course, issues };
}

export function loadCourse(dir: string, kinds?: KindCatalog): Course {
  const { course, issues } = loadCourseWithIssues(dir, kinds);
  if (!course || issues.length) throw contentError(dir, issues);
  return course;
}

export function contentError(dir: string, issues: ContentIssue[]): DojoError {
  const first = issues[0];
  const where = (i: ContentIssue) =>
    `${relative(process.cwd(), i.location.file) || i.location.file}${i.location.line ? `:${i.location.line}` : ''}${i.location.column ? `:${i.location.column}` : ''}`;
  return new DojoError({
    code: 'E_CONTENT',
    message: first ? `${where(first)}: ${first.message}` : `the course at ${dir} has no labs`,
    details: issues.slice(1).map((i) => `${where(i)}: ${i.message}`),
    suggestion: first?.example ? `Expected a form like:\n${first.example}` : (first?.hint ?? 'Run `dojo validate` on the course for the full list.'),
    location: first?.location,
  });
}

function loadSibling<T>(
  dir: string, sub: string, lab: string, schema: Parameters<typeof parseYamlFile<T>>[1], example: string,
  issues: ContentIssue[], guard: <R>(fn: () => R) => R | undefined,
): Parsed<T> | undefined {
  const file = join(dir, sub, `${lab}.yaml`);
  if (!existsSync(file)) {
    issues.push({ location: { file }, message: `labs/${lab}.md has no ${sub}/${lab}.yaml`, example });
    return undefined;
  }
  const parsed = guard(() => parseYamlFile(file, schema, example));
  if (parsed) issues.push(...parsed.issues);
  return parsed;
}

function listFiles(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.endsWith(ext) && !n.startsWith('.')).sort();
}
