// Golden SVGs a person can review: one element per line, indented by depth, attributes in name
// order. An element holding only text keeps it on its line, exactly; text beside elements gets a
// line of its own, trimmed. The golden test applies this to the rendered SVG, and checks that each
// stored golden is already in this form, so both sides are normalised the same way: a real change
// reads as a line diff, and the attribute order the DOM happens to serialise does not matter.
// (A review form, not a drawing: indentation adds white space between a <text>'s children.)

// A tag may hold `>` inside a quoted attribute value (a layer named 'a>b').
const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(?:[^>"']|"[^"]*"|'[^']*')+>|[^<]+/g;
const TAG = /^<([^\s/>]+)([\s\S]*?)(\/?)>$/;
const ATTRIBUTE = /\s*([^\s=]+)\s*=\s*("[^"]*"|'[^']*')/gy;

/** `<rect y="0" x="0" />` → `<rect x="0" y="0" />`; anything but name="value" pairs is refused. */
function normalisedTag(tag: string): string {
  const parts = TAG.exec(tag);
  if (!parts) throw new Error(`not a tag: ${tag}`);
  const [, name, rest, selfClosing] = parts;
  const attributes: [string, string][] = [];
  ATTRIBUTE.lastIndex = 0;
  let end = 0;
  for (let m = ATTRIBUTE.exec(rest!); m; m = ATTRIBUTE.exec(rest!)) {
    attributes.push([m[1]!, m[2]!]);
    end = ATTRIBUTE.lastIndex;
  }
  if (rest!.slice(end).trim() !== '') throw new Error(`cannot read the attributes of ${tag}`);
  attributes.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const written = attributes.map(([key, value]) => ` ${key}=${value}`).join('');
  return `<${name}${written}${selfClosing ? ' />' : '>'}`;
}

const isTag = (token: string | undefined): boolean => token !== undefined && token.startsWith('<');
const isClosing = (token: string | undefined): boolean => token !== undefined && token.startsWith('</');

export function prettySvg(svg: string): string {
  const tokens = svg.match(TOKEN) ?? [];
  const lines: string[] = [];
  let depth = 0;
  const put = (line: string) => lines.push(`${'  '.repeat(depth)}${line}`);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!isTag(token)) {
      if (token.trim() !== '') put(token.trim());
    } else if (isClosing(token)) {
      depth--;
      put(token.replace(/\s+/g, ''));
    } else if (token.startsWith('<!') || token.startsWith('<?') || token.endsWith('/>')) {
      put(token.startsWith('<!') || token.startsWith('<?') ? token : normalisedTag(token));
    } else if (isClosing(tokens[i + 1])) {
      put(`${normalisedTag(token)}${tokens[i + 1]!.replace(/\s+/g, '')}`); // an empty element
      i += 1;
    } else if (!isTag(tokens[i + 1]) && isClosing(tokens[i + 2])) {
      put(`${normalisedTag(token)}${tokens[i + 1]}${tokens[i + 2]!.replace(/\s+/g, '')}`); // text only: kept exactly
      i += 2;
    } else {
      put(normalisedTag(token));
      depth++;
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A stored golden as the renderer wrote it, for drawing: the line breaks and indentation between tags removed. */
export function compactSvg(pretty: string): string {
  return pretty.replace(/>\n\s*</g, '><').trimEnd();
}
