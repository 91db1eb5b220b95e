import { Module } from '@nestjs/common';
import { PublicCache } from '../../common/http/public-cache';
import { DisclosureController } from './disclosure.controller';
import { DisclosureService } from './disclosure.service';
import { DisclosureRepository } from './disclosure.repository';

@Module({
  controllers: [DisclosureController],
  providers: [DisclosureService, DisclosureRepository, { provide: PublicCache, useFactory: () => new PublicCache(2000) }],
})
export class DisclosureModule {}
