import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';

const plain = new Chalk({ level: 0 });
const colour = new Chalk({ level: 1 });

describe('renderMarkdown', () => {
  it('reads a code span, bold text or a link that the author wrapped over a line break', () => {
    const md = 'Run `docker network\ninspect flowforge` and read **the\nContainers** part; see [the\nreference](https://docs.docker.com/reference/cli/docker/network/inspect/).\n';
    expect(renderMarkdown(md, plain)).toMatchInlineSnapshot(`
      "Run docker network
      inspect flowforge and read the
      Containers part; see the
      reference (https://docs.docker.com/reference/cli/docker/network/inspect/).
      "
    `);
    // Both halves of the wrapped span are styled, each line closed on its own.
    const lines = renderMarkdown(md, colour).split('\n');
    expect(lines[0]).toBe('Run \u001b[36mdocker network\u001b[39m');
    expect(lines[1]).toBe('\u001b[36minspect flowforge\u001b[39m and read \u001b[1mthe\u001b[22m');
  });

  it('keeps a backtick in one paragraph from pairing with one in the next', () => {
    expect(renderMarkdown('a lone ` here\n\nand `code` there\n', plain)).toBe('a lone ` here\n\nand code there\n');
  });

  it('headings, lists and fenced code as before', () => {
    expect(renderMarkdown('# Lab\n\n- one `x`\n- two\n\n```\nFROM scratch\n```\n', plain)).toBe('Lab\n\n• one x\n• two\n\n    FROM scratch\n');
  });
});
