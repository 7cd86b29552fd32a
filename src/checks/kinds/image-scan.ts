import { z } from 'zod';
import type { ScanRequest } from '../facts/requests.js';
import { SEVERITIES } from '../facts/scan-report.js';
import { imageReq, withImage } from './common.js';
import { error, fail, pass, skip, type CheckKind, type CheckTarget } from '../types.js';

const params = z
  .object({
    failOn: z.array(z.enum(SEVERITIES)).default(['CRITICAL']),
    scanner: z.enum(['auto', 'trivy', 'grype']).default('auto'),
    timeoutSeconds: z.number().int().positive().default(300),
  })
  .strict();
type P = z.infer<typeof params>;

const scanReq = (t: CheckTarget, p: P): ScanRequest => ({ type: 'scan', ref: t.service.image, scanner: p.scanner, timeoutSeconds: p.timeoutSeconds });

const INSTALL = [
  'install trivy (https://trivy.dev/latest/getting-started) or grype (https://github.com/anchore/grype#installation)',
  'then fetch its database once, yourself: trivy image --download-db-only (grype db update); dojo never downloads anything during a check',
];

/**
 * Counts the image's known vulnerabilities by severity with a scanner already on PATH, offline; fails
 * when any has a severity in `failOn`. No scanner, or no database yet, is a skip that says what to install.
 */
export const imageScan: CheckKind<P> = {
  name: 'image-scan',
  description: 'trivy or grype (when on PATH) scans the image offline; fails on a severity in failOn (default CRITICAL); skips without a scanner.',
  params,
  needs: (t, p) => [imageReq(t), scanReq(t, p)],
  evaluate: (facts, t, p) =>
    withImage(facts, t, () => {
      const scan = facts.get(scanReq(t, p));
      if (!scan.scanner) return skip(`no vulnerability scanner on PATH (looked for ${p.scanner === 'auto' ? 'trivy, grype' : p.scanner})`, INSTALL);
      if (scan.problem?.noDatabase) return skip(`${scan.scanner} has no vulnerability database yet, and dojo does not download one`, [scan.problem.message, INSTALL[1]!]);
      if (scan.problem || !scan.report) return error(`${scan.scanner} could not scan ${t.service.image}`, [scan.problem?.message ?? 'no report']);
      const { counts, findings } = scan.report;
      const evidence = [`${scan.scanner} (offline): ${SEVERITIES.map((s) => `${s} ${counts[s]}`).join(', ')}`];
      const blocking = findings.filter((f) => p.failOn.includes(f.severity));
      evidence.push(...blocking.slice(0, 5).map((f) => `${f.severity} ${f.id} in ${f.pkg} ${f.installed}${f.fixed ? `, fixed in ${f.fixed}` : ', no fixed version yet'}`));
      if (blocking.length > 5) evidence.push(`… and ${blocking.length - 5} more`);
      if (blocking.length) return fail(`${t.service.image} has ${blocking.length} known vulnerabilit${blocking.length === 1 ? 'y' : 'ies'} rated ${p.failOn.join(' or ')}`, evidence);
      return pass(`${t.service.image}: nothing rated ${p.failOn.join(' or ') || '(no severity fails this check)'}`, evidence);
    }),
};
