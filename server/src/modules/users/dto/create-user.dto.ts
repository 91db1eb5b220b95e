import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ROLES, type Role } from '@mingbai/shared';

export class CreateUserDto {
  @ApiProperty({ example: 'bk_xiaxi' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'username must be 3-64 letters, digits, _ . or -' })
  username: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: '王会计' })
  @IsString()
  @Matches(/\S/, { message: 'displayName must not be empty' })
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ required: false, description: 'Scope region; required for every role but admin' })
  @IsOptional()
  @IsInt()
  @Min(1)
  regionId?: number;
}
