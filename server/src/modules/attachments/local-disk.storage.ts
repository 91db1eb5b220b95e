import { Inject, Injectable } from '@nestjs/common';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AttachmentStorage, StoredObjectMissing } from './attachment-storage';

/** Keys the service generates: hex, an optional extension, nothing that could name another folder. */
const KEY = /^[a-f0-9]{16,64}(\.[a-z0-9]{1,5})?$/;

/** Files under config.uploadDir, spread over 256 sub-folders by the key's first two characters. */
@Injectable()
export class LocalDiskStorage extends AttachmentStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.root = resolve(config.uploadDir);
  }

  /** The type is not kept on disk: the database row holds it. */
  async put(key: string, body: Buffer, _mime: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Write aside and rename, so a reader never sees half a file.
    const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, body, { flag: 'wx' });
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredObjectMissing(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    const path = resolve(this.root, key.slice(0, 2), key);
    // Belt and braces: the pattern already rules out separators and "..".
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key escapes the upload folder: ${key}`);
    return path;
  }
}
