import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import { DojoError, type Location } from '../errors.js';
import type { ContentIssue } from './types.js';

/** A YAML document that still knows where each value came from, so errors can name file:line:col. */
export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  /** Line offset of the document inside the file (front matter starts after `---`). */
  lineOffset: number;
  lines: LineCounter;
  data: unknown;
}

const YAML_ADVICE = 'Check indentation and quoting around that line; a key needs `key: value`, a list item `- value`.';

/** Parses, reporting every YAML error of the file (not only the first); `src` only when there is none. */
export function parseYamlCollect(file: string, text: string, lineOffset = 0): { src?: YamlSource; issues: ContentIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const issues = doc.errors.map((e): ContentIssue => {
    const pos = lines.linePos(e.pos[0]);
    return {
      code: 'E_YAML',
      location: { file, line: pos.line + lineOffset, column: pos.col },
      message: `invalid YAML: ${e.message.split('\n')[0]}`,
      suggestion: YAML_ADVICE,
    };
  });
  if (issues.length) return { issues };
  return { src: { file, text, doc, lineOffset, lines, data: doc.toJS() }, issues };
}

/** Like parseYamlCollect, but the first YAML error is thrown (for files read outside `dojo validate`). */
export function parseYaml(file: string, text: string, lineOffset = 0): YamlSource {
  const { src, issues } = parseYamlCollect(file, text, lineOffset);
  const first = issues[0];
  if (first || !src) {
    const loc = first!.location;
    throw new DojoError({
      code: 'E_CONTENT_YAML',
      message: `${file}:${loc.line}:${loc.column}: ${first!.message}`,
      suggestion: YAML_ADVICE,
      location: loc,
    });
  }
  return src;
}

/** Where the value at `path` (or its nearest existing parent) starts in the file. */
export function locate(src: YamlSource, path: (string | number)[]): Location {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? src.doc.contents : src.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return at(src, node.range[0]);
  }
  return { file: src.file, line: 1 + src.lineOffset };
}

/** Where the key `key` of the map at `path` is written (for unknown keys), else the map itself. */
export function locateKey(src: YamlSource, path: (string | number)[], key: string): Location {
  const node = path.length ? src.doc.getIn(path, true) : src.doc.contents;
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isNode(pair.key) && pair.key.range) return at(src, pair.key.range[0]);
  }
  return locate(src, path);
}

/** The value at `path` as written in the file (before YAML typed it), e.g. `0123` read as a number. */
export function sourceText(src: YamlSource, path: (string | number)[]): string | undefined {
  const node = src.doc.getIn(path, true);
  return isScalar(node) && node.range ? src.text.slice(node.range[0], node.range[1]).trim() : undefined;
}

function at(src: YamlSource, offset: number): Location {
  const pos = src.lines.linePos(offset);
  return { file: src.file, line: pos.line + src.lineOffset, column: pos.col };
}
