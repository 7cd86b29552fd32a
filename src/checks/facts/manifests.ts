import picomatch from 'picomatch';

/** Dependency manifests and lock files, by ecosystem: what is copied before the dependency install. */
export const MANIFESTS = [
  'go.mod', 'go.sum', 'go.work', 'go.work.sum', 'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml',
  'pnpm-workspace.yaml', 'bun.lockb', 'bun.lock', 'requirements.txt', 'Pipfile', 'Pipfile.lock', 'poetry.lock', 'pyproject.toml', 'uv.lock',
  'setup.py', 'setup.cfg', 'environment.yml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts',
  'gradle.properties', 'gradlew', 'mvnw', 'Cargo.toml', 'Cargo.lock', 'Gemfile', 'Gemfile.lock', 'composer.json', 'composer.lock',
  'mix.exs', 'mix.lock', 'Directory.Build.props', 'Directory.Packages.props', 'NuGet.config', 'nuget.config', 'global.json', 'packages.lock.json',
];

/** Small files that travel with the manifests: toolchain pins, package-manager settings, build scripts of the manifest. */
const COMPANIONS = [
  '.nvmrc', '.node-version', '.ruby-version', '.python-version', '.tool-versions', 'rust-toolchain', 'rust-toolchain.toml',
  'go.toolchain.rev', '.yarnrc', '.yarnrc.yml', '.npmrc', '.pnpmfile.cjs', 'build.rs', 'lerna.json', 'turbo.json', 'nx.json', '.gemrc', '.bundle',
];

/** Folders that hold only dependency metadata or vendored dependencies, never the service's own source. */
const DEPENDENCY_DIRS = ['vendor', '.yarn', '.mvn', 'gradle', 'requirements', 'patches', '.cargo', 'deps'];
const MANIFEST_PATTERNS = [/^requirements[\w.-]*\.txt$/, /\.(csproj|fsproj|vbproj|sln|gemspec)$/];

const isKnown = (base: string): boolean =>
  MANIFESTS.includes(base) || COMPANIONS.includes(base) || MANIFEST_PATTERNS.some((re) => re.test(base));

/**
 * A COPY source that brings in dependency metadata only: a manifest, a companion file, a dependency
 * folder, or a glob whose matches can only be such files (`go.*`, `package*.json`, `Cargo.*`, `*.csproj`).
 */
export function isManifestSource(source: string): boolean {
  const path = source.replace(/^\.\//, '').replace(/\/+$/, '');
  const base = path.split('/').pop() ?? '';
  if (!base || base === '.' || base === '*') return false;
  if (DEPENDENCY_DIRS.includes(base)) return true;
  if (!/[*?[]/.test(base)) return isKnown(base);
  if (MANIFEST_ONLY_EXTENSION.test(base)) return true;
  // `*.json` matches package.json but also every config file: such a glob is not narrow enough.
  if (/^\*(\.\w+)?$/.test(base)) return false;
  const match = picomatch(base, { dot: true });
  return [...MANIFESTS, ...COMPANIONS].some((m) => match(m));
}

const MANIFEST_ONLY_EXTENSION = /^\*\.(csproj|fsproj|vbproj|sln|gemspec|mod|sum|lock|lockb)$/;

/** A source that is the service's code: a folder, the whole context, a wide glob, or a source file. */
export function isSourceCopy(source: string): boolean {
  if (isManifestSource(source)) return false;
  const path = source.replace(/\/+$/, '');
  const base = path.split('/').pop() ?? '';
  if (path === '.' || path === '' || /[*?[]/.test(base)) return true;
  if (source.endsWith('/')) return true;
  // A folder: the code when it is one of the usual code folders; side folders (config, macros,
  // prisma, patches, docs) change rarely and are often needed by the install itself.
  if (!base.includes('.')) return CODE_DIRS.has(base.toLowerCase());
  return SOURCE_EXTENSIONS.test(base);
}

const SOURCE_EXTENSIONS = /\.(go|js|mjs|cjs|ts|tsx|jsx|py|rb|rs|java|kt|kts|scala|cs|fs|vb|php|ex|exs|erl|c|cc|cpp|h|hpp|swift|dart|lua|pl|clj|groovy|vue|svelte)$/;

const CODE_DIRS = new Set([
  'src', 'app', 'apps', 'cmd', 'internal', 'pkg', 'lib', 'libs', 'server', 'api', 'web', 'client', 'frontend', 'backend',
  'services', 'service', 'packages', 'source', 'sources', 'crates', 'components', 'pages', 'handlers', 'controllers',
  'routes', 'views', 'models', 'modules', 'core', 'main',
]);
