import { extname } from 'node:path';
import { FORMATS, type Format } from './context.js';

const BY_EXTENSION: Record<string, Format> = { '.json': 'json', '.xml': 'junit', '.sarif': 'sarif' };

/**
 * The format and output file asked for, read from argv before (and whether or not) commander
 * accepts it, so that an error can still come out in that format. An unknown `--format` falls back
 * to the output file's extension (report.xml → junit), so a CI reporter still gets a file it reads.
 */
export function peekFormat(argv: readonly string[]): { format: Format; output?: string } {
  const value = (short: string, long: string): string | undefined => {
    let found: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--') break;
      if (a === short || a === long) found = argv[i + 1];
      else if (a.startsWith(`${long}=`)) found = a.slice(long.length + 1);
    }
    return found;
  };
  const raw = value('-f', '--format');
  const output = value('-o', '--output');
  const format = FORMATS.includes(raw as Format) ? (raw as Format) : output ? BY_EXTENSION[extname(output).toLowerCase()] : undefined;
  return { format: format ?? 'text', ...(output ? { output } : {}) };
}
