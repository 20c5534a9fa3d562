import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import {
  CreateForumThreadDto,
  CreatePrivateThreadDto,
  ModerateThreadDto,
  ParticipantDto,
  ThreadDto,
  ThreadPageDto,
  ThreadQueryDto,
} from './threads.dto';
import { ThreadsService } from './threads.service';

/**
 * Threads: the inbox, new forum and private threads, moderation and participants. A thread the caller may
 * not read answers 404 on every route; an action they may not take on one they read answers 403.
 */
@ApiTags('messaging')
@SignedIn()
@Controller()
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get('threads')
  @ApiOkResponse({ type: ThreadPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ThreadQueryDto): Promise<ThreadPageDto> {
    return this.threads.list(user.id, { ...query, limit: query.limit ?? 30 });
  }

  @Post('threads')
  @ApiCreatedResponse({ type: ThreadDto })
  createPrivate(
    @CurrentUser() user: AuthUser,
    @Body() body: CreatePrivateThreadDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<ThreadDto> {
    return this.threads.createPrivate(user, body.subject.trim(), body.participantIds, meta, body.kind);
  }

  @Post('networks/:networkId/threads')
  @ApiCreatedResponse({ type: ThreadDto })
  createForum(
    @CurrentUser() user: AuthUser,
    @Param('networkId', uuid('networkId')) networkId: string,
    @Body() body: CreateForumThreadDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<ThreadDto> {
    return this.threads.createForum(user, networkId, body.subject.trim(), meta);
  }

  @Get('threads/:id')
  @ApiOkResponse({ type: ThreadDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<ThreadDto> {
    return this.threads.get(user.id, id);
  }

  @Patch('threads/:id')
  @ApiOkResponse({ type: ThreadDto })
  moderate(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: ModerateThreadDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<ThreadDto> {
    return this.threads.moderate(user, id, body, meta);
  }

  @Post('threads/:id/participants')
  @ApiCreatedResponse({ type: ThreadDto })
  addParticipant(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: ParticipantDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<ThreadDto> {
    return this.threads.addParticipant(user, id, body.userId, meta);
  }

  @Delete('threads/:id/participants/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  removeParticipant(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Param('userId', uuid('userId')) userId: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<void> {
    return this.threads.removeParticipant(user, id, userId, meta);
  }
}
