import type { Engine } from '../../engine/client.js';
import { createTempContainer } from '../../engine/temp-container.js';
import { isUserDefined } from './runtime-model.js';
import { probeContainer, probeImageProblem } from './probe-image.js';
import { demux } from './run.js';

export interface DnsProbeFacts {
  from: string;
  found: boolean;
  /** The user-defined networks `from` is on (the probe joins each until one works). */
  networks: string[];
  image: { ref: string; why: string } | null;
  /** When probeImage in dojo.yaml cannot serve: not on the engine, or without /bin/busybox. */
  imageProblem?: 'missing' | 'no-busybox';
  attempts: { network: string; resolved: string | null; reached: boolean; output: string[] }[];
}

/**
 * Proves name resolution live: a throwaway container (labelled, removed in `finally`, nothing
 * published) joins the network of `from`, looks `host` up through the engine's DNS and opens a
 * TCP connection to `port`. The student's containers are only inspected.
 */
export async function probeDns(engine: Engine, from: string, host: string, port: number, configured?: string): Promise<DnsProbeFacts> {
  const out: DnsProbeFacts = { from, found: false, networks: [], image: null, attempts: [] };
  let info;
  try {
    info = await engine.docker.getContainer(from).inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return out;
    throw err;
  }
  out.found = true;
  out.networks = Object.keys(info.NetworkSettings.Networks ?? {}).filter(isUserDefined);
  if (!out.networks.length) return out;
  const script = `busybox nslookup ${host} 2>&1; echo "#dns=$?"; busybox nc -w 3 ${host} ${port} </dev/null 2>&1; echo "#tcp=$?"`;
  const make = (network: string) => (ref: string) => createTempContainer(engine.docker, 'dns-probe', {
    Image: ref, Entrypoint: ['/bin/busybox', 'sh', '-c', script], Cmd: [], Tty: false,
    HostConfig: { NetworkMode: network },
  });
  for (const network of out.networks) {
    // The first probe container also serves to choose the image (probe-image.ts).
    const probe = await probeContainer(engine, configured, make(network));
    if (!probe) {
      if (configured) out.imageProblem = await probeImageProblem(engine, configured);
      return out;
    }
    out.image = probe.image;
    const temp = probe.temp;
    try {
      const c = probe.container;
      await c.start();
      await c.wait();
      const lines = demux((await c.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer);
      const dnsOk = lines.includes('#dns=0');
      const addr = dnsOk ? lines.slice(lines.findIndex((l) => /^Name:/.test(l.trim()))).find((l) => /^Address/.test(l.trim()))?.split(/\s+/).pop() ?? 'yes' : null;
      const attempt = { network, resolved: addr ?? null, reached: lines.includes('#tcp=0'), output: lines.filter((l) => !l.startsWith('#')).slice(0, 8) };
      out.attempts.push(attempt);
      if (attempt.resolved && attempt.reached) break;
    } finally {
      temp.release();
    }
  }
  return out;
}
