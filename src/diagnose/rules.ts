import type { DiagnosisFacts } from '../checks/facts/diagnosis-model.js';
import { isLoopback } from '../checks/facts/diagnosis-model.js';
import { connectionFailures, isIp, isLocalhostName, missingVariables, reportedLoopbackListen } from './log-patterns.js';

/** One thing `dojo diagnose` found: the rule that saw it, what it saw, and the course mistake it points to. */
export interface DiagnoseFinding {
  rule: string;
  severity: 'error' | 'warning' | 'note';
  summary: string;
  evidence: string[];
  /** A mistake id of the course (hints/<lab>.yaml); its guiding question is shown, never a fix. */
  mistake: string | null;
}

type Rule = (f: DiagnosisFacts) => DiagnoseFinding | null;

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
/** The last `n` different log lines; a restart loop prints the same line each time, so it is shown once with its count. */
export function tail(f: Pick<DiagnosisFacts, 'logs'>, n = 3): string[] {
  const recent = f.logs.slice(-30);
  const lastFirst: string[] = [];
  for (const l of [...recent].reverse()) if (!lastFirst.includes(l) && lastFirst.length < n) lastFirst.push(l);
  return lastFirst.reverse().map((l) => {
    const times = recent.filter((x) => x === l).length;
    return `log: ${l}${times > 1 ? ` (${times} times)` : ''}`;
  });
}
const stateLine = (f: DiagnosisFacts) =>
  `status ${f.status}${f.running ? '' : `, exit code ${f.exitCode}`}${f.oomKilled ? `, OOMKilled true${f.running ? ' (an earlier run)' : ''}` : ''}${f.restartCount ? `, restarted ${f.restartCount} times` : ''}`;
const networksLine = (f: DiagnosisFacts) => `${f.name} is on: ${Object.keys(f.networks).join(', ') || 'no network'}`;

const oomKilled: Rule = (f) => {
  if (f.oomKilled && f.running) {
    // The engine keeps the flag from an earlier run after a restart.
    return { rule: 'oom-killed-before', severity: 'note', summary: `${f.name} runs now, but an earlier run of it was OOM-killed`, mistake: null,
      evidence: [stateLine(f), `memory limit: ${f.memoryLimit ? mib(f.memoryLimit) : 'none'}`] };
  }
  if (f.oomKilled) {
    return { rule: 'oom-killed', severity: 'error', summary: `${f.name} was killed by the kernel for going over its memory limit`, mistake: 'oom-killed',
      evidence: [stateLine(f), `memory limit: ${f.memoryLimit ? mib(f.memoryLimit) : 'none on the container (the host ran out)'}`, ...tail(f)] };
  }
  if (!f.running && f.exitCode === 137 && (f.oomEvent || f.memoryLimit)) {
    // The engine can record the exit before the kernel's OOM notice and leave OOMKilled false.
    return { rule: 'oom-killed', severity: f.oomEvent ? 'error' : 'warning', summary: `${f.name} was killed with SIGKILL (exit 137) ${f.oomEvent ? 'after the engine saw an out-of-memory event' : 'while it ran under a memory limit'}`, mistake: 'oom-killed',
      evidence: [stateLine(f), f.oomEvent ? '`docker events` recorded an oom event for it since its last start' : 'OOMKilled is false and no oom event was recorded: a docker kill or a timed-out stop would look the same', `memory limit: ${f.memoryLimit ? mib(f.memoryLimit) : 'none'}`, ...tail(f)] };
  }
  if (!f.running && f.exitCode === 137) {
    return { rule: 'killed', severity: 'note', summary: `${f.name} ended with SIGKILL (exit 137) but not for memory`, mistake: null,
      evidence: [stateLine(f), 'OOMKilled is false: something sent SIGKILL (docker kill, or docker stop after its grace period)'] };
  }
  return null;
};

const portConflict: Rule = (f) => {
  if (!f.error || !/port is already allocated|address already in use/i.test(f.error)) return null;
  return { rule: 'port-conflict', severity: 'error', summary: `${f.name} could not start: a host port it publishes is taken`, mistake: 'port-conflict',
    evidence: [stateLine(f), `engine error: ${f.error}`, `it publishes: ${f.ports.filter((p) => p.host).map((p) => `${p.host}->${p.container}`).join(', ') || 'nothing'}`] };
};

