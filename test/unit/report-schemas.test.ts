import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../support/schemas.js';

describe('the schemas kept in schemas/', () => {
  it('the SARIF 2.1.0 schema compiles and rejects what SARIF forbids', () => {
    expect(schemaErrors('sarif-schema-2.1.0.json', { version: '2.1.0', runs: [] })).toEqual([]);
    expect(schemaErrors('sarif-schema-2.1.0.json', { version: '2.0.0', runs: [] })).not.toEqual([]);
    const result = { ruleId: 'x', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a/Dockerfile' }, region: { startLine: 0 } } }] };
    expect(schemaErrors('sarif-schema-2.1.0.json', { version: '2.1.0', runs: [{ tool: { driver: { name: 'dojo' } }, results: [result] }] }).join('\n')).toMatch(/startLine/);
  });

  it('the report schema accepts an error report and rejects a foreign object', () => {
    const error = { schemaVersion: 2, report: 'dojo', dojoVersion: '0.1.0', error: { code: 'E_USAGE', message: 'm', details: [], suggestion: null, location: null, exitCode: 2 } };
    expect(schemaErrors('dojo-report.schema.json', error)).toEqual([]);
    expect(schemaErrors('dojo-report.schema.json', { lab: 'lab-01', passed: true })).not.toEqual([]);
  });
});
