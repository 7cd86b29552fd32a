// Every documentation link the course gives a student was checked by a person (test/content/checked-links.yaml
// says when and how); this test needs no network, it only keeps the list and the course in step.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');
const checked = new Set((parse(readFileSync(join(ROOT, 'test/content/checked-links.yaml'), 'utf8')) as { url: string }[]).map((l) => l.url));

// The built-in course at the root, and every course pack under courses/.
const COURSE_DIRS = ['labs', 'hints', ...readdirSync(join(ROOT, 'courses')).flatMap((c) => [`courses/${c}/labs`, `courses/${c}/hints`])];

it('every URL in labs/ and hints/ (built-in course and courses/*) is on the checked list', () => {
  const found = COURSE_DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const text = readFileSync(join(ROOT, dir, name), 'utf8');
      return [...text.matchAll(/https?:\/\/[^\s"'<>)\]`]+/g)].map((m) => ({ where: `${dir}/${name}`, url: m[0].replace(/[.,;:]+$/, '') }));
    }),
  );
  expect(found.length).toBeGreaterThan(10);
  expect(found.filter((f) => !checked.has(f.url)).map((f) => `${f.where}: ${f.url}`)).toEqual([]);
});
