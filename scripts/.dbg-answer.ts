// temporary debug (not part of project; deleted at end)
import { readFileSync } from 'node:fs';
import { buildSearchIndexInMemory } from '../src/index/memory.js';
import { buildArticle } from '../src/ingest/article.js';
import { answerWithTrace } from '../src/answer/answer.js';
import { profileQuestion } from '../src/answer/profile.js';
const rows = readFileSync('../shared/eval/xquad-dev/docs.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const arts = rows.map((r: any, i: number) => buildArticle({ id: r.id, title: r.title, text: r.text, source: null, url: null, published: null } as any, 'x', i + 1));
const index = buildSearchIndexInMemory(arts);
for (const q of process.argv.slice(2)) {
  const p = profileQuestion(q, index.lexical);
  console.log('Q', q, p.type, p.terms.map((t) => `${t.term}:${t.weight.toFixed(2)}${t.missing ? '!' : ''}${t.anchor ? '*' : ''}`).join(' '));
  const { result, trace } = await answerWithTrace({ index }, q, { threshold: 0 });
  console.log(' conf', trace.confidence.toFixed(3));
  for (const c of trace.candidates.slice(0, 6)) {
    const s = c.article.sentences[c.sentence]!;
    console.log(`  ${c.score.toFixed(3)} ${c.article.id}#${c.sentence} cov=${c.features.coverage.toFixed(2)} win=${c.features.windowCoverage.toFixed(2)} art=${c.features.articleCoverage.toFixed(2)} ty=${c.features.typeMatch} | ${c.article.text.slice(s.start, s.end).slice(0, 160)}`);
  }
  if (result.kind === 'answer') result.excerpts.forEach((e, i) => console.log(`  E${i + 1} ${e.article.id}: ${e.quote.slice(0, 200)}`));
}
