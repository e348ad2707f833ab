/**
 * Deterministic synthetic news corpus for the benchmark: wire-style articles with names, places,
 * institutions, numbers and dates (weekdays, "March 3, 2021", "in 2019", "last week"), about
 * 4,200 characters each (≈10 chunks at the default 600-character chunking). Written as JSON
 * Lines, the bulk-import format, split over several files so incremental re-ingestion can be
 * measured on a one-file change.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRng, type Rng, zipfSampler } from './prng.js';
import {
  ACTION_VERBS,
  FIRST_NAMES,
  LAST_NAMES,
  MONTHS,
  ORGANIZATIONS,
  OUTLETS,
  PLACES,
  SAID_VERBS,
  SYLLABLES,
  TITLES,
  TOPICS,
  UNITS,
  WEEKDAYS,
} from './vocabulary.js';

/** One JSON Lines record, in the shape the ingestion pipeline reads. */
export interface GeneratedArticle {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly url: string;
  readonly published: string;
  readonly text: string;
}

const LEXICON_SIZE = 20_000;
const FACILITIES = ['desalination plant', 'power station', 'refinery', 'dam', 'bridge', 'hospital', 'port', 'railway'] as const;

/**
 * Long-tail proper nouns (projects, villages, companies): made of syllables, drawn with Zipf
 * frequencies so a few recur everywhere and most are rare, like names in a real archive.
 */
export function lexicon(seed = 7): readonly string[] {
  const rng = createRng(seed);
  const out: string[] = [];
  for (let i = 0; i < LEXICON_SIZE; i++) {
    let w = '';
    const n = rng.int(2, 3);
    for (let s = 0; s < n; s++) w += rng.pick(SYLLABLES);
    out.push(w.charAt(0).toUpperCase() + w.slice(1));
  }
  return out;
}

interface Person {
  readonly first: string;
  readonly last: string;
  readonly title: string;
}

/** What one article is about; its sentences keep returning to the same people and places. */
interface Cast {
  readonly people: readonly Person[];
  readonly places: readonly string[];
  readonly orgs: readonly string[];
  readonly topics: readonly string[];
  readonly published: { readonly y: number; readonly m: number; readonly d: number };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function number(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return String(rng.int(2, 99));
    case 1:
      return String(rng.int(100, 999));
    case 2:
      return `${rng.int(1, 99)},${String(rng.int(0, 999)).padStart(3, '0')}`;
    default:
      return `${rng.int(1, 9)}.${rng.int(1, 9)} million`;
  }
}

/** The sentence kinds of wire copy: quotes, attributions, figures, background and dated events. */
const TEMPLATES: ReadonlyArray<(c: Cast, rng: Rng, rare: () => string) => string> = [
  (c, r) => {
    const p = r.pick(c.people);
    return `${p.title} ${p.first} ${p.last} ${r.pick(SAID_VERBS)} on ${r.pick(WEEKDAYS)} that ${r.pick(c.orgs)} had ${r.pick(ACTION_VERBS)} the ${r.pick(c.topics)} plan after ${number(r)} ${r.pick(UNITS)} were affected in ${r.pick(c.places)}.`;
  },
  (c, r) =>
    `The ${r.pick(c.topics)} talks, first held in ${r.pick(PLACES)} in ${c.published.y - r.int(1, 12)}, resumed on ${r.pick(MONTHS)} ${r.int(1, 28)}, ${c.published.y}, according to ${r.pick(c.orgs)}.`,
  (c, r) =>
    `According to figures from ${r.pick(c.orgs)}, ${number(r)} ${r.pick(UNITS)} have been affected since ${r.pick(MONTHS)}, up ${r.int(2, 60)} percent from a year earlier.`,
  (c, r) => {
    const p = r.pick(c.people);
    return `“We will not accept any ${r.pick(c.topics)} deal that ignores the people of ${r.pick(c.places)},” ${p.last} ${r.pick(SAID_VERBS)}.`;
  },
  (c, r, rare) => {
    const p = r.pick(c.people);
    return `${p.last} met ${r.pick(TITLES)} ${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)} in ${r.pick(PLACES)} last week to discuss the ${rare()} project and the wider ${r.pick(TOPICS)} situation.`;
  },
  (c, r, rare) =>
    `Officials in ${r.pick(c.places)} expect the ${rare()} ${r.pick(FACILITIES)} to open by ${r.pick(MONTHS)} ${c.published.y + r.int(0, 3)}, at a cost of $${r.int(1, 9)}.${r.int(1, 9)} billion.`,
  (c, r) =>
    `${cap(r.pick(c.orgs))} ${r.pick(ACTION_VERBS)} a request by ${r.pick(c.places)} on ${r.pick(WEEKDAYS)}, citing concerns over ${r.pick(TOPICS)} and the cost of ${r.pick(TOPICS)}.`,
  (c, r, rare) =>
    `Local media reported that ${number(r)} ${r.pick(UNITS)} gathered near the ${rare()} district of ${r.pick(c.places)} on ${r.pick(WEEKDAYS)} evening.`,
  (c, r) =>
    `In ${c.published.y - r.int(2, 20)}, a similar ${r.pick(c.topics)} dispute between ${r.pick(c.places)} and ${r.pick(PLACES)} lasted ${r.int(2, 30)} months.`,
  (_c, r) =>
    `Analysts said the decision could affect ${r.pick(TOPICS)} across the region, where ${r.int(5, 95)} percent of ${r.pick(UNITS)} depend on imports.`,
  (c, r) => {
    const p = r.pick(c.people);
    return `${p.first} ${p.last} has served as ${p.title.toLowerCase()} since ${c.published.y - r.int(1, 9)}.`;
  },
  (c, r) => `The statement came a day after ${r.pick(c.orgs)} ${r.pick(ACTION_VERBS)} its own ${r.pick(c.topics)} proposal.`,
  (c, r, rare) => `Residents of ${rare()} and ${rare()} said ${r.pick(c.topics)} had worsened since the ${rare()} agreement was signed.`,
  (c, r) => `The ${r.pick(TOPICS)} committee will meet again in ${r.pick(PLACES)} next month, ${r.pick(c.people).last} added.`,
  (c, r) =>
    `On ${r.pick(MONTHS)} ${r.int(1, 28)}, ${number(r)} ${r.pick(UNITS)} were reported in ${r.pick(c.places)}, the highest figure since ${c.published.y - r.int(1, 15)}.`,
];

