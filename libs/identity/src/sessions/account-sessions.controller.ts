import { Controller, Delete, ForbiddenException, Get, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { CurrentUser, Roles } from '../access/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { canManageRole } from '../users/role';
import { UsersService } from '../users/users.service';
import { SessionView } from './sessions.dto';
import { SessionsService } from './sessions.service';

/**
 * The sessions of an account someone manages: admins any account, the secretariat focal points and
 * coordinators. Ending one signs that device out at once, sockets included, on every node.
 */
@ApiTags('sessions')
@Roles('admin', 'secretariat')
@Controller('users/:userId/sessions')
export class AccountSessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  private async managed(caller: AuthUser, userId: string): Promise<void> {
    const user = await this.users.get(userId);
    if (!canManageRole(caller.role, user.role)) throw new ForbiddenException('You do not manage this account');
  }

  @Get()
  @ApiOkResponse({ type: [SessionView] })
  async list(@CurrentUser() caller: AuthUser, @Param('userId', uuid('userId')) userId: string): Promise<SessionView[]> {
    await this.managed(caller, userId);
    return (await this.sessions.listFor(userId)).map(({ id, createdAt, lastUsedAt, expiresAt, ip, userAgent }) => ({
      id,
      createdAt,
      lastUsedAt,
      expiresAt,
      ip,
      userAgent,
      current: id === caller.sessionId,
    }));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Ended' })
  async end(
    @CurrentUser() caller: AuthUser,
    @Param('userId', uuid('userId')) userId: string,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<void> {
    await this.managed(caller, userId);
    const session = await this.sessions.findOf(userId, id);
    await this.sessions.revoke(session, 'ended-by-manager', { ...meta, actorId: caller.id });
  }
}
