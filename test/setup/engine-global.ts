// Engine tests never skip: no engine (or no fixture images) is a failure, with the reason.
import { execa } from 'execa';
import { prepareAll } from '../support/fixtures.mjs';

export default async function setup(): Promise<void> {
  const v = await execa('docker', ['version', '--format', '{{.Server.Version}}'], { reject: false, timeout: 15_000 });
  if (v.exitCode !== 0) {
    throw new Error(`engine tests need a Docker engine and none answers (${v.stderr.trim()}). Run \`npm test\`, which provisions one.`);
  }
  const base = await execa('docker', ['image', 'inspect', 'dojo-fixture/golang:bookworm-1'], { reject: false });
  if (base.exitCode !== 0) throw new Error('fixture base images are missing: run `npm test` (or bash test/setup/fixture-images.sh)');
  await prepareAll();
}
