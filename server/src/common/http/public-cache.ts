import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A public response, serialised once, and the version of the data it was made from. */
export interface Versioned<T> {
  etag: string;
  json: string;
  /** Only for the type of what `json` holds. */
  readonly __type?: T;
}

/**
 * Published data never changes; what changes is which entries exist. Every public response is
 * keyed by its village's chain head serial, so an entry published a moment ago makes a new key
 * and shows on the very next request, on any API instance. Serialised bodies are kept in a bounded
 * LRU; responses that are rarely asked for twice (deep cursor pages) are made but not kept.
 */
@Injectable()
export class PublicCache {
  private readonly store = new Map<string, Versioned<unknown>>();
  constructor(private readonly maxItems = 5000) {}

  async get<T>(parts: (string | number | undefined)[], make: () => Promise<T>, keep = true): Promise<Versioned<T>> {
    const key = parts.map((p) => p ?? '').join('|');
    const hit = this.store.get(key) as Versioned<T> | undefined;
    if (hit) {
      this.store.delete(key);
      this.store.set(key, hit);
      return hit;
    }
    const json = JSON.stringify(await make());
    const etag = `W/"${createHash('sha1').update(key).digest('base64url').slice(0, 20)}"`;
    const value: Versioned<T> = { etag, json };
    if (!keep) return value;
    this.store.set(key, value);
    if (this.store.size > this.maxItems) this.store.delete(this.store.keys().next().value as string);
    return value;
  }
}

/** Sends a versioned public body with its ETag, or 304 when the client already has it. */
export function sendVersioned<T>(req: FastifyRequest, reply: FastifyReply, v: Versioned<T>): string | undefined {
  void reply.header('etag', v.etag).header('cache-control', 'public, max-age=0, must-revalidate');
  if (req.headers['if-none-match'] === v.etag) {
    void reply.status(304);
    return undefined;
  }
  void reply.header('content-type', 'application/json; charset=utf-8');
  return v.json;
}
