/**
 * Ingestion: article files → parsed articles → chunks (→ vectors) → a new index generation,
 * swapped in atomically. Incremental: files whose content hash, chunking settings and model
 * are unchanged are reused (hard-linked) without being parsed or embedded again.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Embedder } from '../embed/types.js';
import { writeGenerationVectors } from '../index/hnsw-generation.js';
import { writeGenerationPostings } from '../index/lexical-generation.js';
import { encodePostings, readLexicalPostings } from '../index/postings.js';
import { acquireLock } from '../index/lock.js';
import { SCHEMA_VERSION, chunkArticles, chunkPostings, chunkSearchText, chunkTerms } from '../index/memory.js';
import {
  IndexLoadError,
  MANIFEST,
  type FileRecord,
  manifestFiles,
  postingsPartName,
  readDuplicates,
  readManifest,
  recordKey,
  recordPartName,
  uniqueArticleIds,
  writeFileAtomic,
} from '../index/store.js';
import { indexWriteError } from '../index/write-error.js';
import type { ChunkingSettings, FileEntryInfo, Manifest } from '../index/types.js';
import { PARSER_VERSION, buildArticle } from './article.js';
import { DEFAULT_CHUNKING } from './chunker.js';
import { type Sketch, decodeSketches, encodeSketches, findNearDuplicateSketches, sketchOf } from './dedupe.js';
import { decodeTextStream } from './parse-decode.js';
import { JsonLinesReader } from './parse-jsonl.js';
import { type RawArticle, parseFile } from './parse.js';
import { SIDECAR_SUFFIXES, applySidecar, isSidecar, parseSidecar } from './sidecar.js';
import type { FileReport, IngestProgress, IngestSummary } from './types.js';

/** Files above this size are skipped, except JSON Lines, which are streamed. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
const STREAMED = /\.(jsonl|ndjson)$/i;
const EMBED_BATCH = 64;
/** Articles handed to the writer at a time: bounds what one large JSON Lines import holds in memory. */
export const BATCH_ARTICLES = 250;

export interface IngestOptions {
  readonly articlesDir: string;
  readonly indexDir: string;
  /** Rebuild everything, ignoring what the previous generation holds. */
  readonly full?: boolean;
  /** Dense model; null/undefined builds a lexical-only index. */
  readonly embedder?: Embedder | null;
  /** Why there is no embedder, reported once in the summary's warnings. */
  readonly embedderWarning?: string;
  readonly chunking?: ChunkingSettings;
  readonly maxFileBytes?: number;
  /** Articles of a JSON Lines file parsed and saved at a time (default {@link BATCH_ARTICLES}). */
  readonly batchArticles?: number;
  readonly onProgress?: (p: IngestProgress) => void;
}

/** Per-file data saved beside the record parts (which hold the articles). */
const SIDECARS = ['.ids.json', '.sketches'];

/** What the final steps of an ingestion need from one file. */
interface FileEntry {
  readonly file: string;
  readonly ids: readonly string[];
  readonly sketches: readonly Sketch[];
}

export interface SourceFile {
  readonly file: string; // relative, POSIX separators
  readonly path: string;
  readonly size: number;
}

