import type { WatchResult } from '../commands/watch.js';

/** What stays in the terminal after the live view is gone. */
export const watchSummaryText = (r: WatchResult): string =>
  `dojo watch ${r.lab}: ${r.runs} run${r.runs === 1 ? '' : 's'}; ${r.passed} of ${r.total} checks pass now. \`dojo status\` shows your attempts.\n`;
