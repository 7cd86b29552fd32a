/** `env` as Compose accepts it, a list (`- NAME=value`) or a map (`NAME: value`), as `NAME=value` strings; a bare NAME stays bare. */
export const envList = (e: readonly string[] | Record<string, string | number | boolean> | undefined): string[] =>
  Array.isArray(e) ? [...e] : Object.entries(e ?? {}).map(([k, v]) => `${k}=${String(v)}`);
