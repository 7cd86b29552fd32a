/** One step of the generated GitHub Actions job; `id` lets a reader (or a test) find it again. */
export interface CiStep {
  id: string;
  name: string;
  /** Comment lines written above the step: what it is for, which lab and exercises it serves. */
  comment?: string[];
  if?: string;
  uses?: string;
  with?: Record<string, string | number>;
  run?: string;
}

/** A lab as CI sees it: what the course says must happen before the gate can judge it. */
export interface CiLab {
  id: string;
  /** The lab works on a running Compose project (front matter `targets.compose`). */
  compose: boolean;
  /** `dojo lab start <lab>` first (front matter `ci.scenarios`). */
  scenarios: boolean;
  scripts: { file: string; exercises: string[]; purpose: string; exists: boolean }[];
  /** Checks that ask a person (a quiz): graded in CI only from the answers file. */
  interactive: string[];
}

/** Everything the workflow depends on, already looked up in the course and the workspace. */
export interface CiInputs {
  dojoVersion: string;
  /** What `npm install --global` installs dojo from: a registry name, a tarball in the repository, a URL. */
  dojoPackage: string;
  labs: CiLab[];
  builds: { service: string; image: string; context: string; dockerfile: string }[];
  compose: { files: string[]; project?: string };
  /** An image with busybox for dojo's live probes and the scenarios, when any check needs one; dojo pulls nothing itself. */
  probeImage: string | null;
  /** A check scans images (image-scan): the runner needs a scanner and its database. */
  scanner: boolean;
  answers: { file: string; exists: boolean; problem?: string; unanswered: string[] };
  /** A dojo command line as it is run in the workflow (with --course when the course is not the built-in one). */
  dojo: (args: string[]) => string;
  report: string;
}

export interface CiPlan {
  steps: CiStep[];
  /** Per lab, what the workflow does before the gate, in order (for the header and the command's output). */
  prepares: { lab: string; what: string[] }[];
  /** What dojo could not find, each with what to commit. */
  missing: string[];
  notices: string[];
}

const q = (s: string) => JSON.stringify(s);
/** A POSIX shell word: as it is when it is plain, else in single quotes. */
const sh = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const quote = (words: string[]) => words.map(sh).join(' ');
const stepId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '-');

// Aqua's signed apt repository (their documented way for Debian and Ubuntu), not a third-party action.
const TRIVY = [
  'wget -qO - https://aquasecurity.github.io/trivy-repo/deb/public.key | gpg --dearmor | sudo tee /usr/share/keyrings/trivy.gpg > /dev/null',
  'echo "deb [signed-by=/usr/share/keyrings/trivy.gpg] https://aquasecurity.github.io/trivy-repo/deb generic main" | sudo tee /etc/apt/sources.list.d/trivy.list',
  'sudo apt-get update',
  'sudo apt-get install -y trivy',
  'trivy image --download-db-only',
].join('\n');

/**
 * The job, in the order a student works: tools, image builds, then lab by lab what must run on the
 * engine before anything can be judged (their scripts, the Compose stack, the break-fix scenarios),
 * then the gate over every lab at once. A script that is not in the workspace gets no step (a step
 * that fails on a missing file would hide the gate's own report) and a notice saying what to commit.
 */
