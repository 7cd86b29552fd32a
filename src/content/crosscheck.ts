import type { ZodTypeAny } from 'zod';
import { closest } from '../suggest.js';
import { formatLocation, type Location } from '../errors.js';
import { fromZod } from './issues.js';
import { locate, locateKey } from './yaml-source.js';
import type { ParsedFile } from './parse.js';
import type { ChecksFile, HintsFile, LabFrontMatter } from './schema.js';
import type { ContentIssue } from './types.js';

type Path = (string | number)[];

/** What the loader needs to know of the check kinds, without loading any engine code. */
export interface KindCatalog {
  names(): string[];
  params(kind: string): ZodTypeAny | undefined;
  /** Problems the params' schema cannot see, at paths inside params (given the raw params). */
  lint(kind: string, params: unknown): { path: Path; message: string; suggestion?: string }[];
  /** The service names a check's params refer to (only called once the params are valid). */
  servicesIn(kind: string, params: unknown): string[];
}

/** One lab's three files as far as they could be read; a broken file still lends its raw data. */
export interface LabDraft {
  id: string;
  lab?: ParsedFile<LabFrontMatter>;
  hints?: ParsedFile<HintsFile>;
  checks?: ParsedFile<ChecksFile>;
}

const rec = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const didYouMean = (word: string, known: Iterable<string>) => {
  const near = closest(word, [...known]);
  return near ? `; did you mean ${near}?` : '';
};

/**
 * Step 3: references between a lab's files, read from the raw YAML so that a schema error in one
 * item does not hide the references of the others. A rule runs when the file it reads parsed as YAML.
 */
export function crossCheck(drafts: LabDraft[], kinds?: KindCatalog): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const d of drafts) checkLab(d, kinds, issues);
  return issues;
}

