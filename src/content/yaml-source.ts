import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { DojoError, type Location } from '../errors.js';

/** A YAML document that still knows where each value came from, so errors can name file:line:col. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  /** Line offset of the document inside the file (front matter starts after `---`). */
  lineOffset: number;
  lines: LineCounter;
  data: unknown;
}

export function parseYaml(file: string, text: string, lineOffset = 0): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    throw new DojoError({
      code: 'E_CONTENT_YAML',
      message: `${file}:${pos.line + lineOffset}:${pos.col}: invalid YAML: ${first.message.split('\n')[0]}`,
      suggestion: 'Check indentation and quoting around that line; a key needs `key: value`, a list item `- value`.',
      location: { file, line: pos.line + lineOffset, column: pos.col },
    });
  }
  return { file, doc, lineOffset, lines, data: doc.toJS() };
}

/** Where the value at `path` (or its nearest existing parent) starts in the file. */
export function locate(src: YamlSource, path: (string | number)[]): Location {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? src.doc.contents : src.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = src.lines.linePos(node.range[0]);
      return { file: src.file, line: pos.line + src.lineOffset, column: pos.col };
    }
  }
  return { file: src.file, line: 1 + src.lineOffset };
}
