import type { Engine } from '../engine/client.js';
import { createTempContainer } from '../engine/temp-container.js';
import { probeImage } from '../checks/facts/probe-image.js';
import { demux } from '../checks/facts/run.js';
import { DojoError, ExitCode } from '../errors.js';
import { NEEDED_APPLETS } from './programs.js';

/**
 * The image the scenario programs are built on: dojo.yaml's probeImage, else the smallest local image
 * with /bin/busybox (the lab 03 probe's choice), checked for every applet the programs use.
 */
export async function toolImage(engine: Engine, configured?: string): Promise<{ ref: string; why: string }> {
  const image = await probeImage(engine, configured);
  const suggestion = 'Set probeImage in dojo.yaml to a local image with busybox (for example busybox:1.36); dojo pulls nothing.';
  if (!image) {
    throw new DojoError({
      code: 'E_NO_TOOL_IMAGE',
      message: configured ? `probeImage ${configured} (dojo.yaml) is not on the engine or has no /bin/busybox` : 'no image on the engine has /bin/busybox to build the scenarios on',
      suggestion,
      exitCode: ExitCode.badInput,
    });
  }
  const temp = createTempContainer(engine.docker, 'tool-image', {
    Image: image.ref, Entrypoint: ['/bin/busybox', '--list'], Cmd: [], Tty: false, NetworkDisabled: true, HostConfig: { NetworkMode: 'none' },
  });
  let applets: string[] = [];
  try {
    const c = await temp.created;
    await c.start();
    await c.wait();
    applets = demux((await c.logs({ stdout: true, stderr: false, follow: false })) as unknown as Buffer).map((l) => l.trim());
  } finally {
    temp.release();
  }
  const missing = NEEDED_APPLETS.filter((a) => !applets.includes(a));
  if (missing.length) {
    throw new DojoError({
      code: 'E_NO_TOOL_IMAGE',
      message: `${image.ref} (${image.why}) has busybox without ${missing.join(', ')}, which the scenario programs need`,
      suggestion,
      exitCode: ExitCode.badInput,
    });
  }
  return image;
}
