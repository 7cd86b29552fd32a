import type { Workspace } from '../workspace.js';

/** An event from the engine's /events stream, the fields dojo reads. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time?: number;
}

/** The engine objects a lab's checks look at, by name, from the workspace model. */
export interface EventTargets {
  containers: Set<string>;
  images: Set<string>;
  networks: Set<string>;
  volumes: Set<string>;
  /** Compose containers, networks and volumes are found by the project's name. */
  composeProject: string | null;
}

/** What the filter learns from the stream: target containers by id, dojo's own throwaway containers. */
export interface KnownIds {
  targets: Set<string>;
  temp: Set<string>;
  images: Set<string>;
}

export const knownIds = (): KnownIds => ({ targets: new Set(), temp: new Set(), images: new Set() });

export function eventTargets(ws: Workspace, compose: boolean): EventTargets {
  const services = Object.values(ws.services);
  return {
    containers: new Set(services.map((s) => s.container)),
    images: new Set(services.map((s) => normalizeRef(s.image))),
    networks: new Set([ws.network].filter(Boolean)),
    volumes: new Set([ws.volume].filter(Boolean)),
    composeProject: compose ? ws.compose.project : null,
  };
}

/** `postgres`, `library/postgres:latest` and `docker.io/library/postgres:latest` are one image. */
export function normalizeRef(ref: string): string {
  let r = ref.replace(/^(docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
  if (!r.includes('@') && !/:[^/]+$/.test(r)) r += ':latest';
  return r;
}

// Reading a container (exec by health checks, archive reads, attach) changes nothing a check judges.
const QUIET = /^(exec_|attach|detach|resize|top|archive-path|extract-to-dir|export|copy|commit)/;
const TEMP_LABEL = 'io.dojo.temp';

/**
 * Is this event about something the lab's checks look at? Returns what happened, in a few words,
 * or null. dojo's own throwaway containers (and the network and volume events they cause) never
 * count, or each live run would set off the next.
 */
export function relevantEvent(ev: EngineEvent, t: EventTargets, known: KnownIds): string | null {
  const attrs = ev.Actor.Attributes ?? {};
  const id = ev.Actor.ID;
  const inProject = (name: string | undefined) => Boolean(t.composeProject && name?.startsWith(`${t.composeProject}_`));
  switch (ev.Type) {
    case 'container': {
      if (attrs[TEMP_LABEL] || known.temp.has(id)) {
        known.temp.add(id);
        return null;
      }
      const mine = t.containers.has(attrs.name ?? '') || known.targets.has(id) || (t.composeProject !== null && attrs['com.docker.compose.project'] === t.composeProject);
      if (!mine) return null;
      known.targets.add(id);
      return QUIET.test(ev.Action) ? null : `container ${attrs.name ?? id.slice(0, 12)}: ${ev.Action}`;
    }
    case 'image': {
      const name = attrs.name ?? '';
      if (!t.images.has(normalizeRef(name)) && !known.images.has(id)) return null;
      return `image ${name || id.slice(0, 19)}: ${ev.Action}`;
    }
    case 'network': {
      // Connects and disconnects name the container by id only, and the engine may announce a
      // probe's connect before its create: only the lab's own containers (ids seen) count.
      const container = attrs.container;
      const mine = container ? known.targets.has(container) : t.networks.has(attrs.name ?? '') || inProject(attrs.name);
      return mine ? `network ${attrs.name ?? id.slice(0, 12)}: ${ev.Action}` : null;
    }
    case 'volume': {
      // Only its removal: the engine announces `create` also when a container (dojo's probes too)
      // mounts a volume that exists, and a mount changes no verdict before the container events do.
      if (ev.Action !== 'destroy') return null;
      return t.volumes.has(id) || inProject(id) ? `volume ${id}: ${ev.Action}` : null;
    }
    default:
      return null;
  }
}

/** Seeds the ids from what the last run saw (container and image fingerprints), for events by id only. */
export function learnIds(known: KnownIds, prints: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(prints)) {
    if (key.startsWith('container:') && value && typeof value === 'object' && 'id' in value) known.targets.add(String(value.id));
    if (key.startsWith('image:') && typeof value === 'string') known.images.add(value);
  }
}
