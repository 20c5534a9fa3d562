import { Controller, Delete, Get, HttpCode, Param, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { uuid } from '@liaison/platform';
import { CurrentUser, SignedIn } from '../access/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { clientOf } from '../auth/refresh-cookie';
import type { Session } from './session.entity';
import { SessionsService } from './sessions.service';

export class SessionView {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

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
  async list(@CurrentUser() user: AuthUser): Promise<SessionView[]> {
    return (await this.sessions.listFor(user.id)).map((session) => view(session, user));
  }

  @Get(':id')
  async get(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<SessionView> {
    return view(await this.sessions.findOwn(user.id, id), user);
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string, @Req() request: Request): Promise<void> {
    const session = await this.sessions.findOwn(user.id, id);
    await this.sessions.revoke(session, 'revoked', { ...clientOf(request), actorId: user.id });
  }
}
