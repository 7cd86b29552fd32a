import type { Engine } from '../engine/client.js';
import { track } from '../engine/cleanup.js';

export interface ComposeProject {
  dir: string;
  /** Every `-f` file, dojo's labels file last. */
  files: string[];
  project: string;
  /** The images this project builds (throwaway tags), removed with it. */
  images: string[];
}

// What would make Compose read other files, another project or more profiles than the setup says.
const COMPOSE_ENV = ['COMPOSE_FILE', 'COMPOSE_PROJECT_NAME', 'COMPOSE_PROFILES', 'COMPOSE_PATH_SEPARATOR'];

/**
 * Brings the project up (`up -d --wait` with Compose v2; v1 has no --wait, so dojo waits itself
 * until every container runs and each healthcheck passes). Its removal (`down --volumes`, then
 * whatever still carries the project's label, then the images it built) is registered first, so a
 * failure or Ctrl-C on the way takes everything away too. null when it is up; else what went wrong.
 */
export async function composeUp(engine: Engine, p: ComposeProject, timeoutSec = 600): Promise<string | null> {
  const [{ execa }, { composeTool }] = await Promise.all([import('execa'), import('../checks/facts/compose-cli.js')]);
  const tool = await composeTool();
  if (!tool) return 'neither `docker compose` (v2) nor `docker-compose` (v1) is installed';
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !COMPOSE_ENV.includes(k)));
  const base = [...tool.prefix, ...p.files.flatMap((f) => ['-f', f]), '-p', p.project];
  // Its own process group: `docker compose` runs Compose as a child plugin, which a signal to the
  // CLI alone does not stop (and which keeps the output open), so the whole group is stopped.
  // Not runTool: that has no process group. `cleanup: false` for the reason runTool gives (execa's
  // exit hook re-raises Ctrl-C before dojo has removed what it created); the removal below stops it.
  const run = (args: string[], timeoutMs: number) =>
    execa(tool.cmd, [...base, ...args], { cwd: p.dir, env, extendEnv: false, reject: false, stdin: 'ignore', timeout: timeoutMs, all: true, detached: true, cleanup: false });
  let up: ReturnType<typeof run> | null = null;
  track(`compose project ${p.project}`, async () => {
    // An `up` still running would go on creating what `down` removes.
    if (up) await stopGroup(up);
    await run(['down', '--volumes', '--remove-orphans', '-t', '1'], 60_000);
    await sweep(engine, p);
  });
  const v2 = tool.loader === 'compose-v2';
  up = run(['up', '-d', ...(v2 ? ['--wait'] : [])], timeoutSec * 1000);
  const r = await up;
  up = null;
  if (r.exitCode !== 0) return `\`${tool.cmd} ${tool.prefix.join(' ')} up\` failed${r.timedOut ? ` (no answer within ${timeoutSec} s)` : ''}: ${lastLines(String(r.all ?? ''))}`;
  return v2 ? null : waitForProject(engine, p.project, 120_000);
}

/** SIGTERM to the process group, SIGKILL if it is still there after a few seconds. */
async function stopGroup(child: { pid?: number | undefined } & Promise<unknown>): Promise<void> {
  const signal = (sig: NodeJS.Signals) => { try { if (child.pid) process.kill(-child.pid, sig); } catch { /* gone already */ } };
  signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((r) => (timer = setTimeout(r, 5_000)));
  if (await Promise.race([child.then(() => false, () => false), late.then(() => true)])) signal('SIGKILL');
  clearTimeout(timer);
  await child.catch(() => undefined);
}

const lastLines = (out: string) => out.trim().split('\n').slice(-3).join(' | ');

const byProject = (project: string) => ({ filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) });

/** v1's `up -d` returns once the containers are started: wait until they run and their healthchecks pass. */
async function waitForProject(engine: Engine, project: string, ms: number): Promise<string | null> {
  const deadline = Date.now() + ms;
  for (;;) {
    const list = await engine.docker.listContainers({ all: true, ...byProject(project) });
    const states = await Promise.all(list.map((c) => engine.docker.getContainer(c.Id).inspect()));
    const exited = states.find((s) => !s.State.Running);
    if (exited) return `${exited.Name.replace(/^\//, '')} exited with code ${exited.State.ExitCode} instead of running`;
    const sick = states.find((s) => s.State.Health?.Status === 'unhealthy');
    if (sick) return `${sick.Name.replace(/^\//, '')} is unhealthy`;
    if (states.length && states.every((s) => !s.State.Health || s.State.Health.Status === 'healthy')) return null;
    if (Date.now() > deadline) return `the containers of ${project} did not all run and turn healthy within ${ms / 1000} s`;
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** What `down` left (it could not read the files, or an `up` was cut short): by the project's label, which only this run's objects carry. */
async function sweep(engine: Engine, p: ComposeProject): Promise<void> {
  const d = engine.docker;
  const containers = await d.listContainers({ all: true, ...byProject(p.project) }).catch(() => []);
  await Promise.all(containers.map((c) => d.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  const networks = await d.listNetworks(byProject(p.project)).catch(() => []);
  await Promise.all(networks.map((n) => d.getNetwork(n.Id).remove().catch(() => undefined)));
  const volumes = (await d.listVolumes(byProject(p.project)).catch(() => ({ Volumes: [] }))).Volumes ?? [];
  await Promise.all(volumes.map((v) => d.getVolume(v.Name).remove().catch(() => undefined)));
  // By tag, with its untagged parents (a build's own layers); an image still tagged otherwise only loses this tag.
  for (const ref of p.images) await d.getImage(ref).remove().catch(() => undefined);
}
