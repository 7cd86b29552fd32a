import { Chalk, type ChalkInstance } from 'chalk';

export const style = (color: boolean): ChalkInstance => new Chalk({ level: color ? 2 : 0 });

export const bar = (done: number, total: number, width = 10): string => {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
};

export const indent = (text: string, pad = '  '): string => text.split('\n').map((l) => (l ? pad + l : l)).join('\n');
