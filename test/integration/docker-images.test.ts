import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerBuilder } from '../../src/adapters/docker/builder.js';
import { appName } from '../helpers/paas-server.js';
import { runProgram } from '../helpers/run.js';

/** Builds a tiny image with the docker CLI (Dockerfile on stdin); `n` makes each build a new image. */
async function build(tag: string, n: number, label?: string): Promise<string> {
  const args = ['docker', 'build', '-q', '-t', tag, ...(label ? ['--label', label] : []), '-'];
  const r = await runProgram(args, { input: `FROM paas-test/busybox\nLABEL step=${n}\n` });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

const exists = async (id: string) => (await runProgram(['docker', 'image', 'inspect', id])).code === 0;

// The image clean-up after a deploy must only ever touch the deployed app's own images.
describe('image clean-up on the Docker engine', () => {
  const mine = appName('prune');
  const other = appName('prune');
  const stranger = `paas-test-stranger/${appName('img')}:1`;
  const made: string[] = [];
  const builder = dockerBuilder(new Docker());

  afterAll(async () => {
    await runProgram(['docker', 'rmi', '-f', ...made]);
  });

  it('lists the app\'s tags and prunes only its untagged images', async () => {
    // Building a tag twice leaves the first image untagged ("dangling"), for each of three owners.
    for (const [tag, label] of [[`paas/${mine}:v1`, `paas.app=${mine}`], [`paas/${other}:v1`, `paas.app=${other}`], [stranger, undefined]] as const) {
      made.push(await build(tag, 1, label), await build(tag, 2, label));
    }
    const [mineOld, mineNew, otherOld, , strangerOld] = made;
    expect(await builder.listTags(mine)).toEqual([`paas/${mine}:v1`]);

    expect(await builder.pruneDangling(mine)).toBe(1);
    expect(await exists(mineOld!)).toBe(false);
    expect(await exists(mineNew!)).toBe(true);
    // Another app's and an unlabelled dangling image stay.
    expect(await exists(otherOld!)).toBe(true);
    expect(await exists(strangerOld!)).toBe(true);

    await builder.remove(`paas/${mine}:v1`);
    expect(await builder.listTags(mine)).toEqual([]);
    await builder.remove(`paas/${mine}:v1`); // a missing tag is not an error
  });
});
