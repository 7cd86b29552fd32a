import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { DojoError, formatLocation } from '../errors.js';
import { locate } from './yaml-source.js';
import { parseMarkdownFile, parseYamlFile, type ParsedFile } from './parse.js';
import { checksFile, examples, hintsFile, labFrontMatter } from './schema.js';
import { crossCheck, type KindCatalog, type LabDraft } from './crosscheck.js';
import type { ContentIssue, Course, Lab } from './types.js';

export interface LoadResult {
  course?: Course;
  issues: ContentIssue[];
}

/**
 * Parse, validate against the schemas, then cross-check references, for every file of the course:
 * one broken file never hides the problems of another. Never throws on bad content.
 */
export function loadCourseWithIssues(dir: string, kinds?: KindCatalog): LoadResult {
  const labsDir = join(dir, 'labs');
  if (!existsSync(labsDir)) {
    return { issues: [{ code: 'E_NO_COURSE', location: { file: labsDir }, message: 'no labs/ folder: is this a dojo course?' }] };
  }
  const issues: ContentIssue[] = [];
  const names = new Set(listFiles(labsDir).filter((n) => n.endsWith('.md')).map((n) => basename(n, '.md')));
  const drafts: LabDraft[] = [];
  for (const name of names) {
    const lab = parseMarkdownFile(join(labsDir, `${name}.md`), labFrontMatter, examples.lab);
    const hints = sibling(dir, 'hints', name, () => parseYamlFile(join(dir, 'hints', `${name}.yaml`), hintsFile, examples.hints), examples.hints, issues);
    const checks = sibling(dir, 'checks', name, () => parseYamlFile(join(dir, 'checks', `${name}.yaml`), checksFile, examples.checks), examples.checks, issues);
    drafts.push({ id: name, lab, hints, checks });
  }
  for (const sub of ['hints', 'checks'] as const) {
    for (const file of listFiles(join(dir, sub))) {
      const lab = file.replace(/\.yaml$/, '');
      if (file.endsWith('.yaml') && names.has(lab)) continue;
      const path = join(dir, sub, file);
      const why = file.endsWith('.yaml') ? `no labs/${lab}.md uses it` : `dojo reads only ${sub}/<lab>.yaml files`;
      issues.push({ code: 'E_ORPHAN_FILE', location: { file: path }, message: `orphan file: ${why}` });
      // Its YAML is still read, so that renaming it later brings no surprise.
      if (file.endsWith('.yaml')) {
        const parsed = sub === 'hints' ? parseYamlFile(path, hintsFile, '') : parseYamlFile(path, checksFile, '');
        issues.push(...parsed.issues.filter((i) => i.code === 'E_YAML'));
      }
    }
  }
  for (const d of drafts) for (const f of [d.lab, d.hints, d.checks]) if (f) issues.push(...f.issues);
  // A value the schema already refused is not reported again by the cross-check.
  const refused = new Set(issues.map((i) => formatLocation(i.location)));
  issues.push(...crossCheck(drafts, kinds).filter((i) => i.location.line === undefined || !refused.has(formatLocation(i.location))));

  const labs: Lab[] = [];
  for (const d of drafts) {
    const [meta, hints, checks] = [d.lab?.value, d.hints?.value, d.checks?.value];
    if (!meta || !hints || !checks) continue;
    const checkLocations = new Map(checks.checks.map((c, i) => [c.id, locate(d.checks!.src!, ['checks', i])]));
    labs.push({ meta, body: d.lab!.body ?? '', file: d.lab!.file, hints, checks: checks.checks, checkLocations });
  }
  labs.sort((a, b) => a.meta.order - b.meta.order);
  return { course: { dir, labs }, issues: sortIssues(issues) };
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
    suggestion: [first?.suggestion, first?.example ? `Expected a form like:\n${first.example}` : undefined].filter(Boolean).join('\n') || 'Run `dojo validate` on the course for the full list.',
    location: first?.location,
  });
}

function sibling<T>(dir: string, sub: string, lab: string, parse: () => ParsedFile<T>, example: string, issues: ContentIssue[]): ParsedFile<T> | undefined {
  const file = join(dir, sub, `${lab}.yaml`);
  if (existsSync(file)) return parse();
  issues.push({ code: 'E_MISSING_FILE', location: { file }, message: `labs/${lab}.md has no ${sub}/${lab}.yaml`, example });
  return undefined;
}

function sortIssues(issues: ContentIssue[]): ContentIssue[] {
  return [...issues].sort((a, b) => a.location.file.localeCompare(b.location.file) || (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0));
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
}