/** Runs one ingestion. Throws IndexLockedError when another one is running on the same index. */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { articlesDir, indexDir } = options;
  const chunking = options.chunking ?? DEFAULT_CHUNKING;
  const embedder = options.embedder ?? null;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const emit = options.onProgress ?? (() => {});
  const warnings: string[] = options.embedderWarning ? [options.embedderWarning] : [];

  const finish = (fields: Omit<IngestSummary, 'ms' | 'warnings'>): IngestSummary => {
    const summary: IngestSummary = { ...fields, ms: Math.round(performance.now() - started), warnings };
    emit({ stage: 'done', summary });
    return summary;
  };

  try {
    await mkdir(indexDir, { recursive: true });
  } catch (e) {
    throw indexWriteError(e, indexDir) ?? e;
  }
  const release = await acquireLock(indexDir);
  /** The generation being written, removed if anything fails before it goes live. */
  let building: string | null = null;
  try {
    const { sources, ignored } = await scan(articlesDir);
    emit({ stage: 'scan', files: sources.length });

    let previous: Manifest | null = null;
    try {
      previous = await readManifest(indexDir);
    } catch (e) {
      if (!(e instanceof IndexLoadError)) throw e;
      warnings.push(`previous index unusable (${e.message}); rebuilding everything`);
    }
    const modelId = embedder?.modelId ?? null;
    const reusable = !options.full && canReuse(previous, modelId, chunking);

    // Hash every file first: an unchanged corpus is then a no-op without parsing anything.
    const hashes = new Map<string, string>();
    for (const s of sources) hashes.set(s.file, await hashWithSidecar(s.path));
    const reports: FileReport[] = ignored.map((i) => ({ file: i.file, articles: 0, status: 'skipped', reason: i.reason }));
    /** Unchanged files whose saved data failed its check: parsed again below instead of reused. */
    const damaged = new Set<string>();
    if (reusable && previous) {
      const prev = previous;
      const prevFiles = manifestFiles(prev);
      const known = prevFiles.length + Object.keys(prev.skipped ?? {}).length;
      const same =
        known === sources.length && sources.every((s) => (prev.files[s.file]?.hash ?? prev.skipped?.[s.file]?.hash) === hashes.get(s.file));
      const problems = same && sources.length > 0 ? await checkGeneration(indexDir, prev, modelId ? (prev.model?.dimension ?? 0) : 0) : [];
      for (const p of problems) {
        damaged.add(p.file);
        warnings.push(`saved index data damaged (${p.reason}); ${p.file ? `${p.file} is parsed again` : 'rebuilt'}`);
      }
      if (same && sources.length > 0 && problems.length === 0) {
        // Nothing to write, but generations left by crashed runs still go.
        await removeStaleGenerations(indexDir, [prev.generation, prev.previousGeneration]);
        for (const s of sources) {
          const f = prev.files[s.file];
          const skip = prev.skipped?.[s.file];
          reports.push(
            f
              ? { file: s.file, articles: f.articles, status: 'unchanged' }
              : { file: s.file, articles: 0, status: 'skipped', reason: skip?.reason ?? 'skipped' },
          );
        }
        return finish({ ...prev.counts, files: sortReports(reports), mode: prev.mode, noop: true });
      }
    }

    const generation = `gen-${Date.now()}-${process.pid}`;
    const genDir = join(indexDir, generation);
    building = genDir;
    const prevGenDir = previous ? join(indexDir, previous.generation) : null;
    await mkdir(join(genDir, 'files'), { recursive: true });

    /** What the final steps need of each file: never the articles themselves, so unchanged files are not re-read. */
    const entries: FileEntry[] = [];
    const files: Record<string, FileEntryInfo> = {};
    const skipped: Record<string, { hash: string; reason: string }> = {};
    /** Files hard-linked unchanged from the previous generation. */
    const reused = new Set<string>();
    let done = 0;
    for (const s of sources) {
      emit({ stage: 'parse', done, total: sources.length, file: s.file, bytes: s.size });
      done++;
      const hash = hashes.get(s.file) ?? '';
      const before = previous?.files[s.file];
      if (!hash) {
        reports.push({ file: s.file, articles: 0, status: 'skipped', reason: 'unreadable file' });
        continue;
      }
      const key = recordKey(s.file);
      const path = (ext: string) => join(genDir, 'files', `${key}${ext}`);
      if (reusable && prevGenDir && before?.hash === hash && !damaged.has(s.file)) {
        const reuse = await reuseFile(prevGenDir, genDir, s.file, before, modelId ? (embedder?.dimension ?? 0) : 0);
        if (reuse.kind === 'reused') {
          entries.push(reuse.entry);
          files[s.file] = before;
          reused.add(s.file);
          reports.push({ file: s.file, articles: before.articles, status: 'unchanged' });
          continue;
        }
        warnings.push(`saved index data damaged (${reuse.reason}); ${s.file} is parsed again`);
      }
      // Parse, save, shingle and embed batch by batch: only ids and sketches stay in memory.
      const entry = { file: s.file, ids: [] as string[], sketches: [] as Sketch[] };
      const fileWarnings: string[] = [];
      const vectorsOut = embedder ? await open(path('.f32'), 'w') : null;
      let parts = 0;
      let chunkCount = 0;
      let read: SourceRead;
      try {
        read = await readSource(
          s,
          maxBytes,
          options.batchArticles ?? BATCH_ARTICLES,
          fileWarnings,
          async (raws) => {
            const articles = raws.filter((r) => r.text.trim() !== '').map((r, i) => buildArticle(r, s.file, entry.ids.length + i + 1));
            if (articles.length === 0) return;
            const record: FileRecord = { file: s.file, hash, articles };
            const part = parts++;
            await writeFile(join(genDir, 'files', recordPartName(s.file, part)), JSON.stringify(record));
            for (const a of articles) {
              entry.ids.push(a.id);
              entry.sketches.push(sketchOf(a.text));
            }
            const chunks = chunkArticles(articles, chunking);
            chunkCount += chunks.length;
            const byId = new Map(articles.map((a) => [a.id, a] as const));
            const texts = chunks.map((c) => chunkSearchText(byId.get(c.articleId)!, c));
            // Tokenized once here, so loading the index never tokenizes.
            await writeFile(
              join(genDir, 'files', postingsPartName(s.file, part)),
              encodePostings(chunkPostings(chunks.map((c) => chunkTerms(byId.get(c.articleId)!, c)))),
            );
            if (embedder && vectorsOut) {
              const vectors = await embedAll(embedder, texts, emit);
              await vectorsOut.write(concatVectors(vectors, embedder.dimension));
            }
          },
          (r) => emit({ stage: 'parse', done: done - 1, total: sources.length, file: s.file, bytes: s.size, read: r }),
        );
      } finally {
        await vectorsOut?.close();
      }
      for (const w of fileWarnings) warnings.push(`${s.file}: ${w}`);
      if (read.kind === 'skipped' || entry.ids.length === 0) {
        const reason = read.kind === 'skipped' ? read.reason : 'no article text found';
        skipped[s.file] = { hash, reason };
        reports.push({ file: s.file, articles: 0, status: 'skipped', reason });
        continue;
      }
      await writeFile(path('.ids.json'), JSON.stringify(entry.ids));
      await writeFile(path('.sketches'), encodeSketches(entry.sketches));
      entries.push(entry);
      files[s.file] = { hash, articles: entry.ids.length, chunks: chunkCount, ...(parts > 1 ? { parts } : {}) };
      reports.push({ file: s.file, articles: entry.ids.length, status: before ? 'changed' : 'added' });
    }
    emit({ stage: 'parse', done, total: sources.length, file: '' });
    if (previous) {
      for (const f of manifestFiles(previous)) {
        if (!sources.some((s) => s.file === f)) reports.push({ file: f, articles: 0, status: 'removed' });
      }
    }

    emit({ stage: 'write' });
    // Global order is by file path (sources are sorted); the loader renames clashing ids the same way.
    const ids = uniqueArticleIds(entries.flatMap((e) => e.ids));
    for (const [from, to] of ids.renamed) warnings.push(`duplicate article id ${from} renamed ${to}`);
    const sketches = entries.flatMap((e) => e.sketches);
    const duplicates = findNearDuplicateSketches(ids.ids.map((id, i) => ({ id, sketch: sketches[i]! })));
    await writeFile(join(genDir, 'duplicates.json'), JSON.stringify(Object.fromEntries(duplicates)));
    let chunkCount = 0;
    for (const e of entries) chunkCount += files[e.file]!.chunks;
    const generationFiles = entries.map((e) => ({
      file: e.file,
      chunks: files[e.file]!.chunks,
      parts: files[e.file]!.parts ?? 1,
      reused: reused.has(e.file),
    }));
    const reusePrevious = reusable && previous && prevGenDir ? { manifest: previous, dir: prevGenDir } : null;
    await writeGenerationPostings({ genDir, files: generationFiles, previous: reusePrevious });
    if (embedder) {
      // The previous graph is updated in place (changed files only) when its vectors are reusable.
      await writeGenerationVectors({
        genDir,
        dimension: embedder.dimension,
        files: generationFiles,
        previous: reusePrevious,
      });
    }

    const manifest = manifestOf({
      embedder,
      chunking,
      files,
      skipped,
      counts: { articles: ids.ids.length, chunks: chunkCount },
      generation,
      ...(previous ? { previousGeneration: previous.generation } : {}),
    });
    // The swap: until this rename, the previous manifest (and generation) is the live index.
    await writeFileAtomic(join(indexDir, MANIFEST), JSON.stringify(manifest, null, 2));
    building = null; // live now: no longer ours to remove on failure
    // The replaced generation stays until the next swap: readers that read the old manifest may still be loading it.
    if (prevGenDir) await writeFile(join(prevGenDir, SUPERSEDED), new Date().toISOString()).catch(() => {});
    await removeStaleGenerations(indexDir, [generation, previous?.generation]).catch(() => {});

    return finish({
      ...manifest.counts,
      files: sortReports(reports),
      mode: manifest.mode,
      noop: false,
    });
  } catch (e) {
    // Whatever failed, the half-written generation goes, so a full disk does not stay full.
    if (building) await rm(building, { recursive: true, force: true }).catch(() => {});
    throw indexWriteError(e, indexDir) ?? e;
  } finally {
    await release();
  }
}

