/** XML attribute/text escaping; characters XML 1.0 cannot carry are dropped. */
export const xmlEscape = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

export const seconds = (ms: number): string => (ms / 1000).toFixed(3);
