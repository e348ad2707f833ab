/**
 * English month names as written in news text, full and abbreviated, as a regular-expression
 * alternation without a group (match case-insensitively): one list for every reader of dates.
 */
export const MONTH_NAMES =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
