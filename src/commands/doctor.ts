import type { GlobalOptions } from '../context.js';
import { DojoError, ExitCode } from '../errors.js';
import { resolveEndpoint, type Endpoint } from '../engine/endpoint.js';
import { TEMP_LABEL } from '../engine/cleanup.js';
import { engineKind, limitsOf, type EngineKind } from '../engine/kind.js';
import type { BuilderInfo } from '../engine/builder.js';
import { runTool } from '../engine/tool-run.js';

export interface DoctorResult {
  type: 'doctor';
  ok: boolean;
  endpoint: Endpoint;
  engine: { reachable: boolean; kind?: EngineKind; version?: string; apiVersion?: string; os?: string; arch?: string; error?: string; limits?: string[]; builder?: BuilderInfo };
  compose: { v2: string | null; v1: string | null };
  leftovers: number;
  /** The docker command that removes the leftovers, or null when there are none. */
  removeLeftovers: string | null;
  exitCode: number;
  notices: string[];
}

export async function doctor(_g: GlobalOptions): Promise<DoctorResult> {
  const endpoint = resolveEndpoint();
  const { connectEngine } = await import('../engine/client.js');
  const [engineInfo, compose] = await Promise.all([
    connectEngine().then(
      async (e) => {
        // A lab's break-fix scenarios (io.dojo.lab) are meant to stay until `dojo lab stop`: not leftovers.
        const { detectBuilder } = await import('../engine/builder.js');
        const [leftovers, info, builder] = await Promise.all([
          e.docker.listContainers({ all: true, filters: { label: [`${TEMP_LABEL}=1`] } }).then((cs) => cs.filter((c) => !c.Labels['io.dojo.lab'])).catch(() => []),
          e.docker.info().catch(() => undefined),
          detectBuilder(e),
        ]);
        const kind = engineKind(e.version, info);
        const { leftovers: over, removalCommand } = await import('../engine/leftovers.js');
        const gone = over(leftovers);
        return { reachable: true, kind, version: e.version.Version, apiVersion: e.version.ApiVersion, os: e.version.Os, arch: e.version.Arch, limits: limitsOf(kind), builder, leftovers: gone.length, removeLeftovers: removalCommand(gone.map((c) => c.Id)) };
      },
      (err: unknown) => ({ reachable: false, error: err instanceof DojoError ? err.message : String(err), leftovers: 0, removeLeftovers: null }),
    ),
    composeVersions(),
  ]);
  const { leftovers, removeLeftovers, ...engine } = engineInfo;
  return {
    type: 'doctor',
    ok: engine.reachable,
    endpoint,
    engine,
    compose,
    leftovers,
    removeLeftovers,
    exitCode: engine.reachable ? ExitCode.ok : ExitCode.engineUnreachable,
    notices: [],
  };
}

async function composeVersions(): Promise<DoctorResult['compose']> {
  const run = async (cmd: string, args: string[]) => {
    const r = await runTool(cmd, args, { timeoutMs: 10_000 });
    return r.exitCode === 0 ? r.stdout.trim().split('\n')[0]! : null;
  };
  const [v2, v1] = await Promise.all([run('docker', ['compose', 'version', '--short']), run('docker-compose', ['--version'])]);
  return { v2, v1 };
}
