import { connectEngine } from '../engine/client.js';
import type { EngineEvent } from './engine-events.js';
import type { EngineLink } from './view.js';

const TYPES = ['container', 'image', 'network', 'volume'];

/**
 * Follows the engine's /events stream (types filtered by the engine, targets by relevantEvent: the
 * engine ANDs name filters of different types, so one stream cannot ask for "this container or that
 * network"). Reconnects from the last event's time when the stream ends.
 */
export function streamEngineEvents(onEvent: (e: EngineEvent) => void, onLink: (link: EngineLink, detail?: string) => void, signal: AbortSignal): void {
  let since: number | undefined;
  const open = async () => {
    if (signal.aborted) return;
    let engine;
    try {
      engine = await connectEngine();
    } catch (err) {
      // connectEngine keeps its first answer for the process: an engine started later needs a new session.
      onLink('unreachable', `${(err as Error).message.replace(/\s*\(.*$/, '')}; restart dojo watch once it runs`);
      return;
    }
    let stream: NodeJS.ReadableStream & { destroy?: () => void };
    try {
      stream = (await engine.docker.getEvents({ ...(since ? { since } : {}), filters: { type: TYPES } } as never)) as never;
    } catch (err) {
      return retry((err as Error).message);
    }
    onLink('connected');
    const stop = () => stream.destroy?.();
    signal.addEventListener('abort', stop, { once: true });
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.trim())) {
        try {
          const e = JSON.parse(line) as EngineEvent;
          if (e.time) since = e.time;
          onEvent(e);
        } catch {
          // A line that is not JSON is not an event.
        }
      }
    });
    const ended = (why: string) => {
      signal.removeEventListener('abort', stop);
      retry(why);
    };
    stream.on('end', () => ended('the event stream ended'));
    stream.on('error', (err: Error) => ended(err.message));
  };
  let retrying = false;
  const retry = (why: string) => {
    if (signal.aborted || retrying) return;
    retrying = true;
    onLink('reconnecting', why);
    const t = setTimeout(() => {
      retrying = false;
      void open();
    }, 1_000);
    signal.addEventListener('abort', () => clearTimeout(t), { once: true });
  };
  void open();
}
