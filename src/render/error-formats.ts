import type { Format } from '../context.js';
import { formatLocation, type DojoError } from '../errors.js';
import { DOJO_VERSION } from '../version.js';
import { REPORT_SCHEMA_VERSION } from './report-json.js';
import { SARIF_SCHEMA } from './sarif.js';
import { xmlEscape as esc } from './xml.js';

/**
 * An error in the machine format that was asked for, so a CI reporter reading the file sees what
 * went wrong instead of an empty or unparsable file. Text errors go to stderr as before.
 */
export function errorIn(format: Format, e: DojoError): string | null {
  const location = e.location ? { ...e.location, text: formatLocation(e.location) } : null;
  const text = [e.message, ...e.details, ...(e.suggestion ? ['', e.suggestion] : [])].join('\n');
  switch (format) {
    case 'json':
      return JSON.stringify({
        schemaVersion: REPORT_SCHEMA_VERSION, report: 'dojo', dojoVersion: DOJO_VERSION,
        error: { code: e.code, message: e.message, details: e.details, suggestion: e.suggestion ?? null, location, exitCode: e.exitCode },
      }, null, 2) + '\n';
    case 'junit':
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="dojo" tests="1" failures="0" errors="1" skipped="0" time="0.000">',
        '  <testsuite name="dojo" tests="1" failures="0" errors="1" skipped="0" time="0.000">',
        `    <testcase classname="dojo" name="${esc(e.code)}" time="0.000"${e.location ? ` file="${esc(e.location.file)}"${e.location.line ? ` line="${e.location.line}"` : ''}` : ''}><error message="${esc(e.message)}" type="${esc(e.code)}">${esc(text)}</error></testcase>`,
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n');
    case 'sarif':
      return JSON.stringify({
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [{
          tool: { driver: { name: 'dojo', version: DOJO_VERSION, rules: [] } },
          invocations: [{
            executionSuccessful: false,
            exitCode: e.exitCode,
            toolExecutionNotifications: [{ level: 'error', message: { text }, descriptor: { id: e.code } }],
          }],
          results: [],
        }],
      }, null, 2) + '\n';
    default:
      return null;
  }
}
