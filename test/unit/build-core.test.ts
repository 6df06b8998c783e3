import { describe, expect, it } from 'vitest';
import { dockerignoreFilter } from '../../src/core/build/dockerignore.js';
import { dockerfileBaseImages } from '../../src/core/build/base-images.js';
import { buildArgsFromConfig } from '../../src/core/build/build-args.js';
import { imageTagsToRemove } from '../../src/core/build/image-retention.js';
import { parseByteSize, validateImageRef } from '../../src/core/build/settings.js';
import type { Release, ReleaseStatus } from '../../src/core/model.js';

describe('.dockerignore (Docker CLI semantics)', () => {
  const ignored = (rules: string, paths: string[]) => paths.filter(dockerignoreFilter(rules));

  it('excludes directories with everything below them, anchored at the root', () => {
    expect(ignored('node_modules\n/tmp/\n', ['node_modules/a/b.js', 'src/node_modules/x', 'tmp/x', 'tmpfile'])).toEqual(['node_modules/a/b.js', 'tmp/x']);
  });

  it('matches * and ? within one segment, ** across any number', () => {
    expect(ignored('*.log\ndocs/?.md\n**/*.test.js', ['a.log', 'dir/a.log', 'docs/a.md', 'docs/ab.md', 'x.test.js', 'a/b/c.test.js'])).toEqual([
      'a.log', 'docs/a.md', 'x.test.js', 'a/b/c.test.js',
    ]);
    expect(ignored('**', ['a', 'b/c'])).toEqual(['a', 'b/c']);
  });

  it('lets the last matching line win, with ! re-including', () => {
    expect(ignored('*.md\n!README.md\n', ['a.md', 'README.md'])).toEqual(['a.md']);
    expect(ignored('!README.md\n*.md\n', ['README.md'])).toEqual(['README.md']);
    expect(ignored('secrets\n!secrets/public.pem\n', ['secrets/key', 'secrets/public.pem'])).toEqual(['secrets/key']);
  });

  it('ignores comments and blank lines, cleans paths, supports classes and escapes', () => {
    expect(ignored('# a comment\n\n./build/../dist\n[ab].txt\n[!c]x.txt\nweird\\*name\n', ['dist/x', 'a.txt', 'c.txt', 'dx.txt', 'cx.txt', 'weird*name', 'weirdXname'])).toEqual([
      'dist/x', 'a.txt', 'dx.txt', 'weird*name',
    ]);
    expect(ignored('a+b.(c)', ['a+b.(c)', 'aab.xc'])).toEqual(['a+b.(c)']);
  });

  it('always sends the Dockerfile and .dockerignore (the engine needs them)', () => {
    expect(ignored('*\n', ['Dockerfile', '.dockerignore', 'src/x'])).toEqual(['src/x']);
  });
});

describe('base images of a Dockerfile', () => {
  it('lists FROM images, skipping scratch, stage names and images that depend on build args', () => {
    const df = [
      '# syntax=docker/dockerfile:1',
      'ARG V=20',
      'FROM --platform=linux/amd64 node:20-slim AS deps',
      'RUN npm ci',
      'from deps as build',
      'FROM node:$V',
      'FROM \\',
      '  registry.local:5000/base:1',
      'FROM scratch',
      'COPY --from=build /app /app',
      'FROM node:20-slim',
    ].join('\n');
    expect(dockerfileBaseImages(df)).toEqual(['node:20-slim', 'registry.local:5000/base:1']);
    expect(dockerfileBaseImages('')).toEqual([]);
  });
});

describe('build args from config', () => {
  it('passes only the vars PAAS_BUILD_ARGS names, reporting names that are unset or invalid', () => {
    const config = { PAAS_BUILD_ARGS: 'API_URL, NODE_OPTIONS  MISSING,bad-name,PAAS_BUILD_ARGS', API_URL: 'https://x', NODE_OPTIONS: '--max-old-space-size=512', SECRET: 's' };
    expect(buildArgsFromConfig(config)).toEqual({
      args: { API_URL: 'https://x', NODE_OPTIONS: '--max-old-space-size=512' },
      ignored: ['MISSING', 'bad-name', 'PAAS_BUILD_ARGS'],
    });
    expect(buildArgsFromConfig({ SECRET: 's' })).toEqual({ args: {}, ignored: [] });
  });
});

describe('image retention', () => {
  const rel = (version: number, status: ReleaseStatus = 'superseded', image = `paas/shop:v${version}`): Release => ({
    app: 'shop', version, image, config: {}, processes: {}, description: '', status, createdAt: '',
  });
  const tags = (...v: number[]) => v.map((n) => `paas/shop:v${n}`);

  it('keeps the images of the last N releases and removes the others', () => {
    const releases = [1, 2, 3, 4, 5, 6, 7].map((v) => rel(v, v === 7 ? 'active' : 'superseded'));
    expect(imageTagsToRemove({ app: 'shop', tags: tags(1, 2, 3, 4, 5, 6, 7), releases, keep: 3, liveVersion: 7 })).toEqual(tags(1, 2, 3, 4));
  });

  it('never removes the live image, skips failed releases when counting, counts shared images once', () => {
    const releases = [rel(1, 'active'), rel(2), rel(3, 'failed'), rel(4, 'superseded', 'paas/shop:v2'), rel(5)];
    expect(imageTagsToRemove({ app: 'shop', tags: tags(1, 2, 3, 5), releases, keep: 2, liveVersion: 1 })).toEqual(tags(3));
  });

  it('only ever touches this app\'s release tags', () => {
    expect(imageTagsToRemove({ app: 'shop', tags: ['paas/shop:latest', 'paas/shop-2:v1', 'other:v1', 'paas/shop:v9'], releases: [], keep: 1 })).toEqual([
      'paas/shop:v9',
    ]);
  });
});

describe('build settings', () => {
  it.each(['node:24-slim', 'python:3.13-slim', 'busybox', 'paas-test/node', 'registry.local:5000/a/b:1.2', `x@sha256:${'a'.repeat(64)}`])('accepts %s', (ref) => {
    expect(validateImageRef(ref)).toBe(ref);
  });
  it.each(['', 'Node:20', 'node:20 AS x', 'node:20\nRUN x', 'a//b', '-x'])('refuses image %j', (ref) => {
    expect(() => validateImageRef(ref)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
  it('parses sizes', () => {
    expect(parseByteSize('2g', 'm')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('512M', 'm')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('10485760', 'm')).toBe(10485760);
    for (const bad of ['', '1k', '2x', '-1g', '1.5g']) expect(() => parseByteSize(bad, 'm')).toThrow(/at least 6m/);
  });
});
