import type { GlobalOptions } from '../context.js';
import type { Course } from '../content/types.js';
import { DojoError, ExitCode, usageError } from '../errors.js';
import { interruptSignal } from '../engine/cleanup.js';
import { withTimeout } from '../engine/timeout.js';
import { diagnose, looked, type DiagnoseFinding } from '../diagnose/rules.js';
import { loadWorkspace } from '../workspace.js';
import { openCourse } from './shared.js';

export interface DiagnoseResult {
  type: 'diagnose';
  container: string;
  id: string;
  image: string;
  /** Findings with the course's guiding question for each mistake; empty = nothing wrong found. */
  findings: (DiagnoseFinding & { question: string | null })[];
  /** What was read, so "nothing wrong" says what it is based on. */
  looked: string[];
  exitCode: number;
  notices: string[];
}

const DIAGNOSE_MS = 90_000;

/** Reads one container (never changes it) and maps what it sees to the course's mistakes. */
export async function diagnoseCommand(g: GlobalOptions, ref: string): Promise<DiagnoseResult> {
  if (!ref.trim() || ref.startsWith('-')) throw usageError(`"${ref}" is not a container name or id`, 'Give the name or id `docker ps -a` shows.');
  const course = await openCourse(g);
  // Only for probeImage; every service any lab knows may be configured there.
  const ws = await loadWorkspace(g.workspace, { targets: { services: [], layout: {}, network: false, volume: false, compose: false }, courseServices: course.labs.flatMap((l) => [...l.meta.targets.services, ...Object.keys(l.meta.targets.layout)]) });
  const signal = interruptSignal();
  const { connectEngine } = await import('../engine/client.js');
  const engine = await connectEngine();
  const { readDiagnosis } = await import('../checks/facts/diagnosis.js');
  const facts = await withTimeout(readDiagnosis(engine, ref, { probeImage: ws.probeImage, signal }), DIAGNOSE_MS, `reading container ${ref}`);
  if (!facts.found) {
    throw new DojoError({
      code: 'E_NO_CONTAINER',
      message: `no container named "${ref}" on the engine at ${engine.endpoint.url}`,
      suggestion: '`docker ps -a` lists every container, stopped ones too; give its name or id.',
      exitCode: ExitCode.badInput,
    });
  }
  const findings = diagnose(facts).map((f) => ({ ...f, question: f.mistake ? questionOf(course, f.mistake) : null }));
  const problems = findings.some((f) => f.severity !== 'note');
  return {
    type: 'diagnose',
    container: facts.name,
    id: facts.id.slice(0, 12),
    image: facts.image,
    findings,
    looked: looked(facts),
    exitCode: problems ? ExitCode.checkFailed : ExitCode.ok,
    notices: [],
  };
}

/** The guiding question of a mistake: the latest lab that defines it (lab 05's debugging wording first). */
function questionOf(course: Course, mistake: string): string | null {
  for (const lab of [...course.labs].reverse()) {
    const m = lab.hints.mistakes.find((x) => x.id === mistake);
    if (m) return m.question;
  }
  return null;
}
