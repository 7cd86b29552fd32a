import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../src/checks/runner.js';
import { terminalProgress } from '../../src/render/progress.js';

const stream = () => {
  const out = { text: '', columns: 100, write(s: string) { out.text += s; return true; } };
  return out as unknown as NodeJS.WriteStream & { text: string };
};
const last = (s: string) => s.split('\r\x1b[2K').filter(Boolean).at(-1) ?? '';

describe('the progress line', () => {
  it('names the lab, the checks still running and the time so far, from the runner events; hides for a prompt', () => {
    let now = 1_000;
    const out = stream();
    const p = terminalProgress(out, () => now);
    p.onEvent({ type: 'run-started', lab: 'lab-02', checks: ['layer-order', 'cache-reuse', 'image-size'] });
    now += 1_500;
    p.onEvent({ type: 'check-finished', lab: 'lab-02', check: { id: 'layer-order' } as CheckOutcome });
    expect(last(out.text)).toMatch(/^. checking lab-02: cache-reuse, image-size · 1\/3 done · 1\.5 s$/);
    p.pause();
    expect(out.text.endsWith('\r\x1b[2K')).toBe(true);
    const before = out.text;
    p.onEvent({ type: 'check-finished', lab: 'lab-02', check: { id: 'image-size' } as CheckOutcome });
    expect(out.text).toBe(before);
    p.resume();
    p.stop();
  });
});
