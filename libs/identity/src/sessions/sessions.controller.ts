import { Controller, Delete, ForbiddenException, Get, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { CurrentUser, Roles, SignedIn } from '../access/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { canManageRole } from '@liaison/contracts';
import { UsersService } from '../users/users.service';
import type { Session } from './session.entity';
import { SessionView } from './sessions.dto';
import { SessionsService } from './sessions.service';

function view(session: Session, caller: AuthUser): SessionView {
  const { id, createdAt, lastUsedAt, expiresAt, ip, userAgent } = session;
  return { id, createdAt, lastUsedAt, expiresAt, ip, userAgent, current: id === caller.sessionId };
}

/**
 * Sessions. My own: every device I am signed in on; another user's session does not exist for me (404).
 * Those of an account someone manages: admins any account, the secretariat focal points and coordinators.
 * Ending one signs that device out at once, sockets included, on every node.
 */
@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  @SignedIn()
  @Get('sessions')
  @ApiOkResponse({ type: [SessionView] })
  async list(@CurrentUser() user: AuthUser): Promise<SessionView[]> {
    return (await this.sessions.listFor(user.id)).map((session) => view(session, user));
  }

  @SignedIn()
  @Get('sessions/:id')
  @ApiOkResponse({ type: SessionView })
  async get(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<SessionView> {
    return view(await this.sessions.findOwn(user.id, id), user);
  }

  @SignedIn()
  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked' })
  async revoke(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<void> {
    const session = await this.sessions.findOwn(user.id, id);
    await this.sessions.revoke(session, 'revoked', { ...meta, actorId: user.id });
  }

  @Roles('admin', 'secretariat')
  @Get('users/:userId/sessions')
  @ApiOkResponse({ type: [SessionView] })
  async listOf(
    @CurrentUser() caller: AuthUser,
    @Param('userId', uuid('userId')) userId: string,
  ): Promise<SessionView[]> {
    await this.managed(caller, userId);
    return (await this.sessions.listFor(userId)).map((session) => view(session, caller));
  }

  @Roles('admin', 'secretariat')
  @Delete('users/:userId/sessions/:id')
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

  private async managed(caller: AuthUser, userId: string): Promise<void> {
    const user = await this.users.get(userId);
    if (!canManageRole(caller.role, user.role)) throw new ForbiddenException('You do not manage this account');
  }
}
