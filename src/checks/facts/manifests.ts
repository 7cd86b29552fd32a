/** Dependency manifests and lock files, by ecosystem: what should be copied before the source. */
export const MANIFESTS = [
  'go.mod', 'go.sum', 'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml',
  'requirements.txt', 'requirements-dev.txt', 'Pipfile', 'Pipfile.lock', 'poetry.lock', 'pyproject.toml',
  'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'gradle.properties', 'Cargo.toml', 'Cargo.lock',
  'Gemfile', 'Gemfile.lock', 'composer.json', 'composer.lock', 'mix.exs', 'mix.lock',
];

export const isManifest = (path: string): boolean => MANIFESTS.includes(path.split('/').pop() ?? '') || /requirements.*\.txt$/.test(path);

/** Commands that fetch or install dependencies. */
export const DEPENDENCY_INSTALL =
  /\b(go mod (download|tidy|vendor)|npm (ci|install|i)\b|yarn( install)?\s*($|&&|;|--)|pnpm (install|i)\b|pip3? install\b[^&;]*(-r|\.)|poetry install|pipenv install|mvn\b[^&;]*dependency:|gradle\b[^&;]*dependencies|cargo (fetch|build)|bundle install|composer install|mix deps\.get)/;

/** Commands that compile the source; a build with no separate install step fetches dependencies itself. */
export const SOURCE_BUILD = /\b(go build|go install|npm run build|yarn build|mvn\b[^&;]*(package|install)|gradle\b[^&;]*build|cargo build|make\b)/;
