// Drives a program in a real terminal: a tmux server of its own (-L), keys with send-keys, the
// screen with capture-pane, polled against a deadline (never a fixed sleep).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class Tmux {
  /** @param {string} socket a server name of the caller's own, so other tmux users are never touched */
  constructor(socket) {
    this.socket = socket;
  }

  /** @param {...string} args @returns {Promise<string>} */
  tmux(...args) {
    return run('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' }).then((r) => r.stdout);
  }

  /**
   * Starts `command` (a shell line) in a detached session of the given size; the shell stays after it ends.
   * @param {string} command
   * @param {{ cols?: number, rows?: number, env?: Record<string, string> }} [opts]
   */
  async start(command, { cols = 120, rows = 50, env = {} } = {}) {
    const exports = Object.entries(env).map(([k, v]) => `export ${k}='${v}'; `).join('');
    await this.tmux('new-session', '-d', '-x', String(cols), '-y', String(rows), `${exports}${command}; echo "EXITED $?"; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '; echo; exec sleep 3600`);
  }

  /** @returns {Promise<string>} */
  screen() {
    return this.tmux('capture-pane', '-p', '-t', '0');
  }

  /** @param {...string} keys */
  keys(...keys) {
    return this.tmux('send-keys', '-t', '0', ...keys);
  }

  /**
   * A tmux format of the pane, e.g. #{alternate_on} or #{pane_pid}.
   * @param {string} f
   */
  async format(f) {
    return (await this.tmux('display-message', '-p', '-t', '0', f)).trim();
  }

  /**
   * Polls the screen until `pred` holds; returns the screen and how long it took. Fails with the last
   * screen when the deadline passes.
   * @param {(screen: string) => boolean} pred
   * @param {number} ms
   * @param {string} what
   * @returns {Promise<{ screen: string, ms: number }>}
   */
  async waitFor(pred, ms, what) {
    const start = performance.now();
    let last = '';
    while (performance.now() - start < ms) {
      last = await this.screen();
      if (pred(last)) return { screen: last, ms: performance.now() - start };
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`waited ${ms} ms for ${what}; the screen:\n${last}`);
  }

  async kill() {
    await this.tmux('kill-server').catch(() => undefined);
  }
}

/**
 * The pid of the program the pane's shell started (its labels carry io.dojo.pid=<pid>).
 * @param {Tmux} tmux
 * @returns {Promise<number | null>}
 */
export async function childPid(tmux) {
  const shell = await tmux.format('#{pane_pid}');
  const r = await run('pgrep', ['-P', shell, 'node'], { encoding: 'utf8' }).catch(() => ({ stdout: '' }));
  return Number(r.stdout.trim().split('\n')[0]) || null;
}
