import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The seed corpus shipped with the project. */
export const SEED_ARTICLES = join(import.meta.dirname, '../../data/articles');

/** A temporary folder holding a copy of the seed articles and a place for an index. */
export interface SeedWorkspace {
  readonly work: string;
  readonly articlesDir: string;
  readonly indexDir: string;
  remove(): Promise<void>;
}

/** Copies the seed corpus into a fresh temporary folder (tests may change it freely). */
export async function seedWorkspace(prefix: string): Promise<SeedWorkspace> {
  const work = await mkdtemp(join(tmpdir(), prefix));
  const articlesDir = join(work, 'articles');
  await cp(SEED_ARTICLES, articlesDir, { recursive: true });
  return { work, articlesDir, indexDir: join(work, 'index'), remove: () => rm(work, { recursive: true, force: true }) };
}