function sortReports(reports: FileReport[]): FileReport[] {
  return reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

type Reuse = { readonly kind: 'reused'; readonly entry: FileEntry } | { readonly kind: 'damaged'; readonly reason: string };

/**
 * Checks an unchanged file's saved data in generation `genDir` (records, ids, sketches and, when
 * `dimension` > 0, vectors all present and consistent with `info`) and returns what the final
 * steps need of it. Never throws: damage is a reason to parse the file again.
 */
async function checkFile(genDir: string, file: string, info: FileEntryInfo, dimension: number): Promise<Reuse> {
  const base = join(genDir, 'files', recordKey(file));
  try {
    // Only each record's two ends are read: parsing every unchanged file's articles made a
    // one-file change cost as much as reading the whole corpus (10k articles: 0.8 s of 2.7–4.2 s).
    // A cut-short or foreign record fails here; the loader parses and checks every record anyway.
    for (let part = 0; part < (info.parts ?? 1); part++) {
      const problem = await recordEnds(join(genDir, 'files', recordPartName(file, part)), file);
      if (problem) return { kind: 'damaged', reason: `${file}: ${problem}` };
    }
    const ids = JSON.parse(await readFile(`${base}.ids.json`, 'utf8')) as unknown;
    if (!Array.isArray(ids) || ids.length !== info.articles || !ids.every((id) => typeof id === 'string'))
      return { kind: 'damaged', reason: `${file}: article ids do not match` };
    const sketches = decodeSketches(await readFile(`${base}.sketches`));
    if (sketches.length !== info.articles) return { kind: 'damaged', reason: `${file}: near-duplicate sketches are truncated` };
    for (let part = 0; part < (info.parts ?? 1); part++) await stat(join(genDir, 'files', postingsPartName(file, part)));
    if (dimension > 0 && (await stat(`${base}.f32`)).size !== info.chunks * dimension * 4)
      return { kind: 'damaged', reason: `${file}: vectors are truncated` };
    return { kind: 'reused', entry: { file, ids: ids as string[], sketches } };
  } catch (e) {
    return { kind: 'damaged', reason: `${file}: ${(e as Error).message}` };
  }
}

/**
 * Why the record at `path` is not a whole record of `file` as ingestion writes it
 * (`{"file":…,"hash":…,"articles":[…]}`), judged from its first and last bytes; null when it is.
 */
async function recordEnds(path: string, file: string): Promise<string | null> {
  const head = Buffer.from(`{"file":${JSON.stringify(file)},`, 'utf8');
  const tail = Buffer.from(']}', 'utf8');
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size < head.length + tail.length) return `${path} is cut short`;
    const start = Buffer.alloc(head.length);
    const end = Buffer.alloc(tail.length);
    await handle.read(start, 0, head.length, 0);
    await handle.read(end, 0, tail.length, size - tail.length);
    if (!start.equals(head)) return `${path} is not a file record of ${file}`;
    if (!end.equals(tail)) return `${path} is cut short`;
    return null;
  } finally {
    await handle.close();
  }
}

