import type { Engine } from '../engine/client.js';
import { DojoError, ExitCode } from '../errors.js';
import type { ScenariosFile } from './schema.js';

export interface LabScenarioView {
  id: string;
  symptom: string;
  task: string;
  containers: { name: string; support: boolean; published: string[] }[];
}

/** A name dojo would create that something else already holds: refused before anything changes. */
export async function refuseTakenNames(e: Engine, file: ScenariosFile): Promise<void> {
  const d = e.docker;
  const exists = (p: Promise<unknown>) => p.then(() => true, () => false);
  const taken: string[] = [];
  for (const s of file.scenarios) for (const c of s.containers) if (await exists(d.getContainer(c.name).inspect())) taken.push(`container ${c.name}`);
  for (const n of file.networks) if (await exists(d.getNetwork(n).inspect())) taken.push(`network ${n}`);
  if (await exists(d.getImage(file.image).inspect())) taken.push(`image ${file.image}`);
  if (taken.length) {
    throw new DojoError({
      code: 'E_NAME_TAKEN',
      message: `the scenarios need names that are already in use and are not dojo's: ${taken.join(', ')}`,
      suggestion: 'Rename or remove those objects (they are yours; dojo does not touch them), then start again.',
      exitCode: ExitCode.badInput,
    });
  }
}

export async function views(e: Engine, file: ScenariosFile, names: string[]): Promise<LabScenarioView[]> {
  const published = new Map<string, string[]>();
  for (const name of names) {
    const info = await e.docker.getContainer(name).inspect().catch(() => null);
    const ports = Object.entries(info?.NetworkSettings.Ports ?? {}).flatMap(([p, b]) => (b ?? []).map((x) => `${x.HostIp}:${x.HostPort}->${p}`));
    published.set(name, ports);
  }
  return file.scenarios.map((s) => ({
    id: s.id, symptom: s.symptom, task: s.task,
    containers: s.containers.map((c) => ({ name: c.name, support: c.support, published: published.get(c.name) ?? [] })),
  }));
}
