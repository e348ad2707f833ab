import { describe, expect, it } from 'vitest';
import { applySidecar, isSidecar, parseSidecar } from '../../src/ingest/sidecar.js';
import type { RawArticle } from '../../src/ingest/parse.js';

const raw = (over: Partial<RawArticle> = {}): RawArticle => ({
  title: 'T',
  source: 'AFP',
  url: null,
  published: null,
  text: 'Body.',
  ...over,
});

describe('GIVEN sidecar files', () => {
  it('THEN only *.meta.json / *.meta.yaml / *.meta.yml are sidecars', () => {
    expect(['a.txt.meta.json', 'b.md.META.YAML', 'c.html.meta.yml'].map(isSidecar)).toEqual([true, true, true]);
    expect(['meta.json', 'a.json', 'a.txt'].map(isSidecar)).toEqual([false, false, false]);
  });

  it('THEN a wrong value, an unknown key or broken syntax is one line naming the problem', () => {
    const bad = [
      parseSidecar('a.txt.meta.json', '{"published":"1 Nov"}'),
      parseSidecar('a.txt.meta.json', '{"outlet":"RT"}'),
      parseSidecar('a.txt.meta.json', '{"published":'),
      parseSidecar('a.txt.meta.yaml', 'articles:\n  first: {source: RT}\n'),
    ];
    for (const r of bad) {
      expect(r.kind).toBe('error');
      if (r.kind === 'error') expect(r.message).not.toContain('\n');
    }
    expect(bad.map((r) => (r.kind === 'error' ? r.message : ''))).toEqual([
      'a.txt.meta.json ignored: published: expected a date YYYY-MM-DD',
      expect.stringMatching(/^a\.txt\.meta\.json ignored: .*outlet/),
      expect.stringMatching(/^a\.txt\.meta\.json ignored: not valid JSON/),
      expect.stringMatching(/^a\.txt\.meta\.yaml ignored: articles\.first: /),
    ]);
  });

  it('THEN YAML dates and nulls work, and a per-article entry beats the file-wide one', () => {
    const r = parseSidecar('p.txt.meta.yaml', 'published: 2023-11-01\narticles:\n  "2": {published: null, source: null}\n');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const [a, b] = applySidecar([raw(), raw()], r.data, 'p.txt.meta.yaml');
    expect([a!.published, a!.source, a!.reasons?.date]).toEqual(['2023-11-01', 'AFP', 'set by an admin in p.txt.meta.yaml']);
    expect([b!.published, b!.source, b!.reasons]).toEqual([
      null,
      null,
      { source: 'set by an admin in p.txt.meta.yaml', date: 'set by an admin in p.txt.meta.yaml (undated)', overridden: true },
    ]);
  });
});
