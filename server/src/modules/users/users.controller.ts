import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { UsersService, UserView } from './users.service';
import { CreateUserDto } from './dto/create-user.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(user, dto);
  }

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<UserView[]> {
    return this.users.list(user);
  }
}
