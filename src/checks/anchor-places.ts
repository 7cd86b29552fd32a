import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from '../content/types.js';
import type { Location } from '../errors.js';
import type { Workspace } from '../workspace.js';
import type { Places } from './anchor.js';
import { keyAt, locator, parseFiles } from './facts/compose-source.js';

/** The places of one lab's workspace, each file read (with line positions) only when first asked for. */
export function workspacePlaces(ws: Workspace, lab: Lab): Places {
  let compose: ((path: (string | number)[]) => Location) | null | undefined;
  let config: ReturnType<typeof parseConfig> | undefined;
  return {
    composeService(name) {
      if (compose === undefined) {
        const sources = parseFiles(ws.compose.files.filter((f) => existsSync(f)), []);
        compose = sources.length ? locator(sources) : null;
      }
      return compose ? compose(['services', name]) : null;
    },
    configService(service) {
      config ??= parseConfig(ws.configFile);
      if (!config?.doc.hasIn(['services', service])) return null;
      return keyAt(config, config.doc.hasIn(['services', service, 'container']) ? ['services', service, 'container'] : ['services', service]);
    },
    script(exercise) {
      const s = lab.meta.ci.scripts.find((x) => x.exercises.includes(exercise) && existsSync(join(ws.dir, x.file)));
      return s ? { file: join(ws.dir, s.file), line: 1 } : null;
    },
    dockerfile(service) {
      const file = ws.services[service]?.dockerfile;
      return file && existsSync(file) ? { file, line: 1 } : null;
    },
  };
}

function parseConfig(file: string | undefined) {
  if (!file) return null;
  try {
    return parseFiles([file], [])[0] ?? null;
  } catch {
    return null;
  }
}
