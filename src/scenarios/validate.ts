import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFile } from '../content/parse.js';
import type { ContentIssue, Course } from '../content/types.js';
import { scenariosFile, scenariosPath } from './schema.js';

/**
 * For `dojo validate`: each scenarios/<lab>.yaml against its schema and its lab. Every container a
 * student repairs is judged by a scenario-fixed check, and every such check names a scenario container.
 */
export function scenarioIssues(course: Course): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const dir = join(course.dir, 'scenarios');
  const labIds = new Set(course.labs.map((l) => l.meta.id));
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).filter((n) => !n.startsWith('.'))) {
      if (!labIds.has(name.replace(/\.ya?ml$/, ''))) issues.push({ code: 'E_ORPHAN_FILE', location: { file: join(dir, name) }, message: `orphan file: no labs/${name.replace(/\.ya?ml$/, '')}.md uses it` });
    }
  }
  for (const lab of course.labs) {
    const file = scenariosPath(course.dir, lab.meta.id);
    const judged = lab.checks.filter((c) => c.kind === 'scenario-fixed').map((c) => ({ id: c.id, container: String(c.params.container ?? '') }));
    if (!existsSync(file)) {
      if (lab.meta.ci.scenarios) issues.push({ code: 'E_SCENARIO', location: { file: lab.file }, message: `ci.scenarios: true, but the lab has no scenarios/${lab.meta.id}.yaml for \`dojo lab start\` to create` });
      for (const c of judged) issues.push({ code: 'E_SCENARIO', location: lab.checkLocations.get(c.id) ?? { file }, message: `check ${c.id}: scenario-fixed, but the lab has no scenarios/${lab.meta.id}.yaml` });
      continue;
    }
    const parsed = parseYamlFile(file, scenariosFile, '');
    issues.push(...parsed.issues);
    const f = parsed.value;
    if (!f) continue;
    const at = { file };
    if (f.lab !== lab.meta.id) issues.push({ code: 'E_SCENARIO', location: at, message: `lab: ${f.lab}, but the file belongs to ${lab.meta.id}` });
    if (!lab.meta.exercises.some((e) => e.id === f.exercise)) issues.push({ code: 'E_SCENARIO', location: at, message: `exercise ${f.exercise} is not an exercise of ${lab.meta.id}` });
    const broken = f.scenarios.flatMap((s) => s.containers.filter((c) => !c.support).map((c) => c.name));
    const all = f.scenarios.flatMap((s) => s.containers.map((c) => c.name));
    for (const name of broken) if (!judged.some((c) => c.container === name)) issues.push({ code: 'E_SCENARIO', location: at, message: `container ${name} is never judged: add a scenario-fixed check with params.container ${name}` });
    for (const c of judged) if (!all.includes(c.container)) issues.push({ code: 'E_SCENARIO', location: lab.checkLocations.get(c.id) ?? at, message: `check ${c.id}: no scenario creates a container named ${c.container}` });
  }
  return issues;
}
