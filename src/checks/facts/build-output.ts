import type { BuildStep } from './probe-model.js';

/**
 * Which build steps came from cache, from either builder's output:
 * classic: "Step 3/8 : RUN go mod download" followed by " ---> Using cache";
 * BuildKit (plain progress): "#7 [build 3/6] RUN go mod download" and later "#7 CACHED".
 */
export function parseBuildOutput(text: string): { builder: 'classic' | 'buildkit'; steps: BuildStep[] } {
  const lines = text.split(/\r?\n/);
  if (lines.some((l) => /^Step \d+\/\d+ : /.test(l))) return { builder: 'classic', steps: classic(lines) };
  return { builder: 'buildkit', steps: buildkit(lines) };
}

function classic(lines: string[]): BuildStep[] {
  const steps: BuildStep[] = [];
  for (const line of lines) {
    const m = /^Step (\d+)\/(\d+) : (.*)$/.exec(line);
    if (m) steps.push({ index: Number(m[1]), total: Number(m[2]), instruction: m[3]!.trim(), cached: false });
    else if (/^\s*---> Using cache/.test(line) && steps.length) steps[steps.length - 1]!.cached = true;
  }
  return steps;
}

function buildkit(lines: string[]): BuildStep[] {
  const byVertex = new Map<string, BuildStep>();
  for (const line of lines) {
    const head = /^#(\d+) \[(?:[^\]]*?\s)?(\d+)\/(\d+)\] (.*)$/.exec(line);
    if (head) {
      byVertex.set(head[1]!, { index: Number(head[2]), total: Number(head[3]), instruction: head[4]!.trim(), cached: false });
      continue;
    }
    const cached = /^#(\d+) CACHED\s*$/.exec(line);
    const step = cached && byVertex.get(cached[1]!);
    if (step) step.cached = true;
  }
  return [...byVertex.values()];
}
