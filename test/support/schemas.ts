import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

// ajv-formats is CommonJS: under Node's ESM its plugin is the default export's `default`.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (ajv: Ajv) => Ajv;
import { XMLParser } from 'fast-xml-parser';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8'));

function validator(name: string): ValidateFunction {
  // strict: false only because the OASIS schema carries keywords Ajv's strict mode questions (it is kept verbatim).
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(load(name));
}

/** Validates against a schema kept in schemas/; returns the errors as readable lines (empty = valid). */
export function schemaErrors(name: 'sarif-schema-2.1.0.json' | 'dojo-report.schema.json', data: unknown): string[] {
  const validate = validator(name);
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** JUnit XML as a CI reader sees it: elements and attributes, arrays where they repeat. */
export function parseJunit(xml: string) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
  return parser.parse(xml) as {
    testsuites: {
      name: string; tests: string; failures: string; errors: string; skipped: string; time: string;
      testsuite: {
        name: string; tests: string; failures: string; errors: string; skipped: string; time: string; timestamp: string;
        properties?: { property: { name: string; value: string }[] };
        testcase: { classname: string; name: string; time: string; file?: string; line?: string; failure?: { type: string; message: string; '#text'?: string }; error?: { type: string; message: string }; skipped?: { message: string } }[];
      }[];
    };
  };
}
