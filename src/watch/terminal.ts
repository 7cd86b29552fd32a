/** The watch screen: the alternate screen in raw mode, drawn in place, given back as it was on close. */
export interface Screen {
  draw(lines: string[]): void;
  readonly columns: number;
  close(): void;
}

export function openScreen(input: NodeJS.ReadStream, output: NodeJS.WriteStream, onKey: (key: string) => void, onResize: () => void): Screen {
  let open = true;
  output.write('\x1b[?1049h\x1b[?25l');
  input.setRawMode?.(true);
  input.setEncoding('utf8');
  const keys = (chunk: string) => {
    for (const k of chunk) onKey(k);
  };
  input.on('data', keys);
  input.resume();
  output.on('resize', onResize);
  const restore = () => {
    if (!open) return;
    open = false;
    input.off('data', keys);
    output.off('resize', onResize);
    input.setRawMode?.(false);
    input.pause();
    output.write('\x1b[?25h\x1b[?1049l');
  };
  // However the process ends, the student's terminal comes back usable.
  process.once('exit', restore);
  return {
    get columns() {
      return output.columns || 100;
    },
    draw(lines) {
      if (!open) return;
      // Home, each line cleared to its end, then the rest of the screen: no flicker, no scrolling.
      output.write(`\x1b[H${lines.map((l) => `${l}\x1b[K`).join('\r\n')}\x1b[J`);
    },
    close() {
      restore();
      process.off('exit', restore);
    },
  };
}
