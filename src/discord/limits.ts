/** Discord's documented message limits; every outgoing payload is built to stay within them. */
export const LIMITS = Object.freeze({
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  embedsPerMessage: 10,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
});

/** Excerpts requested per question, and shown per page. */
export const ASK_K = 9;
export const EXCERPTS_PER_PAGE = 3;
export const TIMELINE_EVENTS_PER_PAGE = 8;
/** Steps of a figure's series per page (a step with conflicting figures counts once). */
export const EVOLUTION_STEPS_PER_PAGE = 4;
export const SOURCES_PER_PAGE = 20;
