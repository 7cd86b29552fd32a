import { CommanderError } from 'commander';
import { buildProgram } from './cli.js';
import { DojoError, ExitCode, formatLocation } from './errors.js';
import { cleanupAll, interrupted } from './engine/cleanup.js';
import { render, type Result } from './render/index.js';
import type { GlobalOptions } from './context.js';

/** The one place that parses argv, catches errors, prints them and sets the exit code. */
async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const wantsJson = argv.includes('json') && argv.some((a) => a === '--format' || a === '-f' || a.startsWith('--format='));
  try {
    const program = buildProgram(async (result: Result, g: GlobalOptions) => {
      // Once interrupted, the signal handler has spoken; a report of half-done work must not follow.
      if (interrupted() !== null) return;
      const out = render(result, g);
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      exitCode = exitCodeOf(result);
    });
    await program.parseAsync(argv);
  } catch (err) {
    exitCode = report(err, wantsJson);
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

function report(err: unknown, json: boolean): number {
  if (err instanceof CommanderError) {
    // commander printed its own message; help and --version are not errors
    return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code) ? ExitCode.ok : ExitCode.badInput;
  }
  // Ctrl-C at a prompt reaches @inquirer/prompts as a keypress, not a signal: the same as an interrupt.
  const promptClosed = (err as Error)?.name === 'ExitPromptError';
  const e =
    err instanceof DojoError
      ? err
      : promptClosed
        ? new DojoError({ code: 'E_INTERRUPTED', message: 'interrupted: nothing was recorded', exitCode: ExitCode.interrupted })
        : new DojoError({
          code: 'E_INTERNAL',
          message: `internal error: ${(err as Error)?.message ?? String(err)}`,
          suggestion: 'This is a bug in dojo; your progress is safe. Run with DOJO_DEBUG=1 for details and report it.',
        });
  if (process.env.DOJO_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  if (json) {
    const location = e.location ? { ...e.location, text: formatLocation(e.location) } : null;
    process.stdout.write(JSON.stringify({ error: { code: e.code, message: e.message, details: e.details, suggestion: e.suggestion ?? null, location } }, null, 2) + '\n');
  }
  const lines = [`dojo: ${e.message}`, ...e.details.map((d) => `  ${d}`), ...(e.suggestion ? [`\n${e.suggestion}`] : [])];
  process.stderr.write(lines.join('\n') + '\n');
  return e.exitCode;
}

const code = await main(process.argv);
// Exit explicitly: a request to a hung engine (already timed out) must not keep the process alive.
// After a signal, main's cleanupAll() has also waited for the removals the handler started.
process.stdout.write('', () => process.stderr.write('', () => process.exit(interrupted() ?? code)));
