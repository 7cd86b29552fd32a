import type { Engine } from '../../engine/client.js';
import type { ImageFacts } from './image-model.js';

/** One inspect and one history call per image, in parallel; null when the tag is not in the engine. */
export async function readImage(engine: Engine, ref: string): Promise<ImageFacts | null> {
  const image = engine.docker.getImage(ref);
  let inspect;
  let history;
  try {
    [inspect, history] = await Promise.all([image.inspect(), image.history()]);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
  const c = inspect.Config ?? ({} as NonNullable<typeof inspect.Config>);
  return {
    ref,
    id: inspect.Id,
    created: inspect.Created,
    size: inspect.Size,
    apiVersion: engine.version.ApiVersion,
    os: inspect.Os,
    architecture: inspect.Architecture,
    layers: inspect.RootFS?.Layers?.length ?? 0,
    config: {
      user: c.User ?? '',
      env: c.Env ?? [],
      cmd: toList(c.Cmd),
      entrypoint: toList(c.Entrypoint),
      workingDir: c.WorkingDir ?? '',
      exposedPorts: Object.keys(c.ExposedPorts ?? {}),
      healthcheck: c.Healthcheck?.Test && c.Healthcheck.Test[0] !== 'NONE' ? { test: c.Healthcheck.Test } : null,
      labels: c.Labels ?? {},
    },
    history: (history as { CreatedBy: string; Size: number; Id: string }[]).map((h) => ({
      createdBy: h.CreatedBy,
      size: h.Size,
      emptyLayer: h.Size === 0 && /#\(nop\)|^(ENV|CMD|ENTRYPOINT|LABEL|EXPOSE|USER|WORKDIR|ARG|HEALTHCHECK|STOPSIGNAL)\b/.test(h.CreatedBy),
    })),
  };
}

function toList(v: unknown): string[] | null {
  if (v === null || v === undefined) return null;
  return Array.isArray(v) ? (v as string[]) : [String(v)];
}
