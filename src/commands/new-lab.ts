import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { answerHash } from '../checks/kinds/quiz.js';
import { builtinCourseDir } from '../context.js';
import { usageError } from '../errors.js';

export interface NewLabResult {
  type: 'new-lab';
  lab: string;
  dir: string;
  files: string[];
  notices: string[];
}

/**
 * The schemas an editor should read for a file in `dir`: the nearest schemas/ folder at or above the
 * course (a pack inside dojo's own tree, as courses/<pack>/, names dojo's), else the installed
 * dojo's. Written relative to the file, as yaml-language-server resolves it.
 */
export function schemaPath(courseDir: string, fileDir: string, name: string): string {
  let schemas = join(builtinCourseDir(), 'schemas');
  for (let d = courseDir; ; d = dirname(d)) {
    if (existsSync(join(d, 'schemas', 'lab.schema.json'))) {
      schemas = join(d, 'schemas');
      break;
    }
    if (dirname(d) === d) break;
  }
  return relative(fileDir, join(schemas, `${name}.schema.json`)).split('\\').join('/');
}

const schemaLine = (dir: string, sub: string, name: string) => `# yaml-language-server: $schema=${schemaPath(dir, join(dir, sub), name)}`;

/**
 * For authors: a lab's three files, valid as written (one exercise, a full hint ladder, one quiz
 * check whose answer hash is computed here), for the author to replace piece by piece.
 */
export function newLab(id: string, dirArg: string | undefined): NewLabResult {
  if (!/^lab-\d{2}$/.test(id)) throw usageError(`"${id}" is not a lab id`, 'Lab ids look like lab-05 (two digits).');
  const dir = resolve(dirArg ?? '.');
  const files = [`labs/${id}.md`, `hints/${id}.yaml`, `checks/${id}.yaml`];
  const taken = files.filter((f) => existsSync(join(dir, f)));
  if (taken.length) throw usageError(`${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''} in ${dir}`, 'Pick another lab id; dojo new never overwrites a file.');
  const n = Number(id.slice(4));
  const ex = `${n}a`;
  const contents = [lab(dir, id, ex, nextOrder(dir, n)), hints(dir, id, ex), checks(dir, id, ex)];
  files.forEach((f, i) => {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), contents[i]!);
  });
  return { type: 'new-lab', lab: id, dir, files, notices: [] };
}

/** After the course's last lab, so the new one lists last. */
function nextOrder(dir: string, fallback: number): number {
  const labs = join(dir, 'labs');
  const orders = existsSync(labs)
    ? readdirSync(labs).filter((f) => f.endsWith('.md')).map((f) => Number(/^order:\s*(\d+)/m.exec(readFileSync(join(labs, f), 'utf8'))?.[1] ?? 0))
    : [];
  return orders.length ? Math.max(...orders) + 1 : fallback;
}

const lab = (dir: string, id: string, ex: string, order: number) => `---
${schemaLine(dir, 'labs', 'lab')}
id: ${id}
title: "Title of ${id}"
order: ${order}
summary: "One sentence on what the student builds."
targets:
  services: []
exercises:
  - id: ${ex}
    title: "First exercise"
    concepts: ["the idea this exercise teaches"]
    objectives:
      - "What the student can do at the end"
---
# ${id}

Write the instructions here, in Markdown.
`;

const hints = (dir: string, id: string, ex: string) => `${schemaLine(dir, 'hints', 'hints')}
lab: ${id}
exercises:
  ${ex}:
    level1:
      - "A question that points at the idea without naming it."
    level2:
      - title: "Docker overview"
        url: "https://docs.docker.com/get-started/docker-overview/"
        lookFor: "the part of the page that answers the question"
    level3: "A narrow hint."
    answer: "The answer, with why."
    validation:
      - "Why does it work?"
      - "What if it were done differently?"
      - "Could you do it again from scratch?"
mistakes:
  - id: first-mistake
    exercise: ${ex}
    title: "A mistake students make here"
    question: "The question dojo asks when a check finds it."
`;

const checks = (dir: string, id: string, ex: string) => {
  const question = `${id}-q1`;
  const right = 'The right choice';
  return `${schemaLine(dir, 'checks', 'checks')}
lab: ${id}
checks:
  - id: ${ex}-quiz
    exercise: ${ex}
    kind: quiz
    title: "What the check confirms"
    mistake: first-mistake
    params:
      questions:
        - id: ${question}
          prompt: "A question?"
          choices:
            - "${right}"
            - "A wrong choice"
          # dojo quiz-hash ${question} "${right}"
          answer: "${answerHash(question, right)}"
`;
};
