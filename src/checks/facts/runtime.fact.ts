import { defineFact } from './fact-type.js';
import { readComposeStack, readContainer, readNetwork, readVolume } from './runtime.js';
import type { ComposeStackFacts, ContainerFacts, NetworkFacts, VolumeFacts } from './runtime-model.js';

/** By name (docker run), or with `compose` by the Compose project and service labels. */
export type ContainerRequest = { type: 'container'; name: string; compose?: { project: string; service: string } };
export type NetworkRequest = { type: 'network'; name: string };
export type VolumeRequest = { type: 'volume'; name: string };
export type ComposeStackRequest = { type: 'composestack'; project: string };

const INSPECT_MS = 30_000;

/** The student's container, read with one inspect; never changed. */
export const containerFact = defineFact<ContainerRequest, ContainerFacts | null>({
  type: 'container',
  key: (r) => (r.compose ? `container:compose:${r.compose.project}/${r.compose.service}` : `container:${r.name}`),
  engine: true,
  timeoutMs: () => INSPECT_MS,
  describe: (r) => (r.compose ? `the container of compose service ${r.compose.service} (project ${r.compose.project})` : `container ${r.name}`),
  collect: (r, ctx) => readContainer(ctx.engine, r.name, r.compose),
  fingerprint: (v) => (v ? { id: v.id, status: v.status } : null),
  fake: () => null,
});

export const networkFact = defineFact<NetworkRequest, NetworkFacts | null>({
  type: 'network',
  key: (r) => `network:${r.name}`,
  engine: true,
  timeoutMs: () => INSPECT_MS,
  describe: (r) => `network ${r.name}`,
  collect: (r, ctx) => readNetwork(ctx.engine, r.name),
  fingerprint: (v) => v,
  fake: () => null,
});

export const volumeFact = defineFact<VolumeRequest, VolumeFacts | null>({
  type: 'volume',
  key: (r) => `volume:${r.name}`,
  engine: true,
  timeoutMs: () => INSPECT_MS,
  describe: (r) => `volume ${r.name}`,
  collect: (r, ctx) => readVolume(ctx.engine, r.name),
  fingerprint: (v) => v,
  fake: () => null,
});

export const composeStackFact = defineFact<ComposeStackRequest, ComposeStackFacts>({
  type: 'composestack',
  key: (r) => `composestack:${r.project}`,
  engine: true,
  timeoutMs: () => INSPECT_MS,
  describe: (r) => `the containers of compose project ${r.project}`,
  collect: (r, ctx) => readComposeStack(ctx.engine, r.project),
  fingerprint: (v) => v.containers.map((c) => [c.service, c.id, c.state]),
  fake: (r) => ({ project: r.project, containers: [] }),
});