function checkLab(d: LabDraft, kinds: KindCatalog | undefined, issues: ContentIssue[]): void {
  const at = (f: ParsedFile<unknown>, path: Path): Location => (f.src ? locate(f.src, path) : { file: f.file });
  const add = (code: string, location: Location, message: string, suggestion?: string) => issues.push({ code, location, message, ...(suggestion ? { suggestion } : {}) });
  const dupes = (f: ParsedFile<unknown>, items: { id?: string; path: Path }[], what: string) => {
    const seen = new Map<string, Location>();
    for (const { id, path } of items) {
      if (id === undefined) continue;
      const first = seen.get(id);
      if (first) add('E_DUPLICATE_ID', at(f, path), `duplicate ${what} id ${id}; first defined at ${formatLocation(first)}`, `give each ${what} its own id`);
      else seen.set(id, at(f, path));
    }
  };
  const wrongLab = (f: ParsedFile<unknown> | undefined, data: Record<string, unknown> | undefined) => {
    const lab = str(data?.lab);
    if (f && lab !== undefined && lab !== d.id) add('E_WRONG_LAB', at(f, ['lab']), `lab: names ${lab}, but this file belongs to ${d.id}`, `write lab: ${d.id}`);
  };

  const meta = d.lab?.src ? rec(d.lab.src.data) : undefined;
  const metaId = str(meta?.id);
  if (d.lab && metaId !== undefined && metaId !== d.id) add('E_ID_MISMATCH', at(d.lab, ['id']), `id "${metaId}" does not match the file name ${d.id}.md`, `write id: ${d.id}, or rename the file`);
  const exerciseItems = list(meta?.exercises).map((e, i) => ({ id: str(rec(e)?.id), path: ['exercises', i, 'id'] }));
  if (d.lab) dupes(d.lab, exerciseItems, 'exercise');
  // undefined when the front matter could not be read: references to exercises are then not judged.
  const exercises = meta ? new Set(exerciseItems.flatMap((e) => (e.id ? [e.id] : []))) : undefined;
  const targets = rec(meta?.targets);
  const services = list(targets?.services).flatMap((s) => (typeof s === 'string' ? [s] : []));
  const targeted = [...new Set([...services, ...Object.keys(rec(targets?.layout) ?? {})])];

  if (d.lab && meta) checkCi(d.lab, rec(meta.ci), exercises, add);

  const hints = d.hints?.src ? rec(d.hints.src.data) : undefined;
  let mistakes: Set<string> | undefined;
  if (d.hints && hints) {
    const h = d.hints;
    wrongLab(h, hints);
    const ladders = rec(hints.exercises);
    if (ladders && exercises) {
      for (const key of Object.keys(ladders)) {
        if (!exercises.has(key)) add('E_UNKNOWN_REF', locateKey(h.src!, ['exercises'], key), `hints for unknown exercise ${key}${didYouMean(key, exercises)}`, `exercises of ${d.id}: ${[...exercises].join(', ')}`);
      }
      for (const ex of exercises) {
        if (!(ex in ladders)) add('E_NO_LADDER', at(h, ['exercises']), `exercise ${ex} has no hint ladder (level1, level2, level3, answer, validation)`);
      }
    }
    const items = list(hints.mistakes).map((m, i) => ({ id: str(rec(m)?.id), exercise: str(rec(m)?.exercise), path: ['mistakes', i] as Path }));
    dupes(h, items.map((m) => ({ id: m.id, path: [...m.path, 'id'] })), 'mistake');
    for (const m of items) {
      if (m.exercise !== undefined && exercises && !exercises.has(m.exercise)) {
        add('E_UNKNOWN_REF', at(h, [...m.path, 'exercise']), `mistake ${m.id} names unknown exercise ${m.exercise}${didYouMean(m.exercise, exercises)}`, `exercises of ${d.id}: ${[...exercises].join(', ')}`);
      }
    }
    mistakes = new Set(items.flatMap((m) => (m.id ? [m.id] : [])));
  }

  const checks = d.checks?.src ? rec(d.checks.src.data) : undefined;
  if (!d.checks || !checks) return;
  const c = d.checks;
  wrongLab(c, checks);
  const items = list(checks.checks).map((raw, i) => ({ raw: rec(raw) ?? {}, path: ['checks', i] as Path }));
  dupes(c, items.map((it) => ({ id: str(it.raw.id), path: [...it.path, 'id'] })), 'check');
  const covered = new Set<string>();
  for (const { raw, path } of items) {
    const name = str(raw.id) ?? `#${Number(path[1]) + 1}`;
    const bad = (code: string, field: Path, message: string, suggestion?: string) => add(code, at(c, [...path, ...field]), `check ${name}: ${message}`, suggestion);
    const exercise = str(raw.exercise);
    if (exercise !== undefined) covered.add(exercise);
    if (exercise !== undefined && exercises && !exercises.has(exercise)) {
      bad('E_UNKNOWN_REF', ['exercise'], `unknown exercise ${exercise}${didYouMean(exercise, exercises)}`, `exercises of ${d.id}: ${[...exercises].join(', ') || 'none'}`);
    }
    const mistake = str(raw.mistake);
    if (mistake !== undefined && mistakes && !mistakes.has(mistake)) {
      bad('E_UNKNOWN_REF', ['mistake'], `unknown mistake ${mistake}${didYouMean(mistake, mistakes)}`, `define it under mistakes: in hints/${d.id}.yaml (known: ${[...mistakes].join(', ') || 'none'})`);
    }
    const unknownService = (s: string, field: Path, where: string) =>
      bad('E_UNKNOWN_SERVICE', field, `${where} names service ${s}, which is not among the lab's targets.services (${targeted.join(', ') || 'none'})${didYouMean(s, targeted)}`);
    const service = str(raw.service);
    if (meta && service !== undefined && !services.includes(service)) unknownService(service, ['service'], 'service:');
    const kind = str(raw.kind);
    if (!kinds || kind === undefined) continue;
    const schema = kinds.params(kind);
    if (!schema) {
      bad('E_UNKNOWN_KIND', ['kind'], `unknown kind ${kind}${didYouMean(kind, kinds.names())}`, 'run `dojo validate --kinds` for every kind with its parameters');
      continue;
    }
    if (raw.params !== undefined && !rec(raw.params)) continue; // the schema already says params is a map
    for (const p of kinds.lint(kind, raw.params ?? {})) bad('E_PARAMS', ['params', ...p.path], p.message, p.suggestion);
    const parsed = schema.safeParse(raw.params ?? {});
    if (!parsed.success) {
      for (const i of fromZod(c.src!, parsed.error.issues, schema, [...path, 'params'])) {
        issues.push({ ...i, code: i.code === 'E_SCHEMA' ? 'E_PARAMS' : i.code, message: `check ${name}: ${i.message}`, suggestion: i.suggestion ?? `\`dojo validate --kinds\` shows the parameters of ${kind}` });
      }
      continue;
    }
    if (meta) for (const s of kinds.servicesIn(kind, raw.params)) if (!targeted.includes(s)) unknownService(s, ['params', ...paramPath(rec(raw.params), s)], 'params');
  }
  if (exercises && Array.isArray(checks.checks)) {
    for (const ex of exercises) if (!covered.has(ex)) add('E_NO_CHECKS', at(c, ['checks']), `exercise ${ex} has no checks`);
  }
}

/**
 * A CI script serves exercises of its lab, and the lab's text names it: a student learns what to
 * commit from the lab, not from a failed pipeline.
 */
function checkCi(f: ParsedFile<unknown>, ci: Record<string, unknown> | undefined, exercises: Set<string> | undefined, add: (code: string, location: Location, message: string, suggestion?: string) => void): void {
  list(ci?.scripts).forEach((raw, i) => {
    const script = rec(raw);
    const file = str(script?.file);
    list(script?.exercises).forEach((e, j) => {
      if (typeof e === 'string' && exercises && !exercises.has(e)) {
        add('E_UNKNOWN_REF', locate(f.src!, ['ci', 'scripts', i, 'exercises', j]), `ci script ${file ?? `#${i + 1}`} names unknown exercise ${e}${didYouMean(e, exercises)}`, `exercises of this lab: ${[...exercises].join(', ')}`);
      }
    });
    if (file && f.body !== undefined && !f.body.includes(file)) {
      add('E_CI_UNDOCUMENTED', locate(f.src!, ['ci', 'scripts', i, 'file']), `ci script ${file} is never named in the lab's text: a student would not know to commit it`, `say in the lab's text what ${file} holds and that CI runs it`);
    }
  });
}

/** Where in params a service name is written (`to: postgress` or `services: [.., postgress]`). */
function paramPath(params: Record<string, unknown> | undefined, value: string): Path {
  for (const [key, v] of Object.entries(params ?? {})) {
    if (v === value) return [key];
    if (Array.isArray(v) && v.includes(value)) return [key, v.indexOf(value)];
  }
  return [];
}
