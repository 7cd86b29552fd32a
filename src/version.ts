import { readFileSync } from 'node:fs';

// Replaced at build time with package.json's version (scripts/build.mjs `define`); run from source
// (the unit tests), package.json is read instead. A unit test keeps the two equal.
declare const DOJO_BUILD_VERSION: string | undefined;

export const DOJO_VERSION: string =
  typeof DOJO_BUILD_VERSION === 'string'
    ? DOJO_BUILD_VERSION
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** The same, under the name the CLI wiring uses. */
export const VERSION = DOJO_VERSION;
