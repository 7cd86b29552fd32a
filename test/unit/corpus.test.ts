// Every static rule on real Dockerfiles other projects wrote (test/corpus, labelled by hand from the
// lesson before looking at dojo's verdicts). Rows marked ambiguous for a rule are reported, not judged.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { execForm } from '../../src/checks/kinds/exec-form.js';
import { layerOrder } from '../../src/checks/kinds/layer-order.js';
import { multiStage } from '../../src/checks/kinds/multi-stage.js';
import { pinnedBase } from '../../src/checks/kinds/pinned-base.js';
import { sameLayerCleanup } from '../../src/checks/kinds/same-layer-cleanup.js';
import type { AnyKind, Finding } from '../../src/checks/types.js';
import { parseDockerfile } from '../../src/checks/facts/dockerfile.js';
import { dockerfileSecrets } from '../../src/checks/facts/secret-model.js';
import { dockerfileUser, staticUserVerdict } from '../../src/checks/facts/user-model.js';
import { judge } from '../support/rules.js';

const DIR = join(import.meta.dirname, '..', 'corpus');
interface Row { id: string; file: string; source: { repo: string; path: string; commit: string }; labels: Record<string, { verdict: string; why: string }>; ambiguous?: string[] }
const rows = parse(readFileSync(join(DIR, 'corpus.yaml'), 'utf8')) as Row[];

/** How a finding reads as a corpus verdict: "does not apply" is n/a, an inherited start command needs the image. */
const RULES: Record<string, { kind: AnyKind; verdict: (f: Finding) => string }> = {
  'layer-order': { kind: layerOrder, verdict: (f) => (f.status === 'pass' && f.summary.startsWith('does not apply') ? 'n/a' : f.status) },
  'same-layer-cleanup': { kind: sameLayerCleanup, verdict: (f) => f.status },
  'multi-stage': { kind: multiStage, verdict: (f) => f.status },
  'pinned-base': { kind: pinnedBase, verdict: (f) => (f.status === 'skip' ? 'unknown' : f.status) },
  'exec-form': { kind: execForm, verdict: (f) => (f.status === 'error' && /inherited/.test(f.summary) ? 'inherits' : f.status) },
};

/**
 * Rules whose kinds judge the built image: the corpus judges the Dockerfile side of them (the
 * engine tests prove the image side). non-root-user says `inherits` when the base decides.
 */
const STATIC: Record<string, (dockerfile: string) => { verdict: string; summary: string }> = {
  'non-root-user': (text) => {
    const u = dockerfileUser(parseDockerfile('/corpus/Dockerfile', text));
    return { verdict: staticUserVerdict(u), summary: u.final ? `line ${u.final.line} ${u.final.text}` : `no USER, base ${u.base.name}` };
  },
  'no-secrets': (text) => {
    const hits = dockerfileSecrets(parseDockerfile('/corpus/Dockerfile', text));
    return { verdict: hits.length ? 'fail' : 'pass', summary: hits.map((h) => `line ${h.line} ${h.what}`).join('; ') || 'none' };
  },
};

const results = rows.flatMap((row) => {
  const dockerfile = readFileSync(join(DIR, row.file), 'utf8');
  return Object.entries(RULES).flatMap(([rule, { kind, verdict }]) => {
    const label = row.labels[rule];
    if (!label) return [];
    const finding = judge(kind, { dockerfile });
    return [{ id: row.id, file: row.file, rule, want: label.verdict, got: verdict(finding), why: label.why, summary: finding.summary, ambiguous: (row.ambiguous ?? []).includes(rule) }];
  }).concat(Object.entries(STATIC).flatMap(([rule, judgeText]) => {
    const label = row.labels[rule];
    if (!label) return [];
    const { verdict, summary } = judgeText(dockerfile);
    return [{ id: row.id, file: row.file, rule, want: label.verdict, got: verdict, why: label.why, summary, ambiguous: (row.ambiguous ?? []).includes(rule) }];
  }));
});

describe('the labelled corpus of real Dockerfiles', () => {
  it('has at least 60 files, each with its source', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    for (const r of rows) expect(r.source.commit, r.id).toMatch(/^[0-9a-f]{40}$/);
  });

  it('agrees with every label not marked ambiguous (agreement per rule in test/.work/corpus-agreement.json)', () => {
    const table = [...Object.keys(RULES), ...Object.keys(STATIC)].map((rule) => {
      const mine = results.filter((r) => r.rule === rule);
      const judged = mine.filter((r) => !r.ambiguous);
      const agree = judged.filter((r) => r.want === r.got).length;
      return { rule, rows: mine.length, judged: judged.length, agree, ambiguous: mine.length - judged.length, ambiguousAgree: mine.filter((r) => r.ambiguous && r.want === r.got).length };
    });
    mkdirSync(join(DIR, '..', '.work'), { recursive: true });
    writeFileSync(join(DIR, '..', '.work', 'corpus-agreement.json'), JSON.stringify({ table, disagreements: results.filter((r) => r.want !== r.got) }, null, 2));
    const wrong = results.filter((r) => !r.ambiguous && r.want !== r.got).map((r) => `${r.file} ${r.rule}: labelled ${r.want}, dojo says ${r.got} (${r.summary}) — label: ${r.why}`);
    expect(wrong).toEqual([]);
  });
});