/** Hard-links an unchanged file's data from the previous generation into the new one, after checking it. */
async function reuseFile(prevGenDir: string, genDir: string, file: string, info: FileEntryInfo, dimension: number): Promise<Reuse> {
  const checked = await checkFile(prevGenDir, file, info, dimension);
  if (checked.kind === 'damaged') return checked;
  const key = recordKey(file);
  const names = [...SIDECARS, ...(dimension > 0 ? ['.f32'] : [])].map((ext) => `${key}${ext}`);
  for (let part = 0; part < (info.parts ?? 1); part++) names.push(recordPartName(file, part), postingsPartName(file, part));
  try {
    // Hard links: the new generation shares the unchanged files' data without copying it.
    for (const name of names) await link(join(prevGenDir, 'files', name), join(genDir, 'files', name));
  } catch (e) {
    if (indexWriteError(e, genDir)) throw e;
    for (const name of names) await rm(join(genDir, 'files', name), { force: true });
    return { kind: 'damaged', reason: `${file}: ${(e as Error).message}` };
  }
  return checked;
}

/**
 * What is wrong with the live generation of `m`, per file ('' for the generation as a whole);
 * empty when it would load. Run before reporting "up to date", so a damaged index is repaired
 * rather than declared fine.
 */
async function checkGeneration(indexDir: string, m: Manifest, dimension: number): Promise<{ file: string; reason: string }[]> {
  const genDir = join(indexDir, m.generation);
  const problems: { file: string; reason: string }[] = [];
  for (const file of manifestFiles(m)) {
    const r = await checkFile(genDir, file, m.files[file]!, dimension);
    if (r.kind === 'damaged') problems.push({ file, reason: r.reason });
  }
  try {
    await readDuplicates(genDir);
    await readLexicalPostings(genDir, m.counts.chunks);
    if (m.model) await stat(join(genDir, 'vectors.hnsw'));
  } catch (e) {
    problems.push({ file: '', reason: (e as Error).message });
  }
  return problems;
}

