import { hostname } from 'node:os';

/** Whether a process of this host is alive (EPERM: alive, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Throwaway containers whose dojo run is over: made on this host (or before the host label
 * existed) by a process that is gone. A concurrent run's containers are alive work, not leftovers;
 * another host's cannot be judged from here.
 */
export function leftovers<C extends { Labels?: Record<string, string> }>(containers: C[], alive = processAlive, host = hostname()): C[] {
  return containers.filter((c) => {
    const pid = Number(c.Labels?.['io.dojo.pid']);
    const from = c.Labels?.['io.dojo.host'];
    if (from !== undefined && from !== host) return false;
    return !Number.isInteger(pid) || pid <= 0 || !alive(pid);
  });
}

/**
 * The command that removes exactly these containers. By id, not by label: a label filter would
 * also take a concurrent run's live containers and a lab's scenarios, which carry io.dojo.temp too.
 */
export function removalCommand(ids: string[]): string | null {
  return ids.length ? `docker rm -f -v ${ids.map((id) => id.slice(0, 12)).join(' ')}` : null;
}
