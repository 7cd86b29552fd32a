import { z } from 'zod';
import { composeReq, devFiles, line, rel, withService } from './compose-common.js';
import { composeName, serviceOf } from './targets.js';
import type { ComposeImageRequest, DockerfileRequest, ImageFsRequest } from '../facts/requests.js';
import { devRunProblem, stageWorkdir } from './dev-run.js';
import type { CheckTarget } from '../types.js';
import { error, fail, pass, type CheckKind } from '../types.js';

/** A bind mount brings in the source when its folder is the service's source folder, or holds it, or lies in it. */
const mountsSource = (source: string, context: string) => source === context || context.startsWith(`${source}/`) || source.startsWith(`${context}/`);

const devParams = z.object({ service: z.string() }).strict();
const dfReq = (t: CheckTarget, service: string): DockerfileRequest => ({ type: 'dockerfile', path: serviceOf(t, service).dockerfile, buildArgs: serviceOf(t, service).buildArgs });
export const composeDevOverride: CheckKind<z.infer<typeof devParams>> = {
  name: 'compose-dev-override',
  description: 'A development override file bind-mounts the source and overrides the command; the base file mounts no source.',
  params: devParams,
  services: (p) => [p.service],
  needs: (t, p) => [composeReq(t, devFiles(t)), dfReq(t, p.service)],
  evaluate: (facts, t, p) => {
    const name = composeName(t, p.service);
    return withService(facts, t, name, (svc, c) => {
      const [base, ...dev] = devFiles(t);
      if (!dev.length) return fail('no development override file', [`looked for compose.override.yaml, docker-compose.override.yml, docker-compose.dev.yml next to ${rel(t, base!)} (or compose.devFiles in dojo.yaml)`]);
      const context = svc.build?.context ?? serviceOf(t, p.service).context;
      const rawOf = (f: string) => c.raw.find((r) => r.file === f);
      const baseBinds = (rawOf(base!)?.binds ?? []).filter((b) => b.service === name && mountsSource(b.source, context));
      const devBinds = dev.flatMap((f) => rawOf(f)?.binds ?? []).filter((b) => b.service === name && mountsSource(b.source, context));
      const devCommand = dev.flatMap((f) => rawOf(f)?.commands ?? []).find((x) => x.service === name);
      const run = devBinds[0] ? devRunProblem(svc, devBinds[0].target, stageWorkdir(facts.optional(dfReq(t, p.service)), svc.build?.target ?? null)) : null;
      const evidence = [
        `source folder of ${name}: ${rel(t, context)}`,
        ...baseBinds.map((b) => `${line(t, b.location)}  base file mounts ${rel(t, b.source)}:${b.target}`),
        ...devBinds.map((b) => `${line(t, b.location)}  ${rel(t, b.source)}:${b.target}`),
        devCommand ? `${line(t, devCommand.location)}  ${devCommand.key} overridden` : `command: not overridden in ${dev.map((f) => rel(t, f)).join(', ')}`,
        ...(run?.evidence ?? []),
      ];
      if (baseBinds.length) return fail(`the base file ${rel(t, base!)} bind-mounts ${name}'s source`, evidence, { location: baseBinds[0]!.location });
      if (!devBinds.length) return fail(`${dev.map((f) => rel(t, f)).join(', ')} does not bind-mount ${name}'s source`, evidence, { location: svc.location });
      if (!devCommand) return fail(`${dev.map((f) => rel(t, f)).join(', ')} keeps ${name}'s production command`, evidence, { location: devBinds[0]!.location });
      if (run?.problem) return fail(run.problem, evidence, { location: devCommand.location });
      return pass(`the dev override mounts ${name}'s source and runs its own command; the base file mounts none`, evidence, { location: devBinds[0]!.location });
    }, devFiles(t));
  },
};

const GO = ['/usr/local/go/bin/go', '/usr/bin/go', '/usr/lib/go/bin/go'];
const toolParams = z.object({ service: z.string(), paths: z.array(z.string().startsWith('/')).default(GO) }).strict();
const devImageReq = (t: CheckTarget, service: string, paths: string[]): ComposeImageRequest =>
  ({ type: 'composeimage', dir: t.workspace.dir, files: devFiles(t), project: t.workspace.compose.project, service, paths });
const prodFsReq = (ref: string, paths: string[]): ImageFsRequest => ({ type: 'imagefs', ref, paths, entrypoint: false });

/** Hot reload compiles inside the container; the production image must not carry the compiler. */
export const devImageToolchain: CheckKind<z.infer<typeof toolParams>> = {
  name: 'dev-image-toolchain',
  description: "The development image of the service has the Go toolchain; the production image does not.",
  params: toolParams,
  services: (p) => [p.service],
  needs: (t, p) => [devImageReq(t, composeName(t, p.service), p.paths), prodFsReq(serviceOf(t, p.service).image, p.paths)],
  evaluate: (facts, t, p) => {
    const dev = facts.get(devImageReq(t, composeName(t, p.service), p.paths));
    const prodRef = serviceOf(t, p.service).image;
    if (!dev.ref || !dev.fs) return error(`no development image of ${p.service} in the engine`, [`looked for ${dev.candidates.join(', ')}; build it with the dev files, e.g. \`docker compose up --build\``]);
    // One tag for both: whichever was built last is what both setups run, so neither verdict below would mean anything.
    if (dev.ref === prodRef) {
      return fail(`the dev files run ${p.service} from the production tag ${prodRef}: building one overwrites the other`, [
        `dev image: ${dev.ref} (the \`image:\` the dev files give or inherit from the base file)`, `prod image: ${prodRef}`,
        'a dev build needs its own image name next to its build target',
      ]);
    }
    const prod = facts.get(prodFsReq(prodRef, p.paths));
    const found = (fs: typeof prod) => p.paths.filter((x) => fs.paths[x]?.exists);
    const [inDev, inProd] = [found(dev.fs), found(prod)];
    const evidence = [`dev image ${dev.ref}: ${inDev.join(', ') || 'no Go toolchain'}`, `prod image ${prodRef}: ${inProd.join(', ') || 'no Go toolchain'}`];
    if (!inDev.length) return fail(`the dev image ${dev.ref} has no Go toolchain, so it cannot rebuild on a change`, evidence);
    if (inProd.length) return fail(`the production image ${prodRef} carries the Go toolchain`, evidence);
    return pass(`the dev image has the Go toolchain (${inDev[0]}); the production image has none`, evidence);
  },
};
