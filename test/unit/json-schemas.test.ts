import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/content/json-schemas.js';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

describe('published JSON Schemas', () => {
  it('schemas/ holds exactly what the zod schemas generate (run `npm run build` after changing a schema)', () => {
    const generated = jsonSchemas();
    // The report and SARIF schemas in schemas/ are kept by hand (the report contract, OASIS's SARIF); the rest are generated.
    const kept = ['dojo-report.schema.json', 'sarif-schema-2.1.0.json'];
    expect(readdirSync(new URL('schemas/', root)).filter((f) => !kept.includes(f)).sort()).toEqual(Object.keys(generated).sort());
    for (const [name, schema] of Object.entries(generated)) expect(JSON.parse(read(`schemas/${name}`)), name).toEqual(schema);
  });

  it('every shipped course file names its schema for editors, and the package ships schemas/', () => {
    for (const [dir, first, schema] of [['labs', 1, 'lab'], ['hints', 0, 'hints'], ['checks', 0, 'checks']] as const) {
      for (const f of readdirSync(new URL(`${dir}/`, root))) {
        expect(read(`${dir}/${f}`).split('\n')[first], `${dir}/${f}`).toBe(`# yaml-language-server: $schema=../schemas/${schema}.schema.json`);
      }
    }
    expect(JSON.parse(read('package.json')).files).toContain('schemas');
  });

  it('every course pack file under courses/ names the shipped schema (three folders up)', () => {
    for (const pack of readdirSync(new URL('courses/', root))) {
      for (const [dir, first, schema] of [['labs', 1, 'lab'], ['hints', 0, 'hints'], ['checks', 0, 'checks']] as const) {
        for (const f of readdirSync(new URL(`courses/${pack}/${dir}/`, root))) {
          expect(read(`courses/${pack}/${dir}/${f}`).split('\n')[first], `courses/${pack}/${dir}/${f}`).toBe(`# yaml-language-server: $schema=../../../schemas/${schema}.schema.json`);
        }
      }
    }
    expect(JSON.parse(read('package.json')).files).toContain('courses');
  });

  it('checks.schema.json knows each kind\'s params by its kind:', () => {
    const checks = jsonSchemas()['checks.schema.json'] as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const item = checks.properties.checks.items;
    const imageSize = item.allOf.find((r: any) => r.if.properties.kind.const === 'image-size'); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(imageSize.then.properties.params).toMatchObject({ type: 'object', properties: { budgetMb: { type: 'number', exclusiveMinimum: 0, default: 30 } }, additionalProperties: false });
  });
});
