import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateModel } from '../../src/embed/model-location.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'model-location-'));
  await mkdir(join(root, 'models', 'my-model'), { recursive: true });
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('GIVEN a spec naming an existing directory', () => {
  it('THEN absolute paths are local with parent and name split', () => {
    expect(locateModel(join(root, 'models', 'my-model'))).toEqual({
      kind: 'local',
      dir: join(root, 'models', 'my-model'),
      parent: join(root, 'models'),
      name: 'my-model',
    });
  });
  it('THEN relative paths resolve against the working directory', () => {
    expect(locateModel('models/my-model', root)).toMatchObject({ kind: 'local', dir: join(root, 'models', 'my-model') });
    expect(locateModel('./models/my-model/', root)).toMatchObject({ kind: 'local', name: 'my-model' });
  });
});

describe('GIVEN a spec that is not on disk', () => {
  it('THEN an owner/name id is a hub id', () => {
    expect(locateModel('Xenova/all-MiniLM-L6-v2', root)).toEqual({ kind: 'hub', id: 'Xenova/all-MiniLM-L6-v2' });
  });
  it('THEN something that can only be a path is a missing directory', () => {
    expect(locateModel('./models/typo', root)).toEqual({ kind: 'missing-dir', dir: join(root, 'models', 'typo') });
    expect(locateModel(join(root, 'nope'), root).kind).toBe('missing-dir');
  });
});
