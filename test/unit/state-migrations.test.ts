import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, type Migration } from '../../src/state/migrations.js';
import { parseState } from '../../src/state/parse.js';
import { STATE_VERSION } from '../../src/state/types.js';

// Written by dojo 0.1.0 (state version 1) through the CLI: hints seen, failed checks, an answer revealed, a pass.
const V1_TEXT = readFileSync(new URL('../fixtures/state/v1-state.json', import.meta.url), 'utf8');
const V1 = JSON.parse(V1_TEXT) as { version: 1; labs: Record<string, { exercises: Record<string, Record<string, unknown>> }> };

describe('state migrations', () => {
  it('form one chain, each step one version up, ending at the current version', () => {
    MIGRATIONS.forEach((m, i) => expect([m.from, m.to]).toEqual([i + 1, i + 2]));
    expect(MIGRATIONS.at(-1)!.to).toBe(STATE_VERSION);
  });

  it('v1 → v2 keeps every field of every exercise and adds the new ones', () => {
    const parsed = parseState(V1_TEXT);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.upgradedFrom).toBe(1);
    expect(parsed.state.version).toBe(2);
    for (const [lab, { exercises }] of Object.entries(V1.labs)) {
      for (const [id, before] of Object.entries(exercises)) {
        const after = parsed.state.labs[lab]!.exercises[id]!;
        expect(after, `${lab} ${id}`).toEqual({ ...before, runs: before.attempts });
      }
    }
    expect(Object.keys(parsed.state.labs).sort()).toEqual(Object.keys(V1.labs).sort());
  });

  it('v1 → v2: the fixture has something in every v1 field, so the test above means something', () => {
    const fields = new Set(Object.values(V1.labs).flatMap((l) => Object.values(l.exercises).flatMap((e) => Object.keys(e))));
    expect([...fields].sort()).toEqual(['answerRevealed', 'answerRevealedAt', 'attempts', 'failedAttempts', 'lastMistakes', 'lastResult', 'lastRunAt', 'levelsSeen', 'passedAt']);
  });

  it('v1 → v2 in detail', () => {
    const one = { version: 1, labs: { 'lab-02': { exercises: { '2a': { attempts: 4, failedAttempts: 3, levelsSeen: [1, 2], answerRevealed: false, lastMistakes: ['m'], lastResult: 'fail' } } } } };
    expect(migrate(one)).toMatchInlineSnapshot(`
      {
        "labs": {
          "lab-02": {
            "exercises": {
              "2a": {
                "answerRevealed": false,
                "attempts": 4,
                "failedAttempts": 3,
                "lastMistakes": [
                  "m",
                ],
                "lastResult": "fail",
                "levelsSeen": [
                  1,
                  2,
                ],
                "runs": 4,
              },
            },
          },
        },
        "version": 2,
      }
    `);
  });

  it('adding a version is one more entry in the list', () => {
    const v2ToV3: Migration = { from: 2, to: 3, migrate: (d) => ({ ...d, gate: {} }) };
    const out = migrate({ version: 1, labs: {} }, [...MIGRATIONS, v2ToV3], 3);
    expect(out).toEqual({ version: 3, labs: {}, gate: {} });
  });

  it('a version no dojo wrote is a problem, not a crash', () => {
    expect(parseState(JSON.stringify({ version: 0, labs: {} }))).toEqual({ ok: false, problem: 'has state version 0, which no dojo wrote' });
  });

  it('a newer version is left alone and reported', () => {
    expect(parseState(JSON.stringify({ version: 99, labs: {} }))).toEqual({
      ok: false,
      problem: `was written by a newer dojo (state version 99, this dojo reads ${STATE_VERSION})`,
    });
  });
});
