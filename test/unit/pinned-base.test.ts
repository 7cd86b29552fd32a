import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../src/checks/facts/image-ref.js';
import { pinnedBase } from '../../src/checks/kinds/pinned-base.js';
import { judge } from '../support/rules.js';

const verdict = (dockerfile: string) => judge(pinnedBase, { dockerfile }).status;

describe('pinned-base', () => {
  it('reads tags, digests and registry ports', () => {
    expect(parseImageRef('localhost:5000/team/app')).toEqual({ name: 'localhost:5000/team/app', tag: null, digest: null });
    expect(parseImageRef('golang:1.22@sha256:ab')).toEqual({ name: 'golang', tag: '1.22', digest: 'sha256:ab' });
  });

  it('fails latest, explicit or implicit, also through an ARG default', () => {
    expect(verdict('FROM node:latest\n')).toBe('fail');
    expect(verdict('FROM node\n')).toBe('fail');
    expect(verdict('ARG BASE=node\nFROM ${BASE}\n')).toBe('fail');
    expect(verdict('FROM localhost:5000/app\n')).toBe('fail');
  });

  it('resolves nested ARGs, and a stage is not a base', () => {
    expect(verdict('ARG V=20\nARG BASE=node:${V}-alpine\nFROM ${BASE} AS build\nFROM build\n')).toBe('pass');
    expect(verdict('FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /a /a\n')).toBe('pass');
    expect(verdict('FROM alpine@sha256:0123\n')).toBe('pass');
  });

  it('says unknown, not fail, for a name that needs a build argument without a value', () => {
    const f = judge(pinnedBase, { dockerfile: 'ARG BASE\nFROM ${BASE}\n' });
    expect(f.status).toBe('skip');
    expect(f.summary).toMatch(/^unknown/);
  });

  it('says unknown, never pass, when one base needs a build argument without a value and another is pinned', () => {
    const f = judge(pinnedBase, { dockerfile: 'ARG BASE\nFROM golang:1.22 AS build\nFROM ${BASE}\nCOPY --from=build /a /a\n' });
    expect([f.status, f.summary, ...(f.evidence ?? [])]).toMatchInlineSnapshot(`
      [
        "skip",
        "unknown: a base image depends on a build argument dojo has no value for",
        "api-service/Dockerfile:3  FROM \${BASE}: depends on a build argument without a value",
        "api-service/Dockerfile:2  FROM golang:1.22: tag 1.22",
      ]
    `);
  });
});
