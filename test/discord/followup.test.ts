import { describe, expect, it } from 'vitest';
import { followUpOf } from '../../src/discord/followup.js';
import { ResultStore } from '../../src/discord/store.js';
import { answerView, renderView, timelineView, type StoredView } from '../../src/discord/views.js';
import { NINE_EXCERPTS, PRESS_TV, RT, UNDATED } from './fake-engine.js';

const SOURCES = [PRESS_TV, RT, UNDATED].map((article) => ({ article, chunks: 3 }));
const never = () => {
  throw new Error('the sources are only read when the store no longer holds the answer');
};

/** An answer as the bot sends it: stored, then its page rendered (what the message holds). */
function sent(question: string, page = 0) {
  const store = new ResultStore<StoredView>({ maxEntries: 10, ttlMs: 60_000 });
  const view = answerView({ kind: 'answer', question, excerpts: NINE_EXCERPTS });
  const id = store.put(view);
  const message = renderView(id, view, page);
  const customIds = message.components.flatMap((r) => r.components.map((b) => ('custom_id' in b ? b.custom_id : '')));
  return { store, message: { embeds: message.embeds, customIds } };
}

describe('followUpOf', () => {
  it('GIVEN a reply to an answer the store holds THEN the question and the articles of the page the message shows', () => {
    const { store, message } = sent('What was discussed in **Ankara**?');
    expect(followUpOf(message, store, never)).toEqual({
      question: 'What was discussed in **Ankara**?',
      articleIds: [PRESS_TV.id, RT.id, UNDATED.id],
    });
    // Page 2 shows excerpts 4-6: the same three articles, in their order there.
    const second = sent('Who met whom?', 1);
    expect(followUpOf(second.message, second.store, never)?.articleIds).toEqual([PRESS_TV.id, RT.id, UNDATED.id]);
  });

  it('GIVEN a reply to an answer the store no longer holds (a restart) THEN the question from the title and the articles whose titles the citations show', () => {
    const { message } = sent('Why did *Turkey* recall its ambassador? <3');
    const empty = new ResultStore<StoredView>({ maxEntries: 10, ttlMs: 60_000 });
    expect(followUpOf(message, empty, () => SOURCES)).toEqual({
      question: 'Why did *Turkey* recall its ambassador? <3',
      articleIds: [PRESS_TV.id, RT.id, UNDATED.id],
    });
    // Only the articles cited on the message count, not every title that shares words.
    const other = { article: { ...RT, id: 'r2', title: 'Turkey recalls' }, chunks: 1 };
    expect(followUpOf(message, empty, () => [...SOURCES, other])?.articleIds).not.toContain('r2');
  });

  it('GIVEN a no-answer message THEN its question, with no articles', () => {
    const message = { embeds: [{ title: '❓ What about Chile?', description: 'The indexed articles do not answer this.' }], customIds: [] };
    expect(followUpOf(message, new ResultStore({ maxEntries: 1, ttlMs: 1 }), () => SOURCES)).toEqual({
      question: 'What about Chile?',
      articleIds: [],
    });
  });

  it('GIVEN a reply to a timeline or to a message that is no answer THEN none (the reply is a fresh question)', () => {
    const store = new ResultStore<StoredView>({ maxEntries: 10, ttlMs: 60_000 });
    const view = timelineView({ kind: 'timeline', topic: 'Bolivia', events: [] });
    const rendered = renderView(store.put(view), view, 0);
    expect(followUpOf({ embeds: rendered.embeds, customIds: [] }, store, () => SOURCES)).toBeNull();
    expect(followUpOf({ embeds: [], customIds: ['q:pg:nope:1'] }, store, () => SOURCES)).toBeNull();
  });
});
