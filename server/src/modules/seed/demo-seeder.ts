import { Injectable } from '@nestjs/common';

export interface SeedResult {
  accounts: { role: string; username: string; password: string; scope: string }[];
}

@Injectable()
export class DemoSeeder {
  async seedIfEmpty(_seed: number): Promise<SeedResult | null> {
    return null;
  }
}
