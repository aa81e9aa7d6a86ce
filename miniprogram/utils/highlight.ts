/**
 * Turns the API's `highlight.title` (HTML-escaped text with `<em>…</em>` around matches) into text
 * segments to render with `<text>` nodes: only `<em>` becomes emphasis, anything else stays literal text.
 */

export interface Segment {
  text: string;
  em: boolean;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the entities an HTML escaper emits; anything unknown is left as written. */
export function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return entities[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      ? String.fromCodePoint(code)
      : whole;
  });
}

export function parseHighlight(html: string): Segment[] {
  const segments: Segment[] = [];
  let em = false;
  for (const part of html.split(/(<\/?em>)/i)) {
    const tag = part.toLowerCase();
    if (tag === '<em>') em = true;
    else if (tag === '</em>') em = false;
    else if (part) {
      const text = unescapeHtml(part);
      const last = segments[segments.length - 1];
      if (last && last.em === em) last.text += text;
      else segments.push({ text, em });
    }
  }
  return segments;
}
