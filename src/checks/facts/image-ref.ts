/** An image reference as the engine reads it: [registry[:port]/]path[:tag][@digest]. */
export interface ImageRef {
  name: string;
  tag: string | null;
  digest: string | null;
}

export function parseImageRef(ref: string): ImageRef {
  const [rest, digest = null] = ref.split('@') as [string, string?];
  const slash = rest.lastIndexOf('/');
  // A colon before the last slash belongs to a registry port (localhost:5000/app), not a tag.
  const colon = rest.indexOf(':', slash + 1);
  return colon < 0 ? { name: rest, tag: null, digest } : { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
}
