import type { RunEvent } from '../checks/runner.js';

export interface Progress {
  onEvent(e: RunEvent): void;
  /** Hides the line while a question is on screen. */
  pause(): void;
  resume(): void;
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * One line on a terminal, redrawn in place from the runner's events: which lab, which checks are
 * still waiting, how long it has run. Only for a terminal (the caller decides); never in CI output.
 */
export function terminalProgress(out: NodeJS.WriteStream, now: () => number = Date.now): Progress {
  const started = now();
  const waiting = new Map<string, string[]>();
  const total = new Map<string, number>();
  let frame = 0;
  let paused = false;
  let shown = false;
  const clear = () => {
    if (shown) out.write('\r\x1b[2K');
    shown = false;
  };
  const draw = () => {
    if (paused || !waiting.size) return;
    const busy = [...waiting].filter(([, w]) => w.length);
    const done = [...total.values()].reduce((a, b) => a + b, 0) - busy.reduce((a, [, w]) => a + w.length, 0);
    const [lab, checks] = busy[0] ?? [[...waiting.keys()][0]!, []];
    const what = checks.length ? `${lab}: ${checks.slice(0, 3).join(', ')}${checks.length > 3 ? ` +${checks.length - 3}` : ''}` : lab;
    const line = `${FRAMES[frame++ % FRAMES.length]} checking ${what} · ${done}/${[...total.values()].reduce((a, b) => a + b, 0)} done · ${((now() - started) / 1000).toFixed(1)} s`;
    out.write(`\r\x1b[2K${line.slice(0, Math.max(20, (out.columns ?? 80) - 1))}`);
    shown = true;
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    onEvent(e) {
      if (e.type === 'run-started') {
        waiting.set(e.lab, [...e.checks]);
        total.set(e.lab, e.checks.length);
      } else if (e.type === 'check-finished') {
        waiting.set(e.lab, (waiting.get(e.lab) ?? []).filter((id) => id !== e.check.id));
      }
      draw();
    },
    pause() {
      paused = true;
      clear();
    },
    resume() {
      paused = false;
    },
    stop() {
      clearInterval(timer);
      clear();
    },
  };
}