const HEADLINES: ReadonlyArray<(c: Cast, r: Rng) => string> = [
  (c) => `${c.places[0]} and ${c.places[1]} discuss ${c.topics[0]}`,
  (c, r) => `${cap(c.orgs[0]!.replace(/^the /, ''))} ${r.pick(ACTION_VERBS)} ${c.topics[0]} plan`,
  (c) => `${c.people[0]!.last} warns of ${c.topics[0]} in ${c.places[0]}`,
  (c) => `${cap(c.topics[0]!)}: ${c.places[0]} awaits decision on ${c.topics[1]}`,
  (c, r) => `${number(r)} ${r.pick(UNITS)} affected as ${c.topics[0]} hits ${c.places[0]}`,
];

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** One article; `index` only feeds its id and URL, all content comes from `rng`. */
export function generateArticle(rng: Rng, index: number, words: readonly string[]): GeneratedArticle {
  const zipf = sampler(words.length);
  const rare = (): string => words[zipf(rng)]!;
  const y = rng.int(2018, 2024);
  const m = rng.int(1, 12);
  const d = rng.int(1, daysIn(y, m));
  const person = (): Person => ({ first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES), title: rng.pick(TITLES) });
  const distinct = <T>(pickOne: () => T, n: number): T[] => {
    const out: T[] = [];
    for (let i = 0; out.length < n && i < n * 10; i++) {
      const v = pickOne();
      if (!out.includes(v)) out.push(v);
    }
    return out;
  };
  const cast: Cast = {
    people: [person(), person(), person()],
    places: distinct(() => rng.pick(PLACES), 2),
    orgs: distinct(() => rng.pick(ORGANIZATIONS), 2),
    topics: distinct(() => rng.pick(TOPICS), 2),
    published: { y, m, d },
  };
  const target = rng.int(3000, 5400);
  const lead = cast.people[0]!;
  const paragraphs: string[] = [
    `${cast.places[0]!.toUpperCase()} – ${lead.title} ${lead.first} ${lead.last} ${rng.pick(SAID_VERBS)} on ${rng.pick(WEEKDAYS)} that talks on ${cast.topics[0]} with ${cast.places[1]} would continue despite objections from ${cast.orgs[0]}.`,
  ];
  let length = paragraphs[0]!.length;
  while (length < target) {
    const n = rng.int(2, 4);
    const sentences: string[] = [];
    for (let i = 0; i < n; i++) sentences.push(cap(rng.pick(TEMPLATES)(cast, rng, rare)));
    const p = sentences.join(' ');
    paragraphs.push(p);
    length += p.length + 2;
  }
  const id = `bench-${String(index).padStart(6, '0')}`;
  return {
    id,
    title: rng.pick(HEADLINES)(cast, rng),
    source: rng.pick(OUTLETS),
    url: `https://news.example/${y}/${pad2(m)}/${id}`,
    published: `${y}-${pad2(m)}-${pad2(d)}`,
    text: paragraphs.join('\n\n'),
  };
}

const samplers = new Map<number, (rng: Rng) => number>();
function sampler(n: number): (rng: Rng) => number {
  let s = samplers.get(n);
  if (!s) samplers.set(n, (s = zipfSampler(n)));
  return s;
}

export interface CorpusSpec {
  readonly articles: number;
  /** Number of JSON Lines files the articles are spread over (evenly, in order). */
  readonly files: number;
  readonly seed: number;
  /** File name prefix, e.g. "part" → part-000.jsonl. */
  readonly prefix?: string;
}

export interface CorpusStats {
  readonly dir: string;
  readonly articles: number;
  readonly files: readonly string[];
  readonly bytes: number;
}

/**
 * Writes the corpus into `dir` as `files` JSON Lines files, streaming (the corpus is never held
 * in memory whole, so a 200 MB import can be generated cheaply). Article i is the same for a
 * given seed whatever the file split.
 */
export async function writeCorpus(dir: string, spec: CorpusSpec): Promise<CorpusStats> {
  await mkdir(dir, { recursive: true });
  const words = lexicon();
  const rng = createRng(spec.seed);
  const perFile = Math.ceil(spec.articles / spec.files);
  const digits = Math.max(3, String(spec.files - 1).length);
  const files: string[] = [];
  let bytes = 0;
  let written = 0;
  for (let f = 0; f < spec.files && written < spec.articles; f++) {
    const name = `${spec.prefix ?? 'part'}-${String(f).padStart(digits, '0')}.jsonl`;
    const out = createWriteStream(join(dir, name), { encoding: 'utf8' });
    for (let i = 0; i < perFile && written < spec.articles; i++, written++) {
      const line = `${JSON.stringify(generateArticle(rng, written, words))}\n`;
      bytes += Buffer.byteLength(line);
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    files.push(name);
  }
  return { dir, articles: written, files, bytes };
}
