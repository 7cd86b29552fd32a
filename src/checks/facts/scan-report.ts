/** A vulnerability scanner's JSON report reduced to what the check judges: counts by severity. */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  id: string;
  pkg: string;
  installed: string;
  fixed: string | null;
  severity: Severity;
}

export interface ScanReport {
  counts: Record<Severity, number>;
  /** Every finding, most severe first (the check shows a few). */
  findings: Finding[];
}

const severity = (s: unknown): Severity => {
  const up = String(s ?? '').toUpperCase();
  if (up === 'NEGLIGIBLE') return 'LOW';
  return (SEVERITIES as readonly string[]).includes(up) ? (up as Severity) : 'UNKNOWN';
};

function report(findings: Finding[]): ScanReport {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  return { counts, findings: [...findings].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id)) };
}

type TrivyJson = { Results?: { Vulnerabilities?: { VulnerabilityID: string; PkgName: string; InstalledVersion?: string; FixedVersion?: string; Severity?: string }[] | null }[] | null };
/** `trivy image --format json`: Results[].Vulnerabilities[] (schema 2; schema 1 was a bare list of results). */
export function parseTrivy(json: unknown): ScanReport {
  const results = Array.isArray(json) ? (json as NonNullable<TrivyJson['Results']>) : ((json as TrivyJson).Results ?? []);
  return report(results.flatMap((r) => r.Vulnerabilities ?? []).map((v) => ({
    id: v.VulnerabilityID, pkg: v.PkgName, installed: v.InstalledVersion ?? '', fixed: v.FixedVersion || null, severity: severity(v.Severity),
  })));
}

type GrypeJson = { matches?: { vulnerability: { id: string; severity?: string; fix?: { versions?: string[] } }; artifact: { name: string; version?: string } }[] };
/** `grype -o json`: matches[] with the vulnerability and the package it was found in. */
export function parseGrype(json: unknown): ScanReport {
  return report(((json as GrypeJson).matches ?? []).map((m) => ({
    id: m.vulnerability.id, pkg: m.artifact.name, installed: m.artifact.version ?? '', fixed: m.vulnerability.fix?.versions?.[0] ?? null, severity: severity(m.vulnerability.severity),
  })));
}
