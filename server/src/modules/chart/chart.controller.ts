import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators';
import { ChartService } from './chart.service';
import { ChartQuery } from './dto/chart-query.dto';

@ApiTags('public')
@Controller('chart')
export class ChartController {
  constructor(private readonly chart: ChartService) {}

  /** The chart of accounts of one version; entries use the accounts that have a direction. */
  @Public()
  @Get()
  get(@Query() query: ChartQuery) {
    const version = query.version ?? '2023';
    return { ...this.chart.describe(version), accounts: this.chart.accounts(version) };
  }
}
