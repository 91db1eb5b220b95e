import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';
import { Villager } from './villager.entity';

@Injectable()
export class VillagersRepository {
  constructor(private readonly db: Db) {}

  findByRef(ref: string, em: EntityManager = this.db.manager): Promise<Villager | null> {
    return em.findOne(Villager, { where: { openidRef: ref } });
  }

  findById(id: number, em: EntityManager = this.db.manager): Promise<Villager | null> {
    return em.findOne(Villager, { where: { id } });
  }

  insert(em: EntityManager, row: Omit<Villager, 'id'>): Promise<Villager> {
    return em.save(em.create(Villager, row));
  }

  async touch(em: EntityManager, id: number, lastSeenAt: Date, openidSealed?: string): Promise<void> {
    await em.update(Villager, { id }, openidSealed ? { lastSeenAt, openidSealed } : { lastSeenAt });
  }
}
