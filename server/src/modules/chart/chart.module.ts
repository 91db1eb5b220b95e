import { Global, Module } from '@nestjs/common';
import { ChartController } from './chart.controller';
import { ChartService } from './chart.service';

@Global()
@Module({ controllers: [ChartController], providers: [ChartService], exports: [ChartService] })
export class ChartModule {}
