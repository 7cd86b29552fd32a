import type { Program } from './schema.js';

/**
 * The stand-in programs of the break-fix scenarios, as POSIX shell over busybox applets (sh, httpd,
 * nc, head, tr, sleep). The student's own images are often FROM scratch and cannot misbehave on
 * cue; these do, offline, in an image built from a tool image already on the engine.
 */
export function programScript(name: string, p: Program): string {
  const head = `#!/bin/sh\n# ${name}: a stand-in program of a dojo break-fix scenario\n`;
  switch (p.kind) {
    case 'service':
      return head + [
        ...p.requires.map((v) => `if [ -z "\${${v}:-}" ]; then echo "${name}: config error: required environment variable ${v} is not set" >&2; exit 1; fi`),
        'addr="${LISTEN_ADDR:-0.0.0.0}"',
        `port="\${PORT:-${p.port}}"`,
        `echo "${name}: listening on $addr:$port"`,
        'exec httpd -f -p "$addr:$port" -h /srv/www',
      ].join('\n') + '\n';
    case 'loader':
      return head + [
        `echo "${name}: loading ${p.megabytes} MB of task history into memory"`,
        `data=$(head -c ${p.megabytes * 1024 * 1024} /dev/zero | tr '\\0' x)`,
        `echo "${name}: report ready (\${#data} bytes in memory)"`,
        'while :; do sleep 3600; done',
      ].join('\n') + '\n';
    case 'client':
      return head + [
        'host="${DB_HOST:-localhost}"',
        'port="${DB_PORT:-5432}"',
        'while :; do',
        '  if out=$(nc -w 2 "$host" "$port" </dev/null 2>&1); then',
        `    echo "${name}: connected to database at $host:$port"`,
        '  else',
        `    echo "${name}: cannot reach database at $host:$port: \${out#nc: }"`,
        '  fi',
        '  sleep 3',
        'done',
      ].join('\n') + '\n';
  }
}

/** The applets the programs use; a tool image without one of them cannot play the scenarios. */
export const NEEDED_APPLETS = ['sh', 'httpd', 'nc', 'head', 'tr', 'sleep'];

export function dockerfile(base: string, labels: Record<string, string>): string {
  return [
    `FROM ${base}`,
    'COPY bin/ /usr/local/bin/',
    'COPY www/ /srv/www/',
    // Not root: nothing here needs it, and lab 05 is about not running as root.
    'USER 65534:65534',
    `LABEL ${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`,
  ].join('\n') + '\n';
}
