// The break-fix scenario content and the stand-in programs (the engine test lab-05.test.ts runs them).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindCatalog } from '../../src/checks/catalog.js';
import { loadCourse } from '../../src/content/load.js';
import { dockerfile, programScript } from '../../src/scenarios/programs.js';
import { loadScenarios } from '../../src/scenarios/schema.js';
import { scenarioIssues } from '../../src/scenarios/validate.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('break-fix scenarios', () => {
  it('the built-in lab 05 scenarios load, and every repaired container is judged by a check', () => {
    const course = loadCourse(ROOT, kindCatalog());
    expect(scenarioIssues(course)).toEqual([]);
    const file = loadScenarios(ROOT, 'lab-05')!;
    expect(file.scenarios.map((s) => `${s.id}: ${s.containers.filter((c) => !c.support).map((c) => c.name).join(',')}`)).toEqual([
      'api-stops: lab05-api', 'report-dies: lab05-report', 'worker-no-db: lab05-worker', 'web-silent: lab05-web',
    ]);
    expect(loadScenarios(ROOT, 'lab-03')).toBeNull();
  });

  it('a service stops on a missing variable and listens where LISTEN_ADDR says', () => {
    expect(programScript('api', { kind: 'service', port: 8080, requires: ['DATABASE_URL'] })).toMatchInlineSnapshot(`
      "#!/bin/sh
      # api: a stand-in program of a dojo break-fix scenario
      if [ -z "\${DATABASE_URL:-}" ]; then echo "api: config error: required environment variable DATABASE_URL is not set" >&2; exit 1; fi
      addr="\${LISTEN_ADDR:-0.0.0.0}"
      port="\${PORT:-8080}"
      echo "api: listening on $addr:$port"
      exec httpd -f -p "$addr:$port" -h /srv/www
      "
    `);
    expect(programScript('report', { kind: 'loader', megabytes: 24 })).toContain('head -c 25165824 /dev/zero');
    expect(dockerfile('busybox:1.36', { 'io.dojo.lab': 'lab-05' })).toBe('FROM busybox:1.36\nCOPY bin/ /usr/local/bin/\nCOPY www/ /srv/www/\nUSER 65534:65534\nLABEL io.dojo.lab="lab-05"\n');
  });
});
