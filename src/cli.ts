import { Command, Option } from 'commander';
import { FORMATS, resolveGlobals, type Format, type GlobalOptions } from './context.js';
import { interruptSignal } from './engine/cleanup.js';
import { usageError } from './errors.js';
import type { Result } from './render/index.js';
import { terminalProgress, type Progress } from './render/progress.js';
import { DOJO_VERSION } from './version.js';
// The light commands are bundled into the entry: each on-demand chunk costs a module-loader round
// trip that `dojo hint` would feel. Commands that need the engine or the content parsers stay lazy.
import { hint } from './commands/hint.js';
import { list as listLabs } from './commands/list.js';
import { reset } from './commands/reset.js';
import { show } from './commands/show.js';
import { status } from './commands/status.js';

const GRADE_FORMATS: Format[] = ['text', 'json', 'junit', 'sarif'];

const warmUpEngine = () => {
  // Loading dockerode and the first engine round-trip overlap with loading the command.
  void import('./engine/client.js').then((m) => m.connectEngine()).catch(() => undefined);
};

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

async function confirmPrompt(message: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: false });
}

async function textPrompt(message: string, previous: string | undefined): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return input({ message, ...(previous ? { default: previous } : {}) });
}

/** A progress line on a terminal only: never under --ci, in a pipe, or when stderr is not a terminal. */
const progressFor = (g: GlobalOptions): Progress | undefined => (g.interactive && process.stderr.isTTY ? terminalProgress(process.stderr) : undefined);

interface GradingFlags { strict?: boolean; config?: string; answers?: string }

/** The instructor's switches, on every command that grades. */
const gradingOptions = (cmd: Command) =>
  cmd
    .option('--strict', "ignore the workspace's dojo.yaml: the course's own targets, no student overrides")
    .option('--config <file>', 'an instructor file in dojo.yaml form, used instead of the workspace\'s dojo.yaml (implies --strict)')
    .option('--answers <file>', "an instructor's answers for the interactive checks (the quizzes), so CI can grade them");

