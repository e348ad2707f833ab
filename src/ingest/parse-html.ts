/**
 * HTML → articles. Two linear passes with html-to-text: one collects page metadata (og:title, <title>,
 * <h1>, article:published_time, <time>, og:site_name, canonical URL), the other renders the main text
 * with scripts, styles, navigation, page header/footer, asides, forms and figures dropped. The rendered
 * text then goes through the same paragraph/boilerplate rules as plain text.
 */
import { type DomNode, type FormatCallback, type HtmlToTextOptions, htmlToText } from 'html-to-text';
import { type ArticlesResult, articlesFromUnits } from './parse-articles.js';
import { normalizeDate } from './metadata.js';
import { normalizeText, textUnits } from './parse-text.js';

/** What the page says about itself. */
export interface HtmlMeta {
  readonly title: string | null;
  readonly h1: string | null;
  readonly docTitle: string | null;
  readonly siteName: string | null;
  readonly url: string | null;
  readonly published: string | null;
}

/** Parses a decoded HTML document. */
export function parseHtml(html: string): ArticlesResult {
  const meta = htmlMeta(html);
  const text = mainText(html);
  const aliases = [meta.h1, meta.title, meta.docTitle].filter((t): t is string => !!t);
  return articlesFromUnits(textUnits(normalizeText(text)), {
    title: meta.title ?? meta.h1 ?? meta.docTitle,
    titleAliases: aliases,
    source: meta.siteName,
    url: meta.url,
    published: meta.published,
    origin: 'page’s HTML metadata',
  });
}

function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  let s = '';
  for (const c of node.children ?? []) s += textOf(c);
  return s;
}

function clean(s: string | null | undefined): string | null {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/** Collects metadata in one pass; the rendered output of this pass is discarded. */
export function htmlMeta(html: string): HtmlMeta {
  const metas = new Map<string, string>();
  const times: string[] = [];
  let docTitle: string | null = null;
  let h1: string | null = null;
  let canonical: string | null = null;
  const skip: FormatCallback = () => undefined;
  htmlToText(html, {
    wordwrap: false,
    baseElements: { selectors: ['html'], returnDomByDefault: true },
    formatters: {
      meta: (elem) => {
        const a = (elem.attribs ?? {}) as Record<string, string>;
        const key = (a['property'] ?? a['name'] ?? a['itemprop'] ?? '').toLowerCase();
        if (key && typeof a['content'] === 'string' && !metas.has(key)) metas.set(key, a['content']);
      },
      title: (elem) => {
        docTitle ??= clean(textOf(elem));
      },
      h1: (elem) => {
        h1 ??= clean(textOf(elem));
      },
      time: (elem) => {
        const a = (elem.attribs ?? {}) as Record<string, string>;
        times.push(a['datetime'] ?? textOf(elem));
      },
      link: (elem) => {
        const a = (elem.attribs ?? {}) as Record<string, string>;
        if ((a['rel'] ?? '').toLowerCase() === 'canonical' && a['href']) canonical ??= a['href'];
      },
      skip,
    },
    selectors: [
      { selector: 'meta', format: 'meta' },
      { selector: 'title', format: 'title' },
      { selector: 'h1', format: 'h1' },
      { selector: 'time', format: 'time' },
      { selector: 'link', format: 'link' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
    ],
  });
  const siteName = clean(metas.get('og:site_name'));
  const published =
    firstDate([
      metas.get('article:published_time'),
      metas.get('datepublished'),
      metas.get('og:published_time'),
      metas.get('pubdate'),
      metas.get('publishdate'),
      metas.get('date'),
      metas.get('dc.date'),
      metas.get('dc.date.issued'),
      metas.get('sailthru.date'),
    ]) ?? firstDate(times);
  return {
    title: stripSiteName(clean(metas.get('og:title')) ?? clean(metas.get('twitter:title')), siteName),
    h1,
    docTitle: stripSiteName(docTitle, siteName),
    siteName,
    url: clean(canonical ?? metas.get('og:url')),
    published,
  };
}

function firstDate(xs: readonly (string | undefined)[]): string | null {
  for (const x of xs) {
    const d = x ? normalizeDate(x) : null;
    if (d) return d;
  }
  return null;
}

/** "Headline | Site" or "Headline - Site" → "Headline" (the site part is the shorter or named one). */
function stripSiteName(title: string | null, siteName: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s+[|–—-]\s+|\s+::\s+/);
  if (parts.length < 2) return title;
  const site = siteName?.toLowerCase();
  const rest = parts.filter((p) => p.toLowerCase() !== site);
  if (rest.length === 1) return rest[0] ?? title;
  // Without a known site name, only drop a short trailing/leading label.
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (parts.length === 2 && last.split(' ').length <= 3 && first.split(' ').length > 3) return first;
  if (parts.length === 2 && first.split(' ').length <= 3 && last.split(' ').length > 3) return last;
  return title;
}

/** Page header/footer are chrome; an article's own header/footer (title, byline) are kept. */
const chromeUnlessInArticle: FormatCallback = (elem, walk, builder) => {
  for (let p = elem.parent; p; p = p.parent) {
    if (p.name === 'article') {
      builder.openBlock({ leadingLineBreaks: 1 });
      walk(elem.children, builder);
      builder.closeBlock({ trailingLineBreaks: 1 });
      return;
    }
  }
};

const DROPPED = [
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'aside',
  'form',
  'button',
  'iframe',
  'svg',
  'canvas',
  'select',
  'figure',
  'img',
  'video',
  'audio',
  'object',
  'embed',
];

function renderOptions(base: string): HtmlToTextOptions {
  return {
    wordwrap: false,
    baseElements: { selectors: [base], returnDomByDefault: true },
    limits: { maxBaseElements: 1 },
    formatters: { chromeUnlessInArticle },
    selectors: [
      ...DROPPED.map((selector) => ({ selector, format: 'skip' })),
      { selector: 'header', format: 'chromeUnlessInArticle' },
      { selector: 'footer', format: 'chromeUnlessInArticle' },
      { selector: 'a', options: { ignoreHref: true } },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: 'ul', options: { itemPrefix: '• ' } },
    ],
  };
}

/** A page's main text: its first <article> (or <main>) when that holds most of the text, else the <body>. */
export function mainText(html: string): string {
  const body = htmlToText(html, renderOptions('body'));
  for (const [tag, re] of [
    ['article', /<article[\s>]/i],
    ['main', /<main[\s>]/i],
  ] as const) {
    if (!re.test(html)) continue;
    const t = htmlToText(html, renderOptions(tag));
    // A small <article> is a teaser card, not the story.
    if (t.trim().length >= 0.3 * body.trim().length) return t;
  }
  return body;
}
