import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class VillagerSessionBody {
  @ApiProperty({ description: 'The code from wx.login (valid five minutes, usable once)' })
  @Matches(/^[A-Za-z0-9_-]{8,128}$/, { message: 'code must be the code from wx.login' })
  code: string;
}