/**
 * The manifest of a finished build, one function for both backends (the embedded index's
 * manifest.json and a PostgreSQL generation's row), so they describe a corpus identically.
 */
export function manifestOf(build: {
  readonly embedder: Embedder | null;
  readonly chunking: ChunkingSettings;
  readonly files: Readonly<Record<string, FileEntryInfo>>;
  readonly skipped: Readonly<Record<string, { readonly hash: string; readonly reason: string }>>;
  readonly counts: { readonly articles: number; readonly chunks: number };
  readonly generation: string;
  readonly previousGeneration?: string;
}): Manifest {
  const { embedder, previousGeneration, ...rest } = build;
  return {
    schemaVersion: SCHEMA_VERSION,
    mode: embedder ? 'hybrid' : 'lexical',
    parserVersion: PARSER_VERSION,
    model: embedder ? { id: embedder.modelId, dimension: embedder.dimension } : null,
    chunking: rest.chunking,
    files: rest.files,
    skipped: rest.skipped,
    counts: rest.counts,
    corpusHash: corpusHashOf(rest.files),
    builtAt: new Date().toISOString(),
    generation: rest.generation,
    ...(previousGeneration !== undefined ? { previousGeneration } : {}),
  };
}

/** sha256 over the sorted `file:hash` pairs: identifies the corpus in every backend's manifest. */
export function corpusHashOf(files: Readonly<Record<string, FileEntryInfo>>): string {
  return createHash('sha256')
    .update(
      Object.keys(files)
        .sort()
        .map((f) => `${f}:${files[f]!.hash}`)
        .join('\n'),
    )
    .digest('hex');
}

