import { Document, isMap, isSeq, type YAMLMap } from 'yaml';
import type { CiPlan } from './plan.js';

/**
 * The workflow file: made with the `yaml` library (so it is valid YAML whatever a path or name
 * holds), with a header saying what runs before the gate for which lab, and a comment per step.
 */
export function renderWorkflow(plan: CiPlan, dojoVersion: string): string {
  const doc = new Document({
    name: 'dojo checklist',
    on: { push: null, pull_request: null, workflow_dispatch: null },
    permissions: { contents: 'read' },
    jobs: {
      checklist: {
        'runs-on': 'ubuntu-latest',
        steps: plan.steps.map(({ comment: _c, ...s }) => {
          const { id, name, if: cond, uses, with: w, run } = s;
          return { id, name, ...(cond ? { if: cond } : {}), ...(uses ? { uses } : {}), ...(w ? { with: w } : {}), ...(run !== undefined ? { run } : {}) };
        }),
      },
    },
  });
  doc.commentBefore = header(plan, dojoVersion).map((l) => (l ? ` ${l}` : '')).join('\n');
  const steps = doc.getIn(['jobs', 'checklist', 'steps'], true);
  if (isSeq(steps)) {
    steps.items.forEach((node, n) => {
      const comment = plan.steps[n]!.comment;
      if (comment?.length && isMap(node)) (node as YAMLMap).commentBefore = comment.map((l) => ` ${l}`).join('\n');
    });
  }
  return doc.toString({ lineWidth: 0, nullStr: '' });
}

function header(plan: CiPlan, dojoVersion: string): string[] {
  return [
    `Written by \`dojo ci init\` (dojo ${dojoVersion}): grades this repository with the module's exit gate.`,
    'Edit freely; `dojo ci init --force` writes it anew.',
    '',
    'What the workflow provides, lab by lab, so that the gate finds what it judges:',
    ...(plan.prepares.length ? plan.prepares.map((p) => `  ${p.lab}: ${p.what.join('; ')}`) : ['  nothing beyond the image builds']),
    ...(plan.missing.length
      ? ['Not in the repository when this file was written (commit it, then run `dojo ci init --force`):', ...plan.missing.map((m) => `  ${m}`)]
      : []),
    'The gate then judges every lab at once; its validation questions need a person and are not asked in CI.',
  ];
}
