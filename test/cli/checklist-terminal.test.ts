// `dojo checklist` at a real terminal (a pty through script(1)): the validation questions of each
// exercise whose checks pass are asked, the answers kept in the progress file and shown on the next
// run, which asks only what is still open. A small course with static checks keeps the engine out.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { fixedOrder, tempWorkspace } from '../support/workspace.js';

const COURSE = fileURLToPath(new URL('../fixtures/gate-course', import.meta.url));
const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/** Runs dojo in a pty; `answer(prompt, text)` waits for a prompt and types a line. */
function terminal(args: string[]) {
  // A student's terminal: no CI variable (CI=true alone would mean no prompts).
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', TERM: 'xterm' };
  delete env.CI;
  const cmd = ['node', BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) if (w.re.test(plain(out))) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number>((r) => child.on('exit', (code) => r(code ?? -1)));
  const waitFor = (re: RegExp, ms = 20_000) => new Promise<void>((resolve, reject) => {
    if (re.test(plain(out))) return resolve();
    const t = setTimeout(() => reject(new Error(`no ${re} within ${ms} ms; got:\n${plain(out)}`)), ms);
    waiters.push({ re, resolve: () => { clearTimeout(t); resolve(); } });
  });
  return {
    async answer(prompt: RegExp, text: string) {
      await waitFor(prompt);
      const seen = plain(out).length;
      child.stdin.write(`${text}\r`);
      // The prompt has taken the line when it prints what comes after it.
      await new Promise<void>((r) => { const tick = () => (plain(out).length > seen ? r() : setTimeout(tick, 20)); tick(); });
    },
    async done() {
      const code = await exited;
      return { code, text: plain(out) };
    },
  };
}

describe('dojo checklist at a terminal', () => {
  it('asks the questions of passing exercises, keeps the answers, shows them again and asks only what is open', async () => {
    const ws = tempWorkspace(fixedOrder);
    const first = terminal(['checklist', '--course', COURSE, '-w', ws]);
    await first.answer(/lab-80 80a · Why does it parse\?/, 'FROM and the other instructions are all known');
    await first.answer(/What if a line were misspelled\?/, 'docker build stops at that line');
    await first.answer(/Could you write it again\?/, '');
    const one = await first.done();
    expect(one.code).toBe(1);
    expect(one.text).not.toMatch(/lab-80 80b · /);
    expect(one.text).toMatch(/\[ \] 80b {2}A \.dockerignore/);
    expect(one.text).toMatch(/\[x\] Why does it parse\?\n {10}your answer: FROM and the other instructions are all known/);
    expect(one.text).toMatch(/\[ \] Could you write it again\?/);
    expect(one.text).toMatch(/NOT READY for the next module: 3 of 8 boxes ticked/);
    expect(one.text).toMatch(/lab-80 80a: answer 1 validation question in your own words/);
    const saved = JSON.parse(readFileSync(join(ws, '.dojo/state.json'), 'utf8')).courses['gate-course'].labs['lab-80'].exercises['80a'].validation;
    expect(saved.map((v: { question: string; answer: string }) => [v.question, v.answer])).toEqual([
      ['Why does it parse?', 'FROM and the other instructions are all known'],
      ['What if a line were misspelled?', 'docker build stops at that line'],
    ]);

    writeFileSync(join(ws, 'api-service/.dockerignore'), '.env\n.git\n');
    const second = terminal(['checklist', '--course', COURSE, '-w', ws]);
    await second.answer(/lab-80 80a · Could you write it again\?/, 'yes, from memory');
    await second.answer(/lab-80 80b · Why keep \.env out\?/, 'secrets would end up in a layer');
    await second.answer(/What if it were copied\?/, 'anyone who pulls the image reads them');
    await second.answer(/lab-80 80b · Could you write it again\?/, 'yes');
    const two = await second.done();
    expect(two.text).not.toMatch(/lab-80 80a · Why does it parse\?/);
    expect(two.text).toMatch(/your answer: docker build stops at that line/);
    expect(two.text).toMatch(/READY for the next module: 8 of 8 boxes ticked\./);
    expect(two.code).toBe(0);
  }, 60_000);
});
