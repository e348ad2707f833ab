import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.js';
import { articleDay, RECENCY, recencyBonus } from '../../src/answer/recency.js';
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
