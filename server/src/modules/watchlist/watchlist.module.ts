import { Module } from '@nestjs/common';
import { WatchlistController } from './watchlist.controller';
import { WatchlistRepository } from './watchlist.repository';
import { WatchlistService } from './watchlist.service';

/** The discipline office's watch lists (cadres' relatives, public servants, deceased and moved-away people). */
@Module({
  controllers: [WatchlistController],
  providers: [WatchlistRepository, WatchlistService],
})
export class WatchlistModule {}