/**
 * Whether a previous build's per-file data may be reused: same embedding model, parser version and
 * chunking. Shared by every backend's incremental ingestion.
 */
export function canReuse(previous: Manifest | null, modelId: string | null, chunking: ChunkingSettings): previous is Manifest {
  return (
    previous !== null &&
    (previous.model?.id ?? null) === modelId &&
    previous.parserVersion === PARSER_VERSION &&
    previous.chunking.targetChars === chunking.targetChars &&
    previous.chunking.overlapSentences === chunking.overlapSentences
  );
}

/**
 * Lists article files under `dir` (recursively, hidden files and folders skipped), sorted; symbolic
 * links and other non-files are not followed and come back in `ignored` with the reason.
 */
export async function scan(dir: string): Promise<{ sources: SourceFile[]; ignored: { file: string; reason: string }[] }> {
  const out: SourceFile[] = [];
  const ignored: { file: string; reason: string }[] = [];
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (e) {
    throw new Error(`cannot read the articles directory ${dir}: ${(e as Error).message}`);
  }
  for (const e of entries) {
    if (e.isDirectory()) continue;
    const path = join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    const file = relative(dir, path).split(sep).join('/');
    if (file.split('/').some((part) => part.startsWith('.')) || isSidecar(file)) continue;
    if (!e.isFile()) {
      ignored.push({ file, reason: e.isSymbolicLink() ? 'symbolic link (not followed)' : 'not a regular file' });
      continue;
    }
    const size = (await stat(path).catch(() => null))?.size ?? 0;
    out.push({ file, path, size });
  }
  return { sources: out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), ignored };
}

/** The file's hash, extended by its sidecar's (see sidecar.ts) so editing an override re-parses the file. */
export async function hashWithSidecar(path: string): Promise<string> {
  const own = await hashFile(path).catch(() => '');
  if (!own) return '';
  for (const suffix of SIDECAR_SUFFIXES) {
    const side = await hashFile(path + suffix).catch(() => '');
    if (side) return createHash('sha256').update(`${own}\n${suffix}\n${side}`).digest('hex');
  }
  return own;
}

/** Applies the file's sidecar overrides, if it has one; a bad sidecar becomes a warning. */
async function withSidecar(path: string, file: string, raws: readonly RawArticle[], warnings: string[]): Promise<readonly RawArticle[]> {
  for (const suffix of SIDECAR_SUFFIXES) {
    let text: string;
    try {
      text = await readFile(path + suffix, 'utf8');
    } catch {
      continue;
    }
    const name = `${file.split('/').pop() ?? file}${suffix}`;
    const r = parseSidecar(name, text);
    if (r.kind === 'error') {
      warnings.push(r.message);
      return raws;
    }
    return applySidecar(raws, r.data, name);
  }
  return raws;
}

export async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export type SourceRead = { readonly kind: 'read' } | { readonly kind: 'skipped'; readonly reason: string };

/**
 * Reads a source file's raw articles and hands them to `onBatch`: a JSON Lines file streamed in
 * batches of {@link BATCH_ARTICLES}, any other format whole (its size is capped). Warnings are
 * appended to `warnings`.
 */
