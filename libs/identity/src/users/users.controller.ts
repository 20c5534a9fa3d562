import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { CurrentUser, Roles } from '../access/access.decorators';
import { UserView } from '../auth/auth.dto';
import type { AuthUser } from '../auth/auth-user';
import { ROLES, Role } from './role';
import { UsersService } from './users.service';

export class UserQueryDto {
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: ['active', 'suspended'], enumName: 'UserStatus' })
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';

  @ApiPropertyOptional({ type: String, maxLength: 100, description: 'Part of the name or e-mail address' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES)
  role: Role;
}

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