const execFormat: Rule = (f) => {
  const line = [f.error ?? '', ...f.logs].find((l) => /exec format error/i.test(l));
  if (!line) return null;
  return { rule: 'exec-format', severity: 'error', summary: `the engine could not execute ${f.name}'s program`, mistake: 'exec-format-error',
    evidence: [stateLine(f), line.startsWith('log:') ? line : `said: ${line}`, `image ${f.image} is built for ${f.imageArch ?? 'an unknown platform'}; the engine runs ${f.engineArch ?? 'an unknown platform'}`] };
};

const mountPermission: Rule = (f) => {
  for (const line of f.logs) {
    if (!/permission denied/i.test(line)) continue;
    const mount = f.mounts.find((m) => line.includes(m.destination));
    if (!mount) continue;
    return { rule: 'mount-permission-denied', severity: 'error', summary: `${f.name} is denied access to ${mount.destination}, which is mounted into it`, mistake: 'volume-permission-denied',
      evidence: [`log: ${line}`, `${mount.destination} is ${mount.type === 'volume' ? `the volume ${mount.name}` : `a ${mount.type} mount of ${mount.source}`}${mount.rw ? '' : ' (read-only)'}`, `it runs as user: ${f.user || 'the image default (root unless the image sets USER)'}`] };
  }
  return null;
};

const missingEnv: Rule = (f) => {
  const unset = missingVariables(f.logs).filter((v) => !f.env.names.includes(v.name) || f.env.empty.includes(v.name));
  if (!unset.length) return null;
  const names = [...new Set(unset.map((v) => v.name))];
  const empty = names.filter((n) => f.env.names.includes(n));
  const missing = names.filter((n) => !f.env.names.includes(n));
  const how = [missing.length && `does not set ${missing.join(', ')}`, empty.length && `sets ${empty.join(', ')} empty`].filter(Boolean).join(' and ');
  const has = f.env.names.filter((n) => n !== 'PATH').map((n) => (f.env.empty.includes(n) ? `${n} (empty)` : n));
  return { rule: 'missing-env', severity: 'error', summary: `${f.name}'s logs ask for ${names.join(', ')}; its environment ${how}`, mistake: 'missing-env',
    evidence: [stateLine(f), ...[...new Set(unset.map((v) => v.line))].slice(0, 3).map((l) => `log: ${l}`),
      `its environment has: ${has.join(', ') || 'only PATH'} (values not shown)`] };
};

const localhostForService: Rule = (f) => {
  const own = new Set([...f.ports.map((p) => Number(p.container.split('/')[0])), ...(f.listeners ?? []).map((l) => l.port)]);
  const hit = connectionFailures(f.logs).find((c) => isLocalhostName(c.host) && (c.port === null || !own.has(c.port)));
  if (!hit) return null;
  return { rule: 'localhost-for-service', severity: 'error', summary: `${f.name} dials ${hit.host}${hit.port ? `:${hit.port}` : ''}, which inside a container is the container itself`, mistake: 'localhost-for-service',
    evidence: [`log: ${hit.line}`, `nothing in ${f.name} listens on ${hit.port ?? 'that port'}: ${f.listeners ? `its listeners are ${f.listeners.map((l) => `${l.address}:${l.port}`).join(', ') || 'none'}` : `it ${f.ports.length ? `exposes ${f.ports.map((p) => p.container).join(', ')}` : 'exposes no port'}`}`, networksLine(f)] };
};

const wrongNetwork: Rule = (f) => {
  const mine = Object.keys(f.networks);
  for (const c of connectionFailures(f.logs)) {
    if (isLocalhostName(c.host) || isIp(c.host)) continue;
    const here = f.others.filter((o) => mine.some((n) => o.networks[n]?.includes(c.host)));
    if (here.length) continue;
    const elsewhere = f.others.filter((o) => o.name === c.host || Object.values(o.networks).some((names) => names.includes(c.host)));
    const where = elsewhere.map((o) => `a container answering to "${c.host}" (${o.name}) is on: ${Object.keys(o.networks).join(', ') || 'no network'}`);
    return { rule: 'wrong-network', severity: 'error', summary: `${f.name} cannot reach "${c.host}": nothing on its networks answers to that name`, mistake: 'wrong-network',
      evidence: [`log: ${c.line}`, networksLine(f), ...(where.length ? where : [`no container on this engine answers to "${c.host}"`])] };
  }
  return null;
};

