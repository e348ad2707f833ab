import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { articleDay, isDatedCollection, newerFirst, RECENCY, recencyBonus, RETRIEVAL_RECENCY } from '../../src/answer/recency.js';
import { article, indexOf } from './helpers.js';

const dated = (id: string, published: string | null) => ({ id, published });

describe('recencyBonus', () => {
  it('GIVEN articles a half-life apart THEN the newest gets the weight and the older half of it', () => {
    const b = recencyBonus([dated('new', '2023-10-31'), dated('old', '2023-10-01')], 0.2, 30);
    expect(b.get('new')).toBeCloseTo(0.2);
    expect(b.get('old')).toBeCloseTo(0.1);
  });

  it('GIVEN an undated article THEN it gets half the weight', () => {
    const b = recencyBonus([dated('a', '2023-10-31'), dated('b', '2020-01-01'), dated('u', null)], 0.2, 30);
    expect(b.get('u')).toBeCloseTo(0.1);
    expect(b.get('b')!).toBeLessThan(0.001);
  });

  it('GIVEN fewer than two dated articles or weight 0 THEN there is no bonus', () => {
    expect(recencyBonus([dated('a', '2023-10-31'), dated('u', null)], 0.2, 30).size).toBe(0);
    expect(recencyBonus([dated('a', '2023-10-31'), dated('b', '2023-01-01')], 0, 30).size).toBe(0);
  });

  it('GIVEN an unparsable date THEN the article counts as undated', () => {
    expect(articleDay(dated('x', 'someday'))).toBeNull();
    expect(articleDay(dated('x', '2023-11-02'))).toBe(Math.floor(Date.parse('2023-11-02') / 86_400_000));
  });
});

describe('answer() with dated articles', () => {
  it('GIVEN an old and a new report that answer alike THEN the newest is quoted first', async () => {
    const old = article('old', 'Prize', 'The painter Lena Berg won the Ostra Prize this year, the jury said.', {
      published: '2017-10-06',
    });
    const fresh = article('fresh', 'Prize', 'The sculptor Mira Holt won the Ostra Prize this year, the jury said.', {
      published: '2023-10-06',
    });
    const r = await answer({ index: indexOf([old, fresh]) }, 'Who won the Ostra Prize this year?');
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(RECENCY.weight).toBeGreaterThan(0);
    expect(r.excerpts[0]!.article.id).toBe('fresh');
  });
});

describe('newerFirst', () => {
  const hit = (id: string, score: number, day: number | null) => ({ id, score, day });
  const order = (hits: ReturnType<typeof hit>[], halfLife = 600) => newerFirst(hits, (h) => h.day, halfLife).map((h) => h.id);

  it('GIVEN two hits scored alike a half-life apart THEN the newer one comes first', () => {
    expect(order([hit('old', 10, 1000), hit('new', 9, 1600)])).toEqual(['new', 'old']);
  });

  it('GIVEN an older hit scoring more than twice as much a half-life back THEN it stays first', () => {
    expect(order([hit('old', 21, 1000), hit('new', 10, 1600)])).toEqual(['old', 'new']);
  });

  it('GIVEN an undated hit THEN it keeps its score, and a fill-in scored below 0 stays last', () => {
    expect(order([hit('old', 10, 0), hit('fill', -1, 1600), hit('undated', 6, null), hit('new', 5, 1600)])).toEqual([
      'undated',
      'new',
      'old',
      'fill',
    ]);
  });

  it('GIVEN fewer than two dated hits THEN the order is unchanged', () => {
    expect(order([hit('a', 1, null), hit('b', 5, 1600), hit('c', 3, null)])).toEqual(['a', 'b', 'c']);
  });
});

describe('isDatedCollection', () => {
  it('GIVEN one dated article THEN the collection is not dated; GIVEN two THEN it is', () => {
    expect(isDatedCollection([dated('a', '2023-10-31'), dated('u', null)])).toBe(false);
    expect(isDatedCollection([dated('a', '2023-10-31'), dated('u', null), dated('b', '2021-01-01')])).toBe(true);
  });
});

describe("answer() with this week's report behind older ones", () => {
  // 25 older reports match the question's words more tightly than this week's longer one, so BM25
  // ranks it last, below the 20 passages the engine reads.
  const places =
    'Hilo Kona Puna Kau Hamakua Waimea Kohala Volcano Pahoa Naalehu Honokaa Kapaau Laupahoehoe Papaikou Keaau Mountain View Ocean View Captain Cook Kealakekua Holualoa Waikoloa Kawaihae Paauilo Ookala Hakalau'
      .split(' ')
      .slice(0, 25);
  const old = places.map((p, i) =>
    article(`old${i}`, 'Volcano', `Officials in ${p} declared a state of emergency over a possible volcanic eruption.`, {
      published: '2019-05-01',
    }),
  );
  const fresh = article(
    'fresh',
    'Iceland',
    'Iceland declared a state of emergency on Friday over a possible volcanic eruption near the fishing town of Grindavik, after hundreds of earthquakes shook the Reykjanes peninsula and geologists warned that magma was rising toward the surface beneath the town.',
    { published: '2023-11-10' },
  );
  // Other news, so that the question's words are rare enough to tell passages apart.
  const other = Array.from({ length: 60 }, (_, i) =>
    article(`other${i}`, 'Other news', `The council approved budget number ${i} for the library and the park.`, {
      published: '2021-03-01',
    }),
  );
  const question = 'Which country declared a state of emergency over a possible volcanic eruption?';

  it('GIVEN retrieval recency THEN the newest report is read and quoted first', async () => {
    const r = await answer({ index: indexOf([...old, fresh, ...other]) }, question);
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(r.excerpts[0]!.article.id).toBe('fresh');
  });

  it('GIVEN no retrieval recency (an endless half-life) THEN the newest report is not read at all', async () => {
    const saved = RETRIEVAL_RECENCY.halfLifeDays;
    RETRIEVAL_RECENCY.halfLifeDays = Number.POSITIVE_INFINITY;
    try {
      const r = await answer({ index: indexOf([...old, fresh, ...other]) }, question);
      expect(r.kind).toBe('answer');
      if (r.kind !== 'answer') return;
      expect(r.excerpts.map((e) => e.article.id)).not.toContain('fresh');
    } finally {
      RETRIEVAL_RECENCY.halfLifeDays = saved;
    }
  });
});
