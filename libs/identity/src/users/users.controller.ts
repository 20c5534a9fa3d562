import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { CurrentUser, Roles } from '../access/access.decorators';
import { UserView } from '../auth/auth.dto';
import type { AuthUser } from '../auth/auth-user';
import { UsersService } from './users.service';
import { UserQueryDto, ChangeRoleDto } from './users.dto';

/** Accounts, for the secretariat and admins. Each action is limited to the roles the caller manages (403). */
@ApiTags('users')
@Roles('admin', 'secretariat')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserView] })
  async list(@Query() query: UserQueryDto): Promise<UserView[]> {
    return (await this.users.list(query)).map(UserView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  async get(@Param('id', uuid('id')) id: string): Promise<UserView> {
    return UserView.of(await this.users.get(id));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  async suspend(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<UserView> {
    return UserView.of(await this.users.suspend(user, id, meta));
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  async reinstate(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<UserView> {
    return UserView.of(await this.users.reinstate(user, id, meta));
  }

  @Patch(':id/role')
  @ApiOkResponse({ type: UserView })
  async changeRole(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: ChangeRoleDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<UserView> {
    return UserView.of(await this.users.changeRole(user, id, body.role, meta));
  }
}
