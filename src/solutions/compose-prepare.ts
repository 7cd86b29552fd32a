import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Lab } from '../content/types.js';
import { labels } from '../engine/cleanup.js';
import type { Workspace } from '../workspace.js';
import { rewriteCompose } from './compose-rewrite.js';
import type { ComposeProject } from './compose-run.js';
import type { Side } from './judge.js';
import { labServices, type Renamed } from './prepare.js';

export type ComposePrep = { missing: string } | (ReturnType<typeof rewriteCompose> & { project: ComposeProject });

/**
 * The copy's compose files rewritten so that `up` creates only throwaway objects (README "Solutions
 * and starters"), plus a labels file: what to bring up, and what must already be on the engine.
 */
export function prepareCompose(copy: Renamed, ws: Workspace, lab: Lab, side: Side, standIns: Record<string, string>): ComposePrep {
  const files = ws.compose.files;
  const absent = files.filter((f) => !existsSync(f));
  if (absent.length || !files.length) return { missing: `no compose file to bring up: ${absent.map((f) => relative(copy.dir, f)).join(', ') || 'none found'}` };
  const labImages = Object.fromEntries(labServices(lab).map((svc) => [ws.services[svc]?.composeService ?? svc, copy.images[svc]!]));
  const rw = rewriteCompose(files.map((path) => ({ path, text: readFileSync(path, 'utf8') })), {
    labImages,
    own: (kind, name) => (kind === 'image' ? `dojo-${side}/${lab.meta.id}-${name.replace(/[^a-z0-9_.-]+/gi, '-')}:${copy.suffix}`.toLowerCase() : copy.own(name)),
    standIns,
    labels: labels('solution'),
  });
  for (const [path, text] of Object.entries(rw.texts)) writeFileSync(path, text);
  const labelsFile = join(copy.dir, '.dojo-validate-labels.yml');
  writeFileSync(labelsFile, rw.labelsFile);
  const images = [...rw.built, ...rw.unnamedBuilds.flatMap((s) => [`${copy.project}-${s}`, `${copy.project}_${s}`])];
  return { ...rw, project: { dir: copy.dir, files: [...files, labelsFile], project: copy.project, images } };
}
