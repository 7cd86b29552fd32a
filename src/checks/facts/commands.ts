import { posix } from 'node:path';
import type { SimpleCommand } from './shell.js';

/**
 * What a command does to a project, judged from its parsed words:
 * - `install`: fetches the project's dependencies from its manifests (npm ci, go mod download, pip install -r …);
 * - `build`: compiles the source; `fetches` when it also downloads dependencies itself (go build, cargo build, mvn package);
 * - `tool`: installs a tool globally (npm install -g pnpm, pip install poetry, go install x@v1, cargo install x);
 * - `os`: the system package manager (apt-get, apk, yum, dnf).
 */
export type Role = { role: 'install' | 'tool' | 'os' } | { role: 'build'; fetches: boolean };

/** Options that take the next word as their value, per program: `mvn -f pom.xml package`. */
const VALUE_OPTIONS: Record<string, string[]> = {
  'apt-get': ['-o', '-t', '-c'], apt: ['-o', '-t', '-c'],
  npm: ['--prefix', '-w', '--workspace', '-C'], yarn: ['--cwd', '--modules-folder', '--cache-folder', '--network-timeout', '--mutex'],
  pnpm: ['--filter', '-F', '-C', '--dir', '--store-dir'], bun: ['--cwd'],
  mvn: ['-f', '--file', '-s', '--settings', '-gs', '-P', '--activate-profiles', '-pl', '--projects', '-rf', '-T', '--threads', '-l', '--log-file', '-t'],
  gradle: ['-p', '--project-dir', '-x', '--exclude-task', '-b', '--build-file', '-c', '-g', '--gradle-user-home', '-I', '--init-script'],
  go: ['-C', '-o', '-ldflags', '-tags', '-gcflags', '-mod', '-p', '-modfile', '-pkgdir', '-buildmode', '-asmflags'],
  cargo: ['--manifest-path', '-p', '--package', '--target', '--bin', '-j', '--jobs', '--features', '-F', '--profile', '--target-dir', '--root', '--example', '--config', '-Z', '--recipe-path'],
  dotnet: ['-c', '--configuration', '-o', '--output', '-r', '--runtime', '-f', '--framework', '-s', '--source', '--packages', '-a', '--arch', '--os', '-v', '--verbosity'],
  pip: ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-t', '--target', '--prefix', '--root', '-f', '--find-links', '--trusted-host', '--cache-dir', '--platform', '--python-version', '--only-binary', '--no-binary'],
  bundle: ['--jobs', '-j', '--retry', '--path', '--without', '--with', '--gemfile'],
  composer: ['-d', '--working-dir'], uv: ['--python', '-p', '--extra', '--group', '--index-url', '--package', '--directory', '--project', '-r', '--requirement'],
  poetry: ['--with', '--without', '--only', '-E', '--extras', '-C', '--directory'], conda: ['-n', '--name', '-p', '--prefix', '-c', '--channel'],
};

/** The program as a person would name it: ./gradlew → gradle, python -m pip → pip, pip3 → pip. */
export function program(cmd: SimpleCommand): { name: string; args: string[] } {
  let [first = '', ...args] = cmd.argv;
  let name = posix.basename(first);
  if (/^python[\d.]*$/.test(name) && args[0] === '-m' && args[1]) {
    name = args[1];
    args = args.slice(2);
  }
  if ((name === 'corepack' || name === 'npx') && /^(pnpm|yarn)$/.test(args[0] ?? '')) [name, ...args] = args as [string, ...string[]];
  const aliases: Record<string, string> = { gradlew: 'gradle', mvnw: 'mvn', pip3: 'pip', 'apt-get': 'apt-get', micromamba: 'conda', mamba: 'conda', microdnf: 'dnf', bunx: 'bun' };
  name = aliases[name] ?? name.replace(/^pip\d[\d.]*$/, 'pip');
  return { name, args };
}

