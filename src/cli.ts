import { Command, Option } from 'commander';
import { resolveGlobals, type Format, type GlobalOptions } from './context.js';
import { interruptSignal } from './engine/cleanup.js';
import { usageError } from './errors.js';
import type { Result } from './render/index.js';
// The light commands are bundled into the entry: each on-demand chunk costs a module-loader round
// trip that `dojo hint` would feel. Commands that need the engine or the content parsers stay lazy.
import { checklist } from './commands/checklist.js';
import { hint } from './commands/hint.js';
import { list as listLabs } from './commands/list.js';
import { reset } from './commands/reset.js';
import { show } from './commands/show.js';
import { status } from './commands/status.js';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

async function confirmPrompt(message: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: false });
}

/** Wires commander to the commands; returns the command's data (rendering happens in index.ts). */
export function buildProgram(onResult: (r: Result, g: GlobalOptions) => Promise<void>): Command {
  const program = new Command('dojo')
    .description('A Socratic tutor and lab checker for the Docker module.')
    .version('0.1.0')
    .option('-w, --workspace <dir>', 'your project folder (default: current directory)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
    .option('--ci', 'no prompts, no colors (also implied by CI=true or a non-TTY stdin)')
    .option('--course <dir>', 'a course folder other than the built-in one')
    .showHelpAfterError('(run `dojo --help` for usage)')
    .exitOverride();

  const globals = (cmd: Command) => resolveGlobals(cmd.optsWithGlobals());
  // Options are refused before the command runs: a command may record progress before it prints.
  const act = <A extends unknown[]>(fn: (g: GlobalOptions, ...args: A) => Promise<Result>, formats: Format[] = ['text', 'json']) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const g = globals(cmd);
      if (!formats.includes(g.format)) {
        throw usageError(`--format ${g.format} is not available for \`dojo ${cmd.name()}\``, `Use --format ${formats.join(' or ')}; junit is for \`dojo check\`.`);
      }
      await onResult(await fn(g, ...(args.slice(0, -1) as A)), g);
    };

  program.command('list').description('labs and exercises with your progress')
    .action(act(async (g) => listLabs(g)));

  program.command('show').argument('<lab>', 'lab id, e.g. lab-01').description("a lab's instructions")
    .action(act(async (g, lab: string) => show(g, lab)));

  program.command('hint').argument('<lab>').argument('[exercise]', 'exercise id, e.g. 2a (default: the one you are on)')
    .description('the next hint on the ladder; deeper levels open after failed check attempts')
    .option('--answer', 'ask for the answer early (after at least one failed attempt; asks to confirm)')
    .option('-y, --yes', 'confirm without a prompt')
    .action(act(async (g, lab: string, exercise: string | undefined, o: { answer?: boolean; yes?: boolean }) =>
      hint(g, lab, { exercise, answer: o.answer, yes: o.yes, confirm: confirmPrompt })));

  program.command('check').argument('<lab>').description("run a lab's checks against your files and Docker engine")
    .option('-e, --exercise <id>', 'only the checks of one exercise')
    .option('--only <ids>', 'only these check ids (comma-separated)', list)
    .option('--skip <ids>', 'skip these check ids (comma-separated)', list)
    .action(act(async (g, lab: string, o: { exercise?: string; only?: string[]; skip?: string[] }) => {
      // From here on Ctrl-C ends the run cleanly (nothing recorded) instead of killing it mid-way.
      interruptSignal();
      // Warm-up: loading dockerode and the first engine round-trip overlap with loading the command.
      void import('./engine/client.js').then((m) => m.connectEngine()).catch(() => undefined);
      return (await import('./commands/check.js')).check(g, lab, o);
    }, ['text', 'json', 'junit']));

  program.command('checklist').description('the module exit gate (reserved: arrives in a later version)')
    .action(act(async (g) => checklist(g)));

  program.command('status').description('attempts, hints seen and answers revealed, per exercise')
    .action(act(async (g) => status(g)));

  program.command('reset').argument('[lab]', 'one lab (default: all)').description('forget progress')
    .option('-y, --yes', 'confirm without a prompt')
    .action(act(async (g, lab: string | undefined, o: { yes?: boolean }) =>
      reset(g, lab, { yes: o.yes, confirm: confirmPrompt })));

  const lab = program.command('lab').description('break-fix scenarios: deliberately broken containers on your engine to debug');
  lab.command('start').argument('<lab>', 'lab id, e.g. lab-05').description("create the lab's broken scenarios (from images you already have; nothing is pulled)")
    .action(act(async (g, labId: string) => (await import('./commands/lab.js')).labStart(g, labId)));
  lab.command('stop').argument('<lab>').description("remove every scenario object of the lab (your fixed containers of the same names too); nothing else")
    .action(act(async (g, labId: string) => (await import('./commands/lab.js')).labStop(g, labId)));

  program.command('diagnose').argument('<container>', 'a container name or id (stopped ones too)')
    .description('read a container that exited, restarts, is unhealthy or unreachable, and name the likely mistake (read-only)')
    .action(act(async (g, ref: string) => (await import('./commands/diagnose.js')).diagnoseCommand(g, ref)));

  program.command('doctor').description('is the Docker engine reachable? which endpoint and versions? compose?')
    .action(act(async (g) => (await import('./commands/doctor.js')).doctor(g)));

  program.command('validate').argument('[dir]', 'course folder (default: the built-in course)')
    .description('for course authors: schema and cross-reference checks of labs, hints and checks')
    .action(act(async (g, dir: string | undefined) => (await import('./commands/validate.js')).validate(g, dir)));

  return program;
}
