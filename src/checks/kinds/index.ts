import type { AnyKind } from '../types.js';
import { cacheReuse } from './cache-reuse.js';
import { containerStarts } from './container-starts.js';
import { dockerfileParses } from './dockerfile-parses.js';
import { dockerignoreKind } from './dockerignore.js';
import { execForm } from './exec-form.js';
import { imageExists } from './image-exists.js';
import { imageSize } from './image-size.js';
import { layerOrder } from './layer-order.js';
import { multiStage } from './multi-stage.js';
import { pinnedBase } from './pinned-base.js';
import { noToolchain } from './no-toolchain.js';
import { quiz } from './quiz.js';
import { scenarioFixed } from './scenario.js';
import { sameLayerCleanup } from './same-layer-cleanup.js';
import { staticBinary } from './static-binary.js';
import { imageEnvSecrets, imageExposes, imageHealthcheck, imageUser } from './image-config.js';
import { containerSecurity, containerState, publishedPorts, servicePorts, volumeMounted } from './container.js';
import { nameResolution, networkMembership } from './network.js';
import { composeDependsHealthy, composeHealthcheck, composeNamedVolume, composeValid } from './compose.js';
import { composeDevOverride, devImageToolchain } from './compose-dev.js';
import { composeProfiles } from './compose-profiles.js';
import { composeSecrets } from './compose-secrets.js';
import { composeStack } from './compose-stack.js';
import { composePorts } from './compose-ports.js';
import { volumeData, volumePermissions } from './volume.js';
import { nonRootUser } from './non-root-user.js';
import { noSecrets } from './no-secrets.js';
import { capsDropped, readOnlyRootfs, resourceLimits } from './hardening.js';
import { imageScan } from './image-scan.js';

/** The one place check kinds are registered; checks/<lab>.yaml refers to them by name. */
export const KINDS: AnyKind[] = [
  dockerfileParses, execForm, dockerignoreKind, imageExists, containerStarts,
  layerOrder, cacheReuse, sameLayerCleanup, multiStage, pinnedBase, imageSize, noToolchain, staticBinary,
  imageUser, imageHealthcheck, imageExposes, imageEnvSecrets,
  containerState, containerSecurity, publishedPorts, servicePorts, volumeMounted, volumeData, volumePermissions,
  networkMembership, nameResolution,
  composeValid, composeHealthcheck, composeDependsHealthy, composeNamedVolume, composeSecrets, composeStack, composePorts,
  composeDevOverride, devImageToolchain, composeProfiles,
  nonRootUser, noSecrets, capsDropped, resourceLimits, readOnlyRootfs, imageScan,
  scenarioFixed,
  quiz,
];

export const kindByName = new Map(KINDS.map((k) => [k.name, k]));