export function planWorkflow(i: CiInputs): CiPlan {
  const notices: string[] = [];
  const missing: string[] = [];
  const prepares: CiPlan['prepares'] = [];
  const composeFlags = [...i.compose.files.flatMap((f) => ['-f', f]), ...(i.compose.project ? ['-p', i.compose.project] : [])];
  const stackUp: CiStep = {
    id: 'stack-up', name: 'Start the stack',
    run: quote(['docker', 'compose', ...composeFlags, 'up', '--detach', '--wait']),
  };
  const composeLab = i.labs.find((l) => l.compose);
  const steps: CiStep[] = [
    { id: 'checkout', name: 'Check out', uses: 'actions/checkout@v4' },
    { id: 'setup-node', name: 'Set up Node.js', uses: 'actions/setup-node@v4', with: { 'node-version': 20 } },
    { id: 'install-dojo', name: 'Install dojo', run: `npm install --global ${sh(i.dojoPackage)}` },
  ];
  if (i.probeImage) {
    steps.push({
      id: 'probe-image', name: `Provide ${i.probeImage} for dojo's probes`,
      comment: ["dojo pulls nothing: its live probes (name resolution, listeners) and lab scenarios run on a local image with busybox."],
      run: `docker image inspect ${sh(i.probeImage)} > /dev/null 2>&1 || docker pull ${sh(i.probeImage)}`,
    });
  }
  if (i.scanner) {
    steps.push({
      id: 'install-scanner', name: 'Install trivy and its database',
      comment: ['image-scan scans offline and skips without a scanner (the gate would then stay incomplete).'],
      run: TRIVY,
    });
  }
  for (const b of i.builds) {
    steps.push({ id: `build-${stepId(b.service)}`, name: `Build ${b.service}`, run: `docker build -t ${q(b.image)} -f ${q(b.dockerfile)} ${q(b.context)}` });
  }
  // A course whose labs never say they use a Compose project still gets the stack it has, as before.
  if (i.compose.files.length && !composeLab) {
    steps.push(stackUp);
    prepares.push({ lab: 'every lab', what: [`starts the stack from ${i.compose.files.join(', ')}`] });
  }
  for (const lab of i.labs) {
    const what: string[] = [];
    if (lab.compose && lab === composeLab && i.compose.files.length) {
      steps.push({ ...stackUp, comment: [`${lab.id}: the Compose project its checks judge, from the compose files you committed.`] });
      what.push(`starts the stack from ${i.compose.files.join(', ')}`);
    }
    if (lab.scenarios) {
      steps.push({
        id: `${lab.id}-scenarios`, name: `${lab.id}: start the break-fix scenarios`,
        comment: [`${lab.id}: the broken containers the lab asks you to repair, created as \`dojo lab start\` creates them for you.`],
        run: i.dojo(['lab', 'start', lab.id]),
      });
      what.push(`starts ${lab.id}'s break-fix scenarios`);
    }
    lab.scripts.forEach((s, n) => {
      if (!s.exists) {
        missing.push(`${s.file} (${lab.id} ${s.exercises.join(', ')}): ${s.purpose}`);
        notices.push(`${lab.id}: no ${s.file} in this workspace, so the workflow does not run it and ${lab.id} ${s.exercises.join(', ')} cannot pass in CI. Commit ${s.file} with ${s.purpose}, then run \`dojo ci init --force\`.`);
        return;
      }
      steps.push({
        id: `${lab.id}-script-${n + 1}`, name: `${lab.id}: ${s.file}`,
        comment: [`${lab.id} ${s.exercises.join(', ')}: ${s.purpose}.`],
        run: quote(['bash', s.file]),
      });
      what.push(`runs ${s.file}`);
    });
    if (lab.interactive.length) what.push(i.answers.exists ? `the gate grades ${lab.interactive.join(', ')} from ${i.answers.file}` : `${lab.interactive.join(', ')} stays ungraded (no ${i.answers.file})`);
    if (what.length) prepares.push({ lab: lab.id, what });
  }
  const asking = i.labs.flatMap((l) => l.interactive.map((c) => `${l.id} ${c}`));
  if (asking.length && !i.answers.exists) {
    missing.push(`${i.answers.file}: your answers to ${asking.join(', ')}`);
    notices.push(`${asking.join(', ')} ${asking.length === 1 ? 'asks' : 'ask'} questions nobody answers in CI: commit ${i.answers.file} (lab → check → question id → your choice's text or number; README: The answers file), then run \`dojo ci init --force\`. Until then the gate stays incomplete (exit 4).`);
  }
  if (i.answers.exists && i.answers.problem) notices.push(`${i.answers.file}: ${i.answers.problem}; the gate stops on it (exit 2) until it is fixed.`);
  if (i.answers.exists && i.answers.unanswered.length) notices.push(`${i.answers.file} has no answer for ${i.answers.unanswered.join(', ')}: ${i.answers.unanswered.length === 1 ? 'it stays' : 'they stay'} ungraded in CI (exit 4).`);

  const gate = ['checklist', '--ci', ...(i.answers.exists ? ['--answers', i.answers.file] : []), '--format', 'junit', '--output', i.report];
  steps.push(
    {
      id: 'gate', name: 'Run the exit gate',
      comment: ['Every lab judged at once, on what the steps above left on the engine. Add --strict or --config <file> to pin the targets.'],
      run: i.dojo(gate),
    },
    { id: 'upload', name: 'Upload the report', if: 'always()', uses: 'actions/upload-artifact@v4', with: { name: 'dojo-report', path: i.report } },
  );
  if (i.compose.files.length) steps.push({ id: 'stack-down', name: 'Stop the stack', if: 'always()', run: quote(['docker', 'compose', ...composeFlags, 'down', '--volumes']) });
  return { steps, prepares, missing, notices };
}
