/** Splits an article into numbered paragraphs and finds its headline and date line. */

/** What a paragraph is for the extractor. */
export type ParagraphKind = 'headline' | 'caption' | 'dateline' | 'body';

/** One paragraph of the article. */
export interface Paragraph {
  /** 1-based number among paragraphs that contain a letter or digit. */
  number: number;
  text: string;
  kind: ParagraphKind;
}

/** The article split for extraction. */
export interface SplitArticle {
  paragraphs: Paragraph[];
  headline: string | null;
  /** A date (YYYY-MM-DD) found on a date line ("date 2024-08-06", "Published: 5 May 2025"). */
  dateLine: string | null;
}

const HAS_WORD = /[\p{L}\p{N}]/u;
// A photo caption or credit: "… | Getty Images", "(Photo by …)", "Photo: …".
const CAPTION =
  /(?:\|\s*[\p{L} .&/-]{0,40}(?:Images|Photo|Photos|Press|Reuters|AFP|AP|Sportsfile|Shutterstock|Alamy|PA)\s*$)|^\(?\s*(?:Photo|Photograph|Picture|Image)s?\s*(?:by|:|credit)/iu;
// A line that starts with a date marker.
const DATE_PREFIX =
  /^\s*(?:date|published|updated|posted|first published)\s*:?\s*(\d{4}-\d{2}-\d{2}|[\p{L}]+,?\s+\d{1,2}\s+[\p{L}]+\s+\d{4}|\d{1,2}\s+[\p{L}]+\s+\d{4}|[\p{L}]+\s+\d{1,2},\s*\d{4})/iu;
// A line that is only a date, maybe with a weekday: "Tuesday 2 September 2025", "2025-09-02".
const DATE_ONLY =
  /^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{4}-\d{2}-\d{2}|\d{1,2}\s+[\p{L}]+\.?\s+\d{4}|[\p{L}]+\.?\s+\d{1,2},?\s+\d{4})\s*$/iu;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Parses "2024-08-06", "6 August 2024" or "August 6, 2024" into YYYY-MM-DD (null when not a date). */
export function parseDateText(text: string): string | null {
  const t = text.trim().replace(/^(?:[\p{L}]+day),?\s+/iu, '');
  const month = (name: string | undefined) => MONTHS.indexOf((name ?? '').slice(0, 3).toLowerCase()) + 1;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = /^(\d{1,2})\s+([\p{L}]+)\.?\s+(\d{4})$/u.exec(t);
  if (dayFirst) return isoDate(Number(dayFirst[3]), month(dayFirst[2]), Number(dayFirst[1]));
  const monthFirst = /^([\p{L}]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/u.exec(t);
  if (monthFirst) return isoDate(Number(monthFirst[3]), month(monthFirst[1]), Number(monthFirst[2]));
  return null;
}

/** YYYY-MM-DD for a real calendar date, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** True for a photo caption or credit line. */
export function isCaption(line: string): boolean {
  return CAPTION.test(line);
}

/** Lines of the article as paragraphs; hard-wrapped blocks (several lines, blank-line separated) are joined. */
function rawParagraphs(text: string): string[] {
  const normalised = text.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n');
  const blocks = normalised.split(/\n[ \t]*\n/);
  const multiLine = blocks.filter((b) => b.trim().includes('\n')).length;
  // Prose wrapped at a fixed width comes as blank-line separated blocks of several lines each;
  // one-paragraph-per-line text has (almost) no multi-line blocks.
  const wrapped = blocks.length > 2 && multiLine >= Math.ceil(blocks.length / 2);
  const out: string[] = [];
  for (const block of blocks) {
    if (wrapped) out.push(block.replace(/\s*\n\s*/g, ' '));
    else out.push(...block.split('\n'));
  }
  return out.map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()).filter((l) => HAS_WORD.test(l));
}

/** Splits the article into numbered paragraphs, classifying the headline, captions and date lines. */
export function splitArticle(text: string): SplitArticle {
  const lines = rawParagraphs(text);
  const paragraphs: Paragraph[] = [];
  let headline: string | null = null;
  let dateLine: string | null = null;
  lines.forEach((raw, i) => {
    let line = raw;
    let kind: ParagraphKind = 'body';
    // Only the top of an article carries its date line.
    if (i < 6) {
      const prefix = DATE_PREFIX.exec(line);
      const only = DATE_ONLY.exec(line);
      if (prefix?.[1] && dateLine === null) {
        dateLine = parseDateText(prefix[1]);
        line = line.slice(prefix[0].length).trim();
        if (!HAS_WORD.test(line)) kind = 'dateline';
      } else if (only?.[1]) {
        if (dateLine === null) dateLine = parseDateText(only[1]);
        kind = 'dateline';
      }
    }
    if (kind === 'body' && isCaption(line)) kind = 'caption';
    if (kind === 'body' && headline === null) {
      headline = line;
      kind = 'headline';
    }
    paragraphs.push({ number: i + 1, text: kind === 'dateline' ? raw : line, kind });
  });
  return { paragraphs, headline, dateLine };
}
