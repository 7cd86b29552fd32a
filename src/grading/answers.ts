import { existsSync, readFileSync } from 'node:fs';
import type { Lab } from '../content/types.js';
import { DojoError, type Location } from '../errors.js';
import { Unanswered, type PromptApi } from '../checks/types.js';

/**
 * An instructor's answers for the interactive checks (the lab-01 quiz), so CI can grade them:
 *
 *   lab-01:
 *     namespaces-quiz:
 *       uts-hostname: "Only processes inside that namespace see the new name; the host keeps its own"
 *       pid-view: 3            # or the choice's number, from 1
 *
 * Every lab, check, question and choice is checked against the course before anything runs.
 */
export type Answers = Record<string, Record<string, Record<string, string>>>;

interface QuizQuestion { id: string; choices: string[] }

export async function readAnswers(file: string, labs: readonly Lab[]): Promise<{ answers: Answers; prompt: PromptApi }> {
  if (!existsSync(file)) throw answersError(`answers file ${file} does not exist`, { file });
  const { parseYaml, locate } = await import('../content/yaml-source.js');
  const src = parseYaml(file, readFileSync(file, 'utf8'));
  const problems: { location: Location; message: string }[] = [];
  const at = (path: string[], message: string) => problems.push({ location: locate(src, path), message });
  const answers: Answers = {};
  const data = src.data;
  if (!isRecord(data)) throw answersError(`${file}: expected a mapping of lab ids to checks`, { file, line: 1 });
  for (const [labId, checks] of Object.entries(data)) {
    const lab = labs.find((l) => l.meta.id === labId);
    if (!lab) { at([labId], `no lab "${labId}" in this course`); continue; }
    if (!isRecord(checks)) { at([labId], `${labId}: expected check ids, each with question ids and answers`); continue; }
    for (const [checkId, given] of Object.entries(checks)) {
      const questions = quizQuestions(lab, checkId);
      if (!questions) { at([labId, checkId], `${labId} has no interactive check "${checkId}"`); continue; }
      if (!isRecord(given)) { at([labId, checkId], `${labId}.${checkId}: expected question ids with answers`); continue; }
      for (const [qid, value] of Object.entries(given)) {
        const q = questions.find((x) => x.id === qid);
        const path = [labId, checkId, qid];
        if (!q) { at(path, `${labId}.${checkId} has no question "${qid}" (its questions: ${questions.map((x) => x.id).join(', ')})`); continue; }
        const choice = typeof value === 'number' ? q.choices[value - 1] : q.choices.find((c) => c === String(value).trim());
        if (choice === undefined) { at(path, `${labId}.${checkId}.${qid}: "${String(value)}" is none of its ${q.choices.length} choices (give the choice's text or its number from 1)`); continue; }
        ((answers[labId] ??= {})[checkId] ??= {})[qid] = choice;
      }
    }
  }
  if (problems.length) {
    const lines = problems.map((p) => `${p.location.file}:${p.location.line ?? 1}: ${p.message}`);
    throw answersError(problems.length === 1 ? lines[0]! : `${problems.length} problems in ${file}:`, problems[0]!.location, problems.length === 1 ? [] : lines);
  }
  return { answers, prompt: answersPrompt(file, answers) };
}

/** Answers from the file; a question it leaves out stays ungraded (never guessed). */
export function answersPrompt(file: string, answers: Answers): PromptApi {
  return {
    async select(q) {
      const answer = q.lab && q.check && q.id ? answers[q.lab]?.[q.check]?.[q.id] : undefined;
      if (answer === undefined) throw new Unanswered(`the answers file ${file} has no answer for ${q.lab}.${q.check}.${q.id ?? '?'}`);
      return answer;
    },
  };
}

/** Where the answers to one check are written (its key), for a failed quiz's place in SARIF and annotations. */
export async function answersPlace(file: string, lab: string, check: string): Promise<Location | null> {
  const { parseYaml, locateKey } = await import('../content/yaml-source.js');
  try {
    const src = parseYaml(file, readFileSync(file, 'utf8'));
    return src.doc.hasIn([lab, check]) ? locateKey(src, [lab], check) : null;
  } catch {
    return null;
  }
}

/** `lab.check.question` of every quiz question the answers leave out: those stay ungraded. */
export function unansweredQuestions(labs: readonly Lab[], answers: Answers): string[] {
  return labs.flatMap((lab) => lab.checks.flatMap((c) =>
    (quizQuestions(lab, c.id) ?? []).filter((q) => answers[lab.meta.id]?.[c.id]?.[q.id] === undefined).map((q) => `${lab.meta.id}.${c.id}.${q.id}`)));
}

function quizQuestions(lab: Lab, checkId: string): QuizQuestion[] | undefined {
  const def = lab.checks.find((c) => c.id === checkId);
  const questions = def?.kind === 'quiz' ? (def.params as { questions?: QuizQuestion[] }).questions : undefined;
  return Array.isArray(questions) ? questions : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const answersError = (message: string, location: Location, details: string[] = []) =>
  new DojoError({
    code: 'E_ANSWERS',
    message,
    details,
    location,
    suggestion: 'The answers file maps lab → check → question id → the choice\'s text (or its number from 1), e.g.\nlab-01:\n  namespaces-quiz:\n    uts-hostname: 2',
  });
