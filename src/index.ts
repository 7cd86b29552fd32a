import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommanderError } from 'commander';
import { peekFormat } from './argv-format.js';
import { buildProgram } from './cli.js';
import { DojoError, ExitCode } from './errors.js';
import { cleanupAll, interrupted } from './engine/cleanup.js';
import { errorIn } from './render/error-formats.js';
import { render, type Result } from './render/index.js';
import type { GlobalOptions } from './context.js';

/** The one place that parses argv, catches errors, prints them and sets the exit code. */
async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.ok;
  // Known before commander parses anything, so even its own errors come out in the format asked for.
  const asked = peekFormat(argv.slice(2));
  try {
    const program = buildProgram(async (result: Result, g: GlobalOptions) => {
      // Once interrupted, the signal handler has spoken; a report of half-done work must not follow.
      if (interrupted() !== null) return;
      const out = render(result, g);
      exitCode = exitCodeOf(result);
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      if (out.stepSummary && process.env.GITHUB_STEP_SUMMARY) {
        try {
          appendFileSync(process.env.GITHUB_STEP_SUMMARY, out.stepSummary);
        } catch (err) {
          process.stderr.write(`dojo: warning: could not append to $GITHUB_STEP_SUMMARY: ${(err as Error).message}\n`);
        }
      }
      if (out.file) writeReport(out.file.path, out.file.text);
    });
    await program.parseAsync(argv);
  } catch (err) {
    exitCode = report(err, asked);
  } finally {
    const t = Date.now();
    await cleanupAll();
    if (process.env.DOJO_DEBUG) process.stderr.write(`dojo: cleanup took ${Date.now() - t} ms, ${Math.round(performance.now())} ms since start\n`);
  }
  return exitCode;
}

function exitCodeOf(result: Result): number {
  if ('exitCode' in result && typeof result.exitCode === 'number') return result.exitCode;
  if (result.type === 'validate') return result.issues.length ? ExitCode.badInput : ExitCode.ok;
  return ExitCode.ok;
}

function writeReport(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (err) {
    throw new DojoError({
      code: 'E_OUTPUT',
      message: `cannot write the report to ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      suggestion: 'Give --output a path in a folder you can write to.',
    });
  }
}

function report(err: unknown, asked: ReturnType<typeof peekFormat>): number {
  let e: DojoError;
  if (err instanceof CommanderError) {
    // commander printed its own message; help and --version are not errors
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code)) return ExitCode.ok;
    e = new DojoError({ code: 'E_USAGE', message: err.message.replace(/^error: /, ''), exitCode: ExitCode.badInput });
  } else {
    // Ctrl-C at a prompt reaches @inquirer/prompts as a keypress, not a signal: the same as an interrupt.
    const promptClosed = (err as Error)?.name === 'ExitPromptError';
    // After a signal, an engine call failing because the cleanup removed its object is the interrupt, not a bug.
    e = err instanceof DojoError
      ? err
      : promptClosed
        ? new DojoError({ code: 'E_INTERRUPTED', message: 'interrupted: nothing was recorded', exitCode: ExitCode.interrupted })
        : interrupted() !== null
          ? new DojoError({ code: 'E_INTERRUPTED', message: 'interrupted: what dojo created in the engine was removed', exitCode: interrupted()! })
        : new DojoError({
          code: 'E_INTERNAL',
          message: `internal error: ${(err as Error)?.message ?? String(err)}`,
          suggestion: 'This is a bug in dojo; your progress is safe. Run with DOJO_DEBUG=1 for details and report it.',
        });
    if (process.env.DOJO_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    const lines = [`dojo: ${e.message}`, ...e.details.map((d) => `  ${d}`), ...(e.suggestion ? [`\n${e.suggestion}`] : [])];
    process.stderr.write(lines.join('\n') + '\n');
  }
  const machine = errorIn(asked.format, e);
  if (machine !== null) {
    if (!asked.output) process.stdout.write(machine);
    else {
      try {
        writeReport(asked.output, machine);
      } catch (failed) {
        process.stderr.write(`dojo: ${(failed as DojoError).message}\n`);
      }
    }
  }
  return interrupted() ?? e.exitCode;
}

// Not a top-level await: the lazily loaded command chunks import what they share from this file
// (scripts/merge-entry.mjs), and an import of a module still evaluating would never settle.
void main(process.argv).then((code) => {
  // Exit explicitly: a request to a hung engine (already timed out) must not keep the process alive.
  // After a signal, main's cleanupAll() has also waited for the removals the handler started.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(interrupted() ?? code)));
});
