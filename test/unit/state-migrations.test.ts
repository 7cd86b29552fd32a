import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, type Migration } from '../../src/state/migrations.js';
import { parseState } from '../../src/state/parse.js';
import { STATE_VERSION } from '../../src/state/types.js';

// Written by dojo 0.1.0 (state version 1) through the CLI: hints seen, failed checks, an answer revealed, a pass.
const V1_TEXT = readFileSync(new URL('../fixtures/state/v1-state.json', import.meta.url), 'utf8');
const V1 = JSON.parse(V1_TEXT) as { version: 1; labs: Record<string, { exercises: Record<string, Record<string, unknown>> }> };

describe('state migrations', () => {
  it('form one chain, each step one version up, ending at the current version', async () => {
    MIGRATIONS.forEach((m, i) => expect([m.from, m.to]).toEqual([i + 1, i + 2]));
    expect(MIGRATIONS.at(-1)!.to).toBe(STATE_VERSION);
  });

  it('v1 → current keeps every field of every exercise and adds the new ones', async () => {
    const parsed = await parseState(V1_TEXT);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.upgradedFrom).toBe(1);
    expect(parsed.state.version).toBe(STATE_VERSION);
    for (const [lab, { exercises }] of Object.entries(V1.labs)) {
      for (const [id, before] of Object.entries(exercises)) {
        const after = parsed.state.courses.builtin!.labs[lab]!.exercises[id]!;
        expect(after, `${lab} ${id}`).toEqual({ ...before, runs: before.attempts });
      }
    }
    expect(Object.keys(parsed.state.courses.builtin!.labs).sort()).toEqual(Object.keys(V1.labs).sort());
    expect(Object.keys(parsed.state.courses)).toEqual(['builtin']);
  });

  it('v1 → v2: the fixture has something in every v1 field, so the test above means something', async () => {
    const fields = new Set(Object.values(V1.labs).flatMap((l) => Object.values(l.exercises).flatMap((e) => Object.keys(e))));
    expect([...fields].sort()).toEqual(['answerRevealed', 'answerRevealedAt', 'attempts', 'failedAttempts', 'lastMistakes', 'lastResult', 'lastRunAt', 'levelsSeen', 'passedAt']);
  });

  it('v1 → v2 in detail', async () => {
    const one = { version: 1, labs: { 'lab-02': { exercises: { '2a': { attempts: 4, failedAttempts: 3, levelsSeen: [1, 2], answerRevealed: false, lastMistakes: ['m'], lastResult: 'fail' } } } } };
    expect(migrate(one, MIGRATIONS, 2)).toMatchInlineSnapshot(`
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

  it('v2 → v3 keeps a v2 file as it is: the exit-gate answers and scenario objects start absent', async () => {
    const two = { version: 2, labs: { 'lab-02': { exercises: { '2a': { attempts: 1, failedAttempts: 1, runs: 3, levelsSeen: [1], answerRevealed: false, lastMistakes: [], countedFingerprint: 'f' } } } } };
    expect(migrate(two, MIGRATIONS, 3)).toEqual({ ...two, version: 3 });
  });

  it('v3 → v4 moves every lab, with every field, under the built-in course: no progress is dropped', async () => {
    const ex = { attempts: 3, failedAttempts: 2, runs: 5, levelsSeen: [1, 2], answerRevealed: true, answerRevealedAt: 't0', lastResult: 'pass', lastRunAt: 't1',
      lastMistakes: [], passedAt: 't2', countedFingerprint: 'f', validation: [{ question: 'Why?', answer: 'Because.', answeredAt: 't3' }] };
    const scenarioObjects = [{ type: 'container', id: 'abc', name: 'oom-1', scenario: 'oom', createdAt: 't4' }];
    const three = { version: 3, labs: { 'lab-01': { exercises: { '1b': ex } }, 'lab-05': { exercises: {}, scenarioObjects } } };
    const parsed = await parseState(JSON.stringify(three));
    expect(parsed).toEqual({ ok: true, upgradedFrom: 3, state: { version: 4, courses: { builtin: { labs: three.labs } } } });
  });

  it('v3 → v4 of an empty file and of one that was never right', async () => {
    expect(migrate({ version: 3, labs: {} })).toEqual({ version: 4, courses: { builtin: { labs: {} } } });
    // Not made right by the upgrade: the schema still reports it, at its new place.
    expect(await parseState(JSON.stringify({ version: 3, labs: [] }))).toMatchObject({ ok: false, problem: expect.stringMatching(/after upgrading it from state version 3: courses\.builtin\.labs: expected record/) });
  });

  it('v4 keeps two courses with the same lab ids apart', async () => {
    const ex = (attempts: number) => ({ attempts, failedAttempts: 0, levelsSeen: [], answerRevealed: false, lastMistakes: [] });
    const four = { version: 4, courses: { builtin: { labs: { 'lab-01': { exercises: { '1a': ex(1) } } } }, 'docker-fundamentals': { labs: { 'lab-01': { exercises: { '1a': ex(7) } } } } } };
    const parsed = await parseState(JSON.stringify(four));
    expect(parsed).toEqual({ ok: true, upgradedFrom: null, state: four });
  });

  it('v3 fields are checked like the rest', async () => {
    const three = (lab: Record<string, unknown>) => JSON.stringify({ version: 4, courses: { builtin: { labs: { 'lab-05': { exercises: {}, ...lab } } } } });
    expect((await parseState(three({ scenarioObjects: [{ type: 'container', id: 'abc', scenario: 'oom' }] }))).ok).toBe(true);
    expect(await parseState(three({ scenarioObjects: [{ type: 'pod', id: 'abc' }] }))).toMatchObject({ ok: false, problem: expect.stringMatching(/scenarioObjects\.0\.type: expected one of/) });
  });

  it('adding a version is one more entry in the list', async () => {
    const next: Migration = { from: STATE_VERSION, to: STATE_VERSION + 1, migrate: (d) => ({ ...d, gate: {} }) };
    const out = migrate({ version: 1, labs: {} }, [...MIGRATIONS, next], STATE_VERSION + 1);
    expect(out).toMatchObject({ version: STATE_VERSION + 1, courses: { builtin: { labs: {} } }, gate: {} });
  });

  it('a version no dojo wrote is a problem, not a crash', async () => {
    expect(await parseState(JSON.stringify({ version: 0, labs: {} }))).toEqual({ ok: false, problem: 'has state version 0, which no dojo wrote' });
  });

  it('a newer version is left alone and reported', async () => {
    expect(await parseState(JSON.stringify({ version: 99, labs: {} }))).toEqual({
      ok: false,
      problem: `was written by a newer dojo (state version 99, this dojo reads ${STATE_VERSION})`,
    });
  });
});
