import { Injectable } from '@nestjs/common';
import { normalizePersonName, type Page, type WatchPersonDto } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdNumberHasher } from '../../common/crypto/id-number-hasher';
import { AppException, NotFound, ValidationFailed } from '../../common/errors/app-exception';
import type { Region } from '../regions/region.entity';
import { readSheet } from '../imports/sheet/read-sheet';
import { WatchPerson } from './watch-person.entity';
import { WatchlistRepository, watchKey } from './watchlist.repository';
import { readWatchSheet } from './watchlist-sheet';
import type { WatchImportQueryDto, WatchListQueryDto, WatchPersonBodyDto, WatchPersonPatchDto } from './dto/watch-person.dto';

/** The answer to an import: every row was taken, or none (400 with the rows' problems). */
export interface WatchImportResult {
  regionId: number;
  /** Data rows read. */
  rows: number;
  imported: number;
  /** Rows already active on the region's list (same kind, name and ID hash): left as they are. */
  skipped: number;
}

/** How many row problems one 400 lists at most. */
const MAX_PROBLEMS = 100;

/**
 * The watch lists inspectors keep for regions within their own (village cadres and close relatives,
 * public servants, deceased and moved-away people), matched by the rules against payees. ID numbers
 * are hashed on the way in (IdNumberHasher) and never stored, logged or returned: answers say only
 * whether a hash is held. Removing a person deactivates the row, so findings made with it stay
 * explainable.
 */