/** Wires commander to the commands; returns the command's data (rendering happens in index.ts). */
export function buildProgram(onResult: (r: Result, g: GlobalOptions) => Promise<void>): Command {
  const program = new Command('dojo')
    .description('A Socratic tutor and lab checker for the Docker module.')
    .version(DOJO_VERSION)
    .option('-w, --workspace <dir>', 'your project folder (default: current directory)')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report (in --format) to a file; the terminal still gets text')
    .option('--ci', 'no prompts, no colors (also under CI=true or a non-TTY stdin); check and checklist also leave your progress file alone')
    .option('--no-state', 'check and checklist: judge without reading or writing your progress file')
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
        const name = cmd.parent && cmd.parent !== program ? `${cmd.parent.name()} ${cmd.name()}` : cmd.name();
        throw usageError(`--format ${g.format} is not available for \`dojo ${name}\``, `Use --format ${formats.join(' or ')}; junit and sarif are for \`dojo check\` and \`dojo checklist\`, markdown and csv for \`dojo report\`.`);
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

  gradingOptions(program.command('check').argument('[lab]').description("run a lab's checks (or every lab's, with --all) against your files and Docker engine")
    .option('--all', 'every lab of the course, in one report')
    .option('-e, --exercise <id>', 'only the checks of one exercise')
    .option('--only <ids>', 'only these check ids (comma-separated)', list)
    .option('--skip <ids>', 'skip these check ids (comma-separated)', list))
    .action(act(async (g, lab: string | undefined, o: GradingFlags & { all?: boolean; exercise?: string; only?: string[]; skip?: string[] }) => {
      // From here on Ctrl-C ends the run cleanly (nothing recorded) instead of killing it mid-way.
      interruptSignal();
      warmUpEngine();
      const progress = progressFor(g);
      try {
        return await (await import('./commands/check.js')).check(g, lab, { ...o, onEvent: progress?.onEvent, promptHooks: progress });
      } finally {
        progress?.stop();
      }
    }, GRADE_FORMATS));

  program.command('watch').argument('[lab]', 'lab id (default: the first lab not passed yet)')
    .description("re-run a lab's checks as you save files and as your containers change; keys for a hint and to quit")
    .action(act(async (g, lab: string | undefined) => {
      interruptSignal();
      return (await import('./commands/watch.js')).watch(g, lab);
    }, ['text']));


  gradingOptions(program.command('checklist').description("the module's exit gate: every lab's checks live, your answers to the validation questions, and the verdict"))
    .action(act(async (g, o: GradingFlags) => {
      interruptSignal();
      warmUpEngine();
      const progress = progressFor(g);
      try {
        return await (await import('./commands/checklist.js')).checklist(g, {
          ...o, onEvent: progress?.onEvent, promptHooks: progress,
          askText: (message, previous) => {
            progress?.stop();
            return textPrompt(message, previous);
          },
        });
      } finally {
        progress?.stop();
      }
    }, GRADE_FORMATS));

  const ci = program.command('ci').description('for continuous integration');
  ci.command('init').description('write a GitHub Actions workflow that builds your images, starts the stack and runs the exit gate')
    .option('--force', 'replace an existing workflow file')
    .option('--path <file>', 'where to write it (default: .github/workflows/dojo.yml)')
    .option('--package <spec>', 'what the workflow installs dojo from: a tarball path or URL, or a registry name (default: a dojo-docker-*.tgz at the repository root, else dojo-docker@<version>)')
    .action(act(async (g, o: { force?: boolean; path?: string; package?: string }) => (await import('./commands/ci-init.js')).ciInit(g, o)));

  program.command('report').argument('<paths...>', "students' JSON reports, or folders holding them")
    .description("for instructors: a class table per lab and check from many students' JSON reports")
    .action(act(async (g, paths: string[]) => (await import('./commands/report.js')).classReport(g, paths), ['text', 'json', 'markdown', 'csv']));

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
    .option('--kinds', 'list every check kind with its parameters, types, defaults and an example')
    .option('--solutions', "build and start each lab's solutions/<lab> and starters/<lab> on the engine (throwaway objects) and run its checks on them")
    .option('--lab <id...>', 'with --solutions: only these labs')
    .option('--stand-in <image=local...>', 'with --solutions: build FROM / run a local image wherever a solution names <image> (nothing is pulled)')
    .action(act(async (g, dir: string | undefined, o: { kinds?: boolean; solutions?: boolean; lab?: string[]; standIn?: string[] }) => (await import('./commands/validate.js')).validate(g, dir, o)));

  program.command('completion').argument('<shell>', 'bash, zsh or fish')
    .description('a shell completion script: source <(dojo completion bash), or: dojo completion fish | source')
    .action(act(async (g, shell: string) => {
      const { openCourse } = await import('./commands/shared.js');
      const labs = (await openCourse(g)).labs.map((l) => l.meta.id);
      return (await import('./commands/completion.js')).completion(shell, program, labs);
    }));

  program.command('new').description('for course authors: scaffold course content')
    .command('lab').argument('<id>', 'lab id, e.g. lab-05').argument('[dir]', 'course folder (default: current directory)')
    .description("a lab's three files (labs/, hints/, checks/), valid as written")
    .action(act(async (_g, id: string, dir: string | undefined) => (await import('./commands/new-lab.js')).newLab(id, dir)));

  program.command('quiz-hash').argument('<question-id>', "the question's id in checks/<lab>.yaml").argument('<choice>', 'the correct choice, exactly as written')
    .description("for course authors: the value of a quiz question's answer: (sha256 of \"<question-id>:<choice>\")")
    .action(act(async (_g, question: string, choice: string) => (await import('./commands/quiz-hash.js')).quizHash(question, choice)));

  return program;
}
