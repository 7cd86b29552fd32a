/**
 * Honest per-check durations. Facts are collected once and in parallel, and several checks share
 * one fact, so "time until the verdict" overstates every check. Instead each moment of collection
 * is split evenly among the facts being collected at that moment, and each fact's part evenly
 * among the checks that need it. The parts add up to the time collection was busy, never to more
 * than the run took, so a JUnit suite's testcase times stay within its own time.
 */
export function attributeTime(spans: Map<string, readonly [number, number]>, users: Map<string, readonly string[]>): Map<string, number> {
  const factShare = new Map<string, number>();
  const edges = [...new Set([...spans.values()].flat())].sort((a, b) => a - b);
  for (let i = 0; i + 1 < edges.length; i++) {
    const [from, to] = [edges[i]!, edges[i + 1]!];
    const active = [...spans].filter(([, [s, e]]) => s <= from && e >= to).map(([key]) => key);
    for (const key of active) factShare.set(key, (factShare.get(key) ?? 0) + (to - from) / active.length);
  }
  const perCheck = new Map<string, number>();
  for (const [key, checks] of users) {
    const share = (factShare.get(key) ?? 0) / Math.max(1, checks.length);
    for (const check of checks) perCheck.set(check, (perCheck.get(check) ?? 0) + share);
  }
  return perCheck;
}
