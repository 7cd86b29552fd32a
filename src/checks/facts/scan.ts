import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Engine } from '../../engine/client.js';
import { runTool } from '../../engine/tool-run.js';
import { parseGrype, parseTrivy, type ScanReport } from './scan-report.js';

export type ScannerName = 'trivy' | 'grype';

export interface ScanFacts {
  /** The scanner that ran; null when none is on PATH. */
  scanner: ScannerName | null;
  path?: string;
  report?: ScanReport;
  /** Why there is no report: the scanner has no database yet (dojo never downloads one), or it failed. */
  problem?: { noDatabase: boolean; message: string };
}

/** The first executable `name` on PATH, as a shell would find it. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Offline by construction: trivy with --offline-scan and --skip-db-update (and the Java DB and
 * version check off), reading the image from the engine only; grype with its database update and
 * update check off, from `docker:<ref>`. A missing database is reported, never fetched.
 */
export function scanCommand(scanner: ScannerName, ref: string, engine: Engine | undefined): { args: string[]; env: Record<string, string> } {
  const host: Record<string, string> = engine?.endpoint.url ? { DOCKER_HOST: engine.endpoint.url } : {};
  if (scanner === 'trivy') {
    return {
      args: ['image', '--format', 'json', '--quiet', '--offline-scan', '--skip-db-update', ref],
      env: { ...host, TRIVY_SKIP_DB_UPDATE: 'true', TRIVY_OFFLINE_SCAN: 'true', TRIVY_SKIP_JAVA_DB_UPDATE: 'true', TRIVY_SKIP_VERSION_CHECK: 'true', TRIVY_SKIP_CHECK_UPDATE: 'true', TRIVY_SCANNERS: 'vuln', TRIVY_IMAGE_SRC: 'docker', TRIVY_NO_PROGRESS: 'true', TRIVY_DISABLE_TELEMETRY: 'true' },
    };
  }
  return { args: [`docker:${ref}`, '-o', 'json', '-q'], env: { ...host, GRYPE_DB_AUTO_UPDATE: 'false', GRYPE_CHECK_FOR_APP_UPDATE: 'false' } };
}

const NO_DB = /first run|no (vulnerability )?db|db (file )?(does not exist|not found|could not be loaded)|database.*(not found|missing|does not exist)|--download-db-only|failed to load vulnerability db/i;

export async function runScan(ref: string, want: 'auto' | ScannerName, timeoutMs: number, engine: Engine | undefined, signal: AbortSignal): Promise<ScanFacts> {
  const order: ScannerName[] = want === 'auto' ? ['trivy', 'grype'] : [want];
  const found = order.map((s) => [s, onPath(s)] as const).find(([, p]) => p !== null);
  if (!found) return { scanner: null };
  const [scanner, path] = found as [ScannerName, string];
  const { args, env } = scanCommand(scanner, ref, engine);
  const r = await runTool(path, args, { env, timeoutMs, signal, maxBuffer: 256 * 1024 * 1024 });
  const stderr = r.stderr.trim();
  if (r.timedOut) return { scanner, path, problem: { noDatabase: false, message: `${scanner} did not finish within ${Math.round(timeoutMs / 1000)} s` } };
  if (r.exitCode !== 0) return { scanner, path, problem: { noDatabase: NO_DB.test(stderr), message: lastLines(stderr) || `${scanner} exited with code ${r.exitCode}` } };
  try {
    const json: unknown = JSON.parse(r.stdout);
    return { scanner, path, report: scanner === 'trivy' ? parseTrivy(json) : parseGrype(json) };
  } catch {
    return { scanner, path, problem: { noDatabase: false, message: `${scanner} printed no JSON report${stderr ? `: ${lastLines(stderr)}` : ''}` } };
  }
}

const lastLines = (s: string) => s.split('\n').filter(Boolean).slice(-3).join(' | ').slice(0, 400);
