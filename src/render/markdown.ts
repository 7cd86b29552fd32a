import type { ChalkInstance } from 'chalk';

/**
 * Enough markdown for lab instructions in a terminal: headings, code blocks, inline code, emphasis,
 * links, lists. Line breaks stay where the author put them; inline markup is read per paragraph,
 * because authors wrap their lines and a code span or bold text may go on over the break.
 */
export function renderMarkdown(md: string, c: ChalkInstance): string {
  const out: string[] = [];
  let fence = false;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(inline(paragraph.join('\n'), c));
    paragraph = [];
  };
  for (const line of md.replace(/\r\n/g, '\n').split('\n')) {
    if (/^```/.test(line)) {
      flush();
      fence = !fence;
      continue;
    }
    if (fence) {
      out.push(c.cyan(`    ${line}`));
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      const text = inline(h[2]!, c);
      out.push(h[1]!.length === 1 ? c.bold.underline(text) : h[1]!.length === 2 ? c.bold(text) : c.bold.dim(text));
      continue;
    }
    if (!line.trim()) {
      flush();
      out.push('');
      continue;
    }
    paragraph.push(line.replace(/^(\s*)[-*] /, '$1• '));
  }
  flush();
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

function inline(text: string, c: ChalkInstance): string {
  // Code spans first and kept apart: their text is literal, and the colour codes put around them
  // must not be read as the `[` of a link (nor those of bold text: links go first).
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) =>
      i % 2
        ? c.cyan(part.slice(1, -1))
        : part
            .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, t: string, u: string) => `${t} (${c.underline(u)})`)
            .replace(/\*\*([^*]+)\*\*/g, (_, b: string) => c.bold(b)),
    )
    .join('');
}
