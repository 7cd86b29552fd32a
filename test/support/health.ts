import { execa } from 'execa';

/**
 * Polls a container's health status until it is healthy; fails after `timeoutMs` (no fixed sleeps).
 * Options come as an object so that `.map(waitHealthy)` cannot pass an index as the timeout.
 */
export async function waitHealthy(container: string, { timeoutMs = 90_000 }: { timeoutMs?: number } = {}): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const r = await execa('docker', ['inspect', '-f', '{{.State.Health.Status}}', container], { reject: false });
    if (String(r.stdout).trim() === 'healthy') return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${container} did not become healthy within ${timeoutMs / 1000} s`);
}