/** Positional words (not options, not option values). */
export function words(name: string, args: string[]): string[] {
  const takesValue = new Set(VALUE_OPTIONS[name] ?? []);
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const w = args[k]!;
    if (takesValue.has(w)) k++;
    else if (!w.startsWith('-')) out.push(w);
  }
  return out;
}

const has = (args: string[], ...flags: string[]) => args.some((a) => flags.includes(a) || flags.some((f) => f.startsWith('--') && a.startsWith(`${f}=`)));
const NPM_INSTALL = new Set(['ci', 'install', 'i', 'in', 'ins', 'inst', 'add', 'clean-install', 'install-clean', 'isntall']);
const BUILD_TOOLS = new Set(['cmake', 'ninja', 'gcc', 'cc', 'g++', 'clang', 'rustc', 'javac', 'tsc', 'webpack', 'vite', 'esbuild', 'hugo', 'zig']);
/** Project build scripts run whatever the project's build needs, its package manager's download included. */
const BUILD_SCRIPTS = /^(make|gmake|task|just|mage|build\.sh|build)$/;

export function roleOf(cmd: SimpleCommand): Role | null {
  const { name, args } = program(cmd);
  const [sub, sub2] = words(name, args);
  const build = (fetches: boolean): Role => ({ role: 'build', fetches });
  switch (name) {
    case 'apt-get': case 'apt': case 'apk': case 'yum': case 'dnf': case 'zypper': case 'aptitude':
      return { role: 'os' };
    case 'go':
      if (sub === 'mod') return ['download', 'tidy', 'vendor', 'verify'].includes(sub2 ?? '') ? { role: 'install' } : null;
      // `go get github.com/x/y` names what to fetch (a tool, GOPATH style); `go get` / `go get ./...` reads the module.
      if (sub === 'get') return words(name, args).slice(1).some((a) => a.includes('@') || /^[\w-]+\.[\w.-]+\//.test(a)) ? { role: 'tool' } : build(true);
      if (sub === 'install') return args.some((a) => a.includes('@')) ? { role: 'tool' } : build(true);
      return ['build', 'run', 'test', 'generate'].includes(sub ?? '') ? build(true) : null;
    case 'npm':
      if (NPM_INSTALL.has(sub ?? '')) return has(args, '-g', '--global') ? { role: 'tool' } : { role: 'install' };
      return sub === 'run' || sub === 'run-script' ? build(false) : null;
    case 'npx': return build(false);
    case 'yarn':
      if (sub === undefined || sub === 'install' || sub === 'add' || (sub === 'workspaces' && sub2 === 'focus')) return { role: 'install' };
      if (sub === 'global' || sub === 'dlx') return { role: 'tool' };
      return ['cache', 'config', 'set', 'policies', 'plugin', 'version', 'info', 'why', 'audit', 'licenses'].includes(sub) ? null : build(false);
    case 'pnpm':
      if (['install', 'i', 'add', 'fetch'].includes(sub ?? '')) return has(args, '-g', '--global') ? { role: 'tool' } : { role: 'install' };
      return ['store', 'config', 'env', 'setup', 'dlx', 'prune', 'deploy'].includes(sub ?? '') || sub === undefined ? null : build(false);
    case 'bun':
      if (sub === 'install' || sub === 'i' || sub === 'add') return has(args, '-g', '--global') ? { role: 'tool' } : { role: 'install' };
      return sub === 'run' || sub === 'build' ? build(false) : null;
    case 'pip': return pipRole(sub, args, words(name, args).slice(1));
    case 'uv':
      if (sub === 'sync') return { role: 'install' };
      if (sub === 'pip') return pipRole(sub2, args.slice(args.indexOf('pip') + 1), words(name, args).slice(2));
      return sub === 'tool' ? { role: 'tool' } : null;
    case 'poetry': return sub === 'install' ? { role: 'install' } : sub === 'build' ? build(false) : null;
    case 'pipenv': return sub === 'install' || sub === 'sync' ? { role: 'install' } : null;
    case 'conda':
      if (sub === 'env' && ['create', 'update'].includes(sub2 ?? '')) return { role: 'install' };
      return sub === 'install' ? (has(args, '-f', '--file') ? { role: 'install' } : { role: 'tool' }) : null;
    case 'cargo':
      if (sub === 'fetch' || sub === 'vendor' || (sub === 'chef' && sub2 === 'cook')) return { role: 'install' };
      if (sub === 'install') return has(args, '--path') ? build(true) : { role: 'tool' };
      return ['build', 'test', 'run', 'b', 'r', 'auditable', 'zigbuild'].includes(sub ?? '') ? build(true) : null;
    case 'mvn': return mavenRole(words(name, args));
    case 'gradle': return gradleRole(words(name, args));
    case 'dotnet':
      if (sub === 'restore') return { role: 'install' };
      if (sub === 'tool' || sub === 'workload') return { role: 'tool' };
      return ['publish', 'build', 'test', 'pack'].includes(sub ?? '') ? build(!has(args, '--no-restore')) : null;
    case 'bundle': case 'bundler':
      if (sub === undefined || sub === 'install') return { role: 'install' };
      return sub === 'exec' ? build(false) : null;
    case 'gem': return sub === 'install' ? { role: 'tool' } : null;
    case 'composer': return ['install', 'update', 'require'].includes(sub ?? '') ? { role: 'install' } : null;
    case 'mix':
      // `mix do deps.get, compile` runs several tasks: the first one decides.
      if (sub === 'do') return roleOf({ ...cmd, argv: ['mix', ...words(name, args).slice(1).join(' ').split(/[\s,+]+/).filter(Boolean)] });
      if (sub === 'deps.get' || sub === 'deps.compile') return { role: 'install' };
      return ['compile', 'release', 'assets.deploy', 'phx.digest', 'escript.build'].includes(sub ?? '') ? build(false) : null;
    case 'setup.py': return build(true);
    default:
      if (name === 'python' || /^python[\d.]+$/.test(name)) return args[0]?.endsWith('setup.py') && ['install', 'develop', 'bdist_wheel'].includes(args[1] ?? '') ? build(true) : null;
      if (BUILD_SCRIPTS.test(name)) return build(true);
      return BUILD_TOOLS.has(name) ? build(false) : null;
  }
}

function pipRole(sub: string | undefined, args: string[], targets: string[]): Role | null {
  if (sub !== 'install' && sub !== 'download' && sub !== 'wheel' && sub !== 'sync') return null;
  if (has(args, '-r', '--requirement', '-c', '--constraint') || sub === 'sync') return { role: 'install' };
  if (targets.some((t) => t === '.' || t.startsWith('./') || t.startsWith('/') || t.includes('['))) return { role: 'build', fetches: true };
  return targets.length ? { role: 'tool' } : null;
}

function mavenRole(goals: string[]): Role | null {
  if (!goals.length) return null;
  const deps = (g: string) => /(dependency:|go-offline|resolve-dependencies|resolve-plugins|dependencies$)/.test(g);
  if (goals.every(deps)) return { role: 'install' };
  return goals.some((g) => !deps(g) && !g.startsWith('-')) ? { role: 'build', fetches: true } : null;
}

function gradleRole(tasks: string[]): Role | null {
  if (!tasks.length) return null;
  const deps = (t: string) => /dependencies|resolve|download|prefetch/i.test(t);
  if (tasks.every(deps)) return { role: 'install' };
  return tasks.some((t) => /^(build|assemble|bootJar|bootWar|jar|shadowJar|war|installDist|distTar|distZip|compile\w*|classes|test|check|nativeCompile|\w+:\w+)$/.test(t) || !deps(t))
    ? { role: 'build', fetches: true }
    : null;
}
