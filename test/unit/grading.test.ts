import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { peekFormat } from '../../src/argv-format.js';
import { attributeTime } from '../../src/checks/durations.js';
import { gradeExitCode } from '../../src/grading/exit-code.js';
import { annotations } from '../../src/render/github.js';
import { DOJO_VERSION } from '../../src/version.js';
import type { GradeRun } from '../../src/grading/grade.js';

describe('honest per-check durations', () => {
  it('splits each moment among the facts being collected and each fact among the checks that need it', () => {
    // a: 0-100 alone then shared with b until 200; b: 100-300. Checks x (a), y (a, b), z (b).
    const spans = new Map([['a', [0, 200] as const], ['b', [100, 300] as const]]);
    const users = new Map([['a', ['x', 'y']], ['b', ['y', 'z']]]);
    const t = attributeTime(spans, users);
    // a gets 100 + 50 = 150, b gets 50 + 100 = 150; each split in two.
    expect(Object.fromEntries(t)).toEqual({ x: 75, y: 150, z: 75 });
    expect([...t.values()].reduce((s, v) => s + v, 0)).toBe(300);
  });

  it('never adds up to more than the wall time, however many checks share a fact', () => {
    const spans = new Map([['img', [0, 1000] as const], ['df', [0, 10] as const]]);
    const users = new Map([['img', ['c1', 'c2', 'c3', 'c4']], ['df', ['c1', 'c5']]]);
    const total = [...attributeTime(spans, users).values()].reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(1000, 6);
  });
});

describe('exit code precedence', () => {
  const s = (...statuses: ('passed' | 'failed' | 'incomplete')[]) => statuses.map((status) => ({ status }));
  it('a failure wins over an unreachable engine and over unjudged checks', () => {
    expect(gradeExitCode(s('failed', 'incomplete'), true)).toBe(1);
    expect(gradeExitCode(s('passed', 'incomplete'), true)).toBe(3);
    expect(gradeExitCode(s('passed', 'incomplete'), false)).toBe(4);
    expect(gradeExitCode(s('passed', 'passed'), false)).toBe(0);
  });
});

describe('the format asked for, before commander parses', () => {
  it('reads --format and --output in every spelling, and falls back to the output file extension', () => {
    expect(peekFormat(['check', 'lab-01', '--format', 'junit'])).toEqual({ format: 'junit' });
    expect(peekFormat(['check', '-f', 'json', '-o', 'r.json'])).toEqual({ format: 'json', output: 'r.json' });
    expect(peekFormat(['check', '--format=sarif', '--output=x.sarif'])).toEqual({ format: 'sarif', output: 'x.sarif' });
    expect(peekFormat(['check', '--format', 'xml', '--output', 'report.xml'])).toEqual({ format: 'junit', output: 'report.xml' });
    expect(peekFormat(['check', '--format', 'xml'])).toEqual({ format: 'text' });
  });
});

describe('GitHub workflow commands', () => {
  it('escape data and properties as the runner requires', () => {
    const run = {
      labs: [{
        lab: 'lab-01',
        checks: [
          { id: 'exec-form', title: 'CMD: exec, form', status: 'fail', summary: '100% shell\nform', evidence: ['a,b:c'], question: null, location: { file: 'api-service/Dockerfile', line: 12 } },
          { id: 'image-exists', title: 't', status: 'error', summary: 'no image', evidence: [], question: null, location: null },
          { id: 'layer-order', title: 't', status: 'pass', summary: 'ok', evidence: [], question: null, location: { file: 'x', line: 1 } },
        ],
      }],
    } as unknown as GradeRun;
    expect(annotations(run)).toBe('::error file=api-service/Dockerfile,line=12,title=dojo lab-01 exec-form%3A CMD%3A exec%2C form::100%25 shell%0Aform%0Aa,b:c\n');
  });
});

it('DOJO_VERSION is the package version', () => {
  expect(DOJO_VERSION).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
});
