import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { CurrentUser, SignedIn } from '../access/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import type { Session } from './session.entity';
import { SessionsService } from './sessions.service';
import { SessionView } from './sessions.dto';

function view(session: Session, caller: AuthUser): SessionView {
  const { id, createdAt, lastUsedAt, expiresAt, ip, userAgent } = session;
  return { id, createdAt, lastUsedAt, expiresAt, ip, userAgent, current: id === caller.sessionId };
}

/** My sessions: every device I am signed in on. Another user's session does not exist for me (404). */
@ApiTags('sessions')
@SignedIn()
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOkResponse({ type: [SessionView] })
  async list(@CurrentUser() user: AuthUser): Promise<SessionView[]> {
    return (await this.sessions.listFor(user.id)).map((session) => view(session, user));
  }

  @Get(':id')
  @ApiOkResponse({ type: SessionView })
  async get(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<SessionView> {
    return view(await this.sessions.findOwn(user.id, id), user);
  }

  @Delete(':id')
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
}