export async function readSource(
  s: SourceFile,
  maxBytes: number,
  batchArticles: number,
  warnings: string[],
  onBatch: (raws: readonly RawArticle[]) => Promise<void>,
  /** After each streamed batch: bytes of the file read and records parsed so far. */
  onRead?: (read: { readonly bytes: number; readonly records: number }) => void,
): Promise<SourceRead> {
  if (STREAMED.test(s.file)) {
    const encoding: string[] = [];
    let bytesRead = 0;
    // The decoding pass is the last of the two (see decodeTextStream): its count is the progress.
    const open = async function* (): AsyncGenerator<Uint8Array> {
      bytesRead = 0;
      for await (const chunk of createReadStream(s.path)) {
        bytesRead += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    };
    const text = Readable.from(decodeTextStream(open, encoding));
    const lines = createInterface({ input: text, crlfDelay: Infinity });
    const reader = new JsonLinesReader();
    let records = 0;
    for await (const line of lines) {
      reader.add(line);
      if (reader.articles.length >= batchArticles) {
        const batch = reader.take();
        records += batch.length;
        await onBatch(batch);
        onRead?.({ bytes: bytesRead, records });
      }
    }
    const rest = reader.take();
    records += rest.length;
    if (rest.length > 0) await onBatch(rest);
    onRead?.({ bytes: bytesRead, records });
    warnings.push(...encoding, ...reader.allWarnings());
    if (records === 0)
      return { kind: 'skipped', reason: reader.errors ? `no valid JSON Lines records (${reader.errors} bad lines)` : 'empty file' };
    return { kind: 'read' };
  }
  if (s.size > maxBytes) {
    return {
      kind: 'skipped',
      reason: `file is ${(s.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit (import large collections as JSON Lines)`,
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(s.path);
  } catch (e) {
    return { kind: 'skipped', reason: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const r = parseFile(s.file, bytes);
  if (r.kind === 'skipped') return r;
  warnings.push(...r.warnings);
  await onBatch(await withSidecar(s.path, s.file, r.articles, warnings));
  return { kind: 'read' };
}

export async function embedAll(embedder: Embedder, texts: readonly string[], emit: (p: IngestProgress) => void): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    out.push(...(await embedder.embed(texts.slice(i, i + EMBED_BATCH))));
    emit({ stage: 'embed', done: Math.min(i + EMBED_BATCH, texts.length), total: texts.length });
  }
  return out;
}

function concatVectors(vectors: readonly Float32Array[], dim: number): Uint8Array {
  const all = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => all.set(v, i * dim));
  return new Uint8Array(all.buffer);
}

/**
 * Deletes generations other than `keep` (the live one and the one it replaced): older ones and
 * those left by crashed runs. Runs under the lock, so no other writer is building one.
 */
async function removeStaleGenerations(indexDir: string, keep: readonly (string | undefined)[]): Promise<void> {
  for (const e of await readdir(indexDir, { withFileTypes: true })) {
    if (!e.isDirectory() || !e.name.startsWith('gen-') || keep.includes(e.name)) continue;
    // A generation that was live (it has the marker) went out of use at the marker's time: a slow
    // reader may still be on it for a while. One that never was live (a crashed run's) goes at once.
    const superseded = (await stat(join(indexDir, e.name, SUPERSEDED)).catch(() => null))?.mtimeMs;
    if (superseded !== undefined && Date.now() - superseded < SUPERSEDED_GRACE_MS) continue;
    await rm(join(indexDir, e.name), { recursive: true, force: true });
  }
}

/** Marker written into a generation when a swap replaces it. */
const SUPERSEDED = '.superseded';
/**
 * How long a replaced generation is kept even after a second swap, for readers that started on
 * it: far above a load of the 100k-chunk bench index (seconds).
 */
const SUPERSEDED_GRACE_MS = 2 * 60_000;
