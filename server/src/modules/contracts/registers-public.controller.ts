import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/decorators';
import { IdPipe } from '../../common/validation/id.pipe';
import { RegistersPublicService } from './registers-public.service';
import { PublicAssetsQuery, PublicContractsQuery } from './dto/public-register.dto';
import { sendPublic } from './public-body';

/** The public registers of a village: approved assets and contracts, personal counterparties masked. */
@ApiTags('public')
@Public()
@Controller()
export class RegistersPublicController {
  constructor(private readonly registers: RegistersPublicService) {}

  @Get('villages/:id/registers')
  async summary(@Param('id', new IdPipe()) id: number, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPublic(req, reply, await this.registers.summary(id));
  }

  @Get('villages/:id/assets')
  async assets(
    @Param('id', new IdPipe()) id: number,
    @Query() q: PublicAssetsQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendPublic(req, reply, await this.registers.assetList(id, q));
  }

  @Get('assets/:id')
  async asset(@Param('id', new IdPipe()) id: number, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPublic(req, reply, await this.registers.asset(id));
  }

  @Get('villages/:id/contracts')
  async contracts(
    @Param('id', new IdPipe()) id: number,
    @Query() q: PublicContractsQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendPublic(req, reply, await this.registers.contractList(id, q));
  }

  @Get('contracts/:id')
  async contract(@Param('id', new IdPipe()) id: number, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPublic(req, reply, await this.registers.contract(id));
  }
}
