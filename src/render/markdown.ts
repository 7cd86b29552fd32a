import type { ChalkInstance } from 'chalk';

/** Enough markdown for lab instructions in a terminal: headings, code blocks, inline code, emphasis, lists. */
export function renderMarkdown(md: string, c: ChalkInstance): string {
  const out: string[] = [];
  let fence = false;
  for (const line of md.replace(/\r\n/g, '\n').split('\n')) {
    if (/^```/.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence) {
      out.push(c.cyan(`    ${line}`));
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      const text = inline(h[2]!, c);
      out.push(h[1]!.length === 1 ? c.bold.underline(text) : h[1]!.length === 2 ? c.bold(text) : c.bold.dim(text));
      continue;
    }
    out.push(inline(line.replace(/^(\s*)[-*] /, '$1• '), c));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

function inline(text: string, c: ChalkInstance): string {
  return text
    .replace(/`([^`]+)`/g, (_, code: string) => c.cyan(code))
    .replace(/\*\*([^*]+)\*\*/g, (_, b: string) => c.bold(b))
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, t: string, u: string) => `${t} (${c.underline(u)})`);
}
