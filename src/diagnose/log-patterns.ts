/**
 * What container logs say about failed connections and missing settings, in the words common
 * runtimes use (Go's net package, libpq, Node, busybox, Java). Pure text matching; the rules decide.
 */
export interface ConnectionFailure {
  host: string;
  port: number | null;
  kind: 'lookup' | 'refused' | 'timeout';
  line: string;
}

const LOOKUP: RegExp[] = [
  /bad address '([^']+)'/,
  /lookup ([A-Za-z0-9._-]+)(?: on [^:\s]+(?::\d+)?)?: (?:no such host|server misbehaving|Temporary failure)/,
  /could not translate host name "([^"]+)"/,
  /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([A-Za-z0-9._-]+)/,
  /UnknownHostException: ([A-Za-z0-9._-]+)/,
];

const REFUSED: RegExp[] = [
  /dial tcp (\[?[A-Za-z0-9._:-]+?\]?):(\d+): connect: connection refused/i,
  /can't connect to remote host \(([^)]+)\): Connection refused/i,
  /connection to server at "([^"]+)"(?: \([^)]*\))?, port (\d+) failed/i,
  /could not connect to server: Connection refused.*?host "([^"]+)"/i,
  /ECONNREFUSED (\[?[A-Za-z0-9._:-]+?\]?):(\d+)/,
  /connect(?:ion)? refused[^A-Za-z0-9]+(?:to )?([A-Za-z0-9._-]+):(\d+)/i,
];

const TIMEOUT = [/dial tcp (\[?[A-Za-z0-9._:-]+?\]?):(\d+): (?:i\/o timeout|connect: connection timed out)/i];

export function connectionFailures(lines: string[]): ConnectionFailure[] {
  const out: ConnectionFailure[] = [];
  for (const line of lines) {
    const hit = (patterns: RegExp[], kind: ConnectionFailure['kind']) => {
      for (const p of patterns) {
        const m = p.exec(line);
        if (!m) continue;
        const host = m[1]!.replace(/^\[|\]$/g, '');
        // The port next to the host name, never a DNS server's (`lookup db on 127.0.0.11:53`).
        const near = new RegExp(`${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]?:(\\d{1,5})\\b`).exec(line);
        const port = m[2] ?? near?.[1];
        out.push({ host, port: port === undefined ? null : Number(port), kind, line });
        return true;
      }
      return false;
    };
    if (!hit(LOOKUP, 'lookup')) if (!hit(REFUSED, 'refused')) hit(TIMEOUT, 'timeout');
  }
  return out;
}

const MISSING = /\b(not set|is required|are required|required|missing|unset|must (?:be )?(?:set|specif\w*|provide\w*)|is empty|undefined|not (?:been )?(?:defined|specified|provided))\b/i;
const VAR = /\$?\{?\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,})\b\}?/g;
const NOT_A_VARIABLE = new Set(['ERROR', 'FATAL', 'WARN', 'WARNING', 'INFO', 'DEBUG', 'PANIC', 'HTTP', 'HTTPS', 'TCP', 'UDP', 'DNS', 'URL', 'SQL', 'API', 'JSON', 'YAML', 'NOT', 'SET', 'EOF', 'GET', 'POST', 'LOG', 'ENV', 'CONFIG', 'THE', 'AND', 'UTC', 'PID']);

/** Variable-shaped names a log line says are missing or required, with the line. */
export function missingVariables(lines: string[]): { name: string; line: string }[] {
  const out: { name: string; line: string }[] = [];
  for (const line of lines) {
    if (!MISSING.test(line)) continue;
    for (const m of line.matchAll(VAR)) {
      const name = m[1]!;
      if (!NOT_A_VARIABLE.has(name) && !out.some((o) => o.name === name)) out.push({ name, line });
    }
  }
  return out;
}

export const isLocalhostName = (host: string): boolean => ['localhost', '127.0.0.1', '::1', '0.0.0.0', 'ip6-localhost'].includes(host.toLowerCase());

/** A listener's address as the program itself reported it ("listening on 127.0.0.1:8080"). */
export function reportedLoopbackListen(lines: string[]): string | null {
  return lines.find((l) => /listen\w*\s+(?:on\s+)?(?:https?:\/\/)?(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+/i.test(l)) ?? null;
}

export const isIp = (host: string): boolean => /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':');
