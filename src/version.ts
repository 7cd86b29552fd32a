// Replaced at build time with package.json's version (scripts/build.mjs `define`).
declare const DOJO_VERSION: string | undefined;
export const VERSION: string = typeof DOJO_VERSION === 'string' ? DOJO_VERSION : '0.0.0-dev';