@Injectable()
export class WatchlistService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly hasher: IdNumberHasher,
    private readonly people: WatchlistRepository,
  ) {}

  async list(user: AuthUser, q: WatchListQueryDto): Promise<Page<WatchPersonDto>> {
    if (q.regionId !== undefined) await this.requireRegion(user, q.regionId);
    const limit = q.limit ?? 50;
    const words = q.q?.trim();
    const rows = await this.people.list(
      {
        scope: this.scope(user),
        regionId: q.regionId,
        listKind: q.listKind,
        q: words ? { nameNorm: normalizePersonName(words), text: words } : undefined,
        active: q.active === 'all' ? null : q.active !== 'false',
        beforeId: q.cursor !== undefined ? decodeCursor(q.cursor) : undefined,
      },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return { items: await this.views(page), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null };
  }

  async create(user: AuthUser, dto: WatchPersonBodyDto): Promise<WatchPersonDto> {
    await this.requireRegion(user, dto.regionId);
    const now = this.clock.now();
    const person: Omit<WatchPerson, 'id'> = {
      regionId: dto.regionId,
      listKind: dto.listKind,
      name: dto.name.trim(),
      nameNorm: normalizePersonName(dto.name),
      idHash: this.hasher.hash(dto.idNumber, 'idNumber'),
      relation: blankToNull(dto.relation),
      sinceOn: dto.sinceOn || null,
      source: blankToNull(dto.source),
      active: true,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    };
    const id = await this.db.transaction(async (em) => {
      if (await this.people.activeDuplicate(person, null, em)) throw alreadyListed();
      return Number((await em.insert(WatchPerson, person)).identifiers[0].id);
    });
    return this.view(id);
  }

  async update(user: AuthUser, id: number, dto: WatchPersonPatchDto): Promise<WatchPersonDto> {
    const current = await this.requirePerson(user, id);
    for (const field of ['regionId', 'listKind', 'name'] as const)
      if (dto[field] === null) throw new ValidationFailed([{ field, reason: 'cannot be emptied' }]);
    if (dto.regionId !== undefined) await this.requireRegion(user, dto.regionId);
    const patch: Partial<WatchPerson> = { updatedAt: this.clock.now() };
    if (dto.regionId !== undefined) patch.regionId = dto.regionId;
    if (dto.listKind !== undefined) patch.listKind = dto.listKind;
    if (dto.name !== undefined) Object.assign(patch, { name: dto.name.trim(), nameNorm: normalizePersonName(dto.name) });
    // idNumber: absent or blank keeps the hash (the number is never shown, so a form sends it empty),
    // null removes it, a number replaces it.
    if (dto.idNumber === null) patch.idHash = null;
    else if (dto.idNumber !== undefined && dto.idNumber.trim() !== '') patch.idHash = this.hasher.hash(dto.idNumber, 'idNumber');
    if (dto.relation !== undefined) patch.relation = blankToNull(dto.relation);
    if (dto.sinceOn !== undefined) patch.sinceOn = dto.sinceOn || null;
    if (dto.source !== undefined) patch.source = blankToNull(dto.source);
    if (dto.active !== undefined) patch.active = dto.active;
    const after = { ...current, ...patch };
    await this.db.transaction(async (em) => {
      if (after.active && (await this.people.activeDuplicate(after, id, em))) throw alreadyListed();
      await em.update(WatchPerson, { id }, patch);
    });
    return this.view(id);
  }

  /** Takes the person off the list; the row stays (deactivated) for the findings made with it. */
  async deactivate(user: AuthUser, id: number): Promise<WatchPersonDto> {
    const current = await this.requirePerson(user, id);
    if (current.active) await this.db.transaction((em) => em.update(WatchPerson, { id }, { active: false, updatedAt: this.clock.now() }));
    return this.view(id);
  }

  /**
   * A CSV or XLSX file of people for one region's lists (姓名, 身份证号, 名单类别, 关系/说明, 起始日期,
   * 来源): every row is checked first; any problem refuses the whole file (400, problems per row);
   * otherwise all rows are written in one transaction. People already active on the list are skipped.
   */
  async import(user: AuthUser, q: WatchImportQueryDto, bytes: Buffer): Promise<WatchImportResult> {
    const region = await this.requireRegion(user, q.regionId ?? user.regionId ?? 0);
    const { people, problems } = readWatchSheet(await readSheet(bytes));
    const now = this.clock.now();
    const rows: Omit<WatchPerson, 'id'>[] = [];
    const firstRow = new Map<string, number>();
    for (const p of people) {
      const person: Omit<WatchPerson, 'id'> = {
        regionId: region.id,
        listKind: p.listKind,
        name: p.name,
        nameNorm: normalizePersonName(p.name),
        idHash: this.hasher.hash(p.idNumber, `rows[${p.row}].idNumber`),
        relation: p.relation,
        sinceOn: p.sinceOn,
        source: p.source,
        active: true,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      };
      const key = watchKey(person);
      const earlier = firstRow.get(key);
      if (earlier !== undefined) problems.push({ field: `rows[${p.row}].name`, reason: `repeats row ${earlier}` });
      else firstRow.set(key, p.row);
      rows.push(person);
    }
    if (problems.length)
      throw new ValidationFailed(
        [
          ...problems.slice(0, MAX_PROBLEMS),
          ...(problems.length > MAX_PROBLEMS
            ? [{ field: 'file', reason: `${problems.length - MAX_PROBLEMS} more problems not listed` }]
            : []),
        ],
        `文件有 ${problems.length} 处错误，未导入任何记录`,
      );
    const imported = await this.db.transaction(async (em) => {
      const existing = await this.people.activeKeys(
        region.id,
        rows.map((r) => r.nameNorm),
        em,
      );
      const fresh = rows.filter((r) => !existing.has(watchKey(r)));
      await this.people.insertMany(em, fresh);
      return fresh.length;
    });
    return { regionId: region.id, rows: rows.length, imported, skipped: rows.length - imported };
  }

  private async requireRegion(user: AuthUser, regionId: number): Promise<Region> {
    const region = regionId > 0 ? await this.people.findRegion(regionId) : null;
    if (!region || !user.regionPath || !region.path.startsWith(user.regionPath)) throw new NotFound('region');
    return region;
  }

  /** The person, when their list's region is within the inspector's; otherwise 404. */
  private async requirePerson(user: AuthUser, id: number): Promise<WatchPerson> {
    const person = await this.people.find(id);
    const region = person ? await this.people.findRegion(person.regionId) : null;
    if (!person || !region || !user.regionPath || !region.path.startsWith(user.regionPath)) throw new NotFound('watch person');
    return person;
  }

  private scope(user: AuthUser): string {
    return `${user.regionPath ?? '/nothing/'}%`;
  }

  private async view(id: number): Promise<WatchPersonDto> {
    const person = await this.people.find(id);
    if (!person) throw new NotFound('watch person');
    return (await this.views([person]))[0];
  }

  private async views(people: WatchPerson[]): Promise<WatchPersonDto[]> {
    const names = await this.people.regionNames(people.map((p) => p.regionId));
    return people.map((p) => ({
      id: p.id,
      regionId: p.regionId,
      regionName: names.get(p.regionId) ?? '',
      listKind: p.listKind,
      name: p.name,
      hasIdHash: p.idHash !== null,
      relation: p.relation,
      sinceOn: p.sinceOn,
      source: p.source,
      active: p.active,
      createdAt: p.createdAt.toISOString(),
    }));
  }
}

function blankToNull(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

function alreadyListed(): AppException {
  return new AppException(409, 'ALREADY_LISTED', '此人已在该名单中', [
    { field: 'name', reason: 'is already active on this list (same kind, name and ID number)' },
  ]);
}

function encodeCursor(id: number): string {
  return Buffer.from(String(id)).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const id = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new ValidationFailed([{ field: 'cursor', reason: 'cursor is not one this API gave out' }]);
  return id;
}
