/**
 * Benchmark queries: varied questions and timeline topics built from the corpus vocabulary
 * (the same names, places, topics and long-tail words the articles use), so they hit real
 * postings of every length, from "gaza" in thousands of chunks to a rare project name.
 */
import { lexicon } from './corpus.js';
import { createRng, type Rng, zipfSampler } from './prng.js';
import { FIRST_NAMES, LAST_NAMES, ORGANIZATIONS, PLACES, TITLES, TOPICS, UNITS } from './vocabulary.js';

const FACILITIES = ['desalination plant', 'power station', 'refinery', 'dam', 'bridge', 'hospital'] as const;

type Maker = (r: Rng, rare: () => string) => string;

const QUESTIONS: readonly Maker[] = [
  (r) => `What did the ${r.pick(TITLES).toLowerCase()} say about the ${r.pick(TOPICS)} in ${r.pick(PLACES)}?`,
  (r) => `How many ${r.pick(UNITS)} were affected in ${r.pick(PLACES)}?`,
  (r, rare) => `When will the ${rare()} ${r.pick(FACILITIES)} open?`,
  (r, rare) => `Who met the ${r.pick(TITLES).toLowerCase()} in ${r.pick(PLACES)} to discuss the ${rare()} project?`,
  (r) => `What did ${r.pick(ORGANIZATIONS)} decide about the ${r.pick(TOPICS)} plan?`,
  (r) => `What did ${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)} say about ${r.pick(TOPICS)}?`,
  (r) => `When did the ${r.pick(TOPICS)} talks resume?`,
  (r) => `Why did ${r.pick(ORGANIZATIONS)} reject the request by ${r.pick(PLACES)}?`,
  (r) => `How much will the ${r.pick(FACILITIES)} in ${r.pick(PLACES)} cost?`,
  (r) => `${r.pick(TOPICS)} ${r.pick(PLACES)}`,
  (_r, rare) => `What happened in the ${rare()} district?`,
  (r) => `Since when has ${r.pick(LAST_NAMES)} served as ${r.pick(TITLES).toLowerCase()}?`,
];

const TOPIC_MAKERS: readonly Maker[] = [
  (r) => r.pick(PLACES),
  (r) => r.pick(TOPICS),
  (r) => `${r.pick(TOPICS)} in ${r.pick(PLACES)}`,
  (r) => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
  (_r, rare) => `${rare()} project`,
];

function generate(makers: readonly Maker[], n: number, seed: number): string[] {
  const rng = createRng(seed);
  const words = lexicon();
  // Skew toward the frequent part of the long tail, as users ask about what the news covers.
  const zipf = zipfSampler(Math.min(words.length, 2000));
  const rare = (): string => words[zipf(rng)]!;
  return Array.from({ length: n }, (_, i) => makers[i % makers.length]!(rng, rare));
}

/** `n` varied questions (deterministic for a seed). */
export function benchQuestions(n: number, seed = 11): string[] {
  return generate(QUESTIONS, n, seed);
}

/** `n` varied timeline topics (deterministic for a seed). */
export function benchTopics(n: number, seed = 13): string[] {
  return generate(TOPIC_MAKERS, n, seed);
}