const listenerUnreachable: Rule = (f) => {
  if (!f.running) return null;
  const published = f.ports.filter((p) => p.container.endsWith('/tcp'));
  if (f.listeners) {
    for (const p of published) {
      const port = Number(p.container.split('/')[0]);
      const on = f.listeners.filter((l) => l.port === port);
      const evidence = [`${p.host ? `published ${p.host}->${p.container}` : `exposes ${p.container}`}`, `listeners inside ${f.name}: ${f.listeners.map((l) => `${l.address}:${l.port}`).join(', ') || 'none'}`];
      if (on.length && on.every((l) => isLoopback(l.address))) {
        return { rule: 'loopback-listener', severity: 'error', summary: `${f.name} listens on ${on.map((l) => l.address).join(', ')}:${port} only, which nothing outside the container can reach`, mistake: 'listener-unreachable', evidence };
      }
      if (!on.length && p.host) {
        return { rule: 'nothing-listening', severity: 'error', summary: `${f.name} publishes ${p.container} but nothing inside listens on port ${port}`, mistake: 'listener-unreachable', evidence };
      }
    }
    return null;
  }
  const said = reportedLoopbackListen(f.logs);
  if (said && published.length) {
    return { rule: 'loopback-listener', severity: 'warning', summary: `${f.name} says it listens on a loopback address`, mistake: 'listener-unreachable',
      evidence: [`log: ${said}`, ...(f.listenersNote ? [f.listenersNote] : [])] };
  }
  return null;
};

const unhealthy: Rule = (f) => {
  if (f.health?.status !== 'unhealthy') return null;
  return { rule: 'unhealthy', severity: 'error', summary: `${f.name}'s health check fails`, mistake: 'health-check-failing',
    evidence: [`health ${f.health.status}, ${f.health.failingStreak} failures in a row`, ...(f.health.lastOutput ? [`last probe said: ${f.health.lastOutput.split('\n').slice(-2).join(' | ')}`] : [])] };
};

/** Specific causes first; the generic "it exited" only when none of them explains it. */
const SPECIFIC: Rule[] = [oomKilled, portConflict, execFormat, mountPermission, missingEnv, localhostForService, wrongNetwork, listenerUnreachable, unhealthy];

export function diagnose(f: DiagnosisFacts): DiagnoseFinding[] {
  const found = SPECIFIC.map((r) => r(f)).filter((x): x is DiagnoseFinding => x !== null);
  if (found.some((x) => x.severity === 'error')) return found;
  if (!f.running && f.status === 'created' && !f.error) {
    return [...found, { rule: 'never-started', severity: 'note', summary: `${f.name} was created but never started`, evidence: [stateLine(f)], mistake: null }];
  }
  const stoppedNormally = !f.running && (f.exitCode === 0 || f.exitCode === 143);
  if (!f.running && !stoppedNormally && f.exitCode !== 137) {
    found.push({ rule: 'exited', severity: 'error', summary: `${f.name} exited with code ${f.exitCode}`, mistake: 'container-exits',
      evidence: [stateLine(f), ...(f.error ? [`engine error: ${f.error}`] : []), ...(f.logs.length ? tail(f, 5) : ['it wrote nothing to its logs'])] });
  } else if (f.status === 'restarting' || (f.running && f.restartCount > 2)) {
    found.push({ rule: 'restart-loop', severity: 'warning', summary: `${f.name} keeps restarting (${f.restartCount} restarts, policy ${f.restartPolicy || 'no'})`, mistake: 'container-exits',
      evidence: [stateLine(f), ...tail(f, 5)] });
  }
  return found;
}

/** For a clean bill of health: what was looked at. */
export function looked(f: DiagnosisFacts): string[] {
  return [
    stateLine(f) + (f.health ? `, health ${f.health.status}` : ''),
    networksLine(f),
    `ports: ${f.ports.map((p) => (p.host ? `${p.host}->${p.container}` : `${p.container} (not published)`)).join(', ') || 'none'}`,
    ...(f.listeners ? [`listeners: ${f.listeners.map((l) => `${l.address}:${l.port}`).join(', ') || 'none'}`] : f.listenersNote ? [f.listenersNote] : []),
    `${f.logs.length} log line${f.logs.length === 1 ? '' : 's'} read`,
  ];
}
