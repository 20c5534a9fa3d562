import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditContext, RequestMeta, uuid } from '@liaison/platform';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import { MessagesService } from './messages/messages.service';
import { SendLimiter } from './messages/send-limiter';
import {
  CreateForumThreadDto,
  CreatePrivateThreadDto,
  MessageBodyDto,
  MessageDto,
  MessagePageDto,
  MessageQueryDto,
  MessageVersionDto,
  ModerateThreadDto,
  ParticipantDto,
  ReadDto,
  ReadPositionDto,
  SearchPageDto,
  SearchQueryDto,
  SendMessageDto,
  ThreadDto,
  ThreadPageDto,
  ThreadQueryDto,
} from './messaging.dto';
import { ThreadsService } from './threads/threads.service';

/**
 * Threads and their messages. A thread the caller may not read answers 404 on every route; an action they
 * may not take on one they read answers 403.
 */
@ApiTags('messaging')
@SignedIn()
@Controller()
export class MessagingController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly messages: MessagesService,
    private readonly limiter: SendLimiter,
  ) {}

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
    @RequestMeta() meta: AuditContext,
  ): Promise<ThreadDto> {
    return this.threads.createPrivate(user, body.subject.trim(), body.participantIds, meta, body.kind);
  }

  @Post('networks/:networkId/threads')
  @ApiCreatedResponse({ type: ThreadDto })
  createForum(
    @CurrentUser() user: AuthUser,
    @Param('networkId', uuid('networkId')) networkId: string,
    @Body() body: CreateForumThreadDto,
    @RequestMeta() meta: AuditContext,
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
    @RequestMeta() meta: AuditContext,
  ): Promise<ThreadDto> {
    return this.threads.moderate(user, id, body, meta);
  }

  @Post('threads/:id/participants')
  @ApiCreatedResponse({ type: ThreadDto })
  addParticipant(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: ParticipantDto,
    @RequestMeta() meta: AuditContext,
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
    @RequestMeta() meta: AuditContext,
  ): Promise<void> {
    return this.threads.removeParticipant(user, id, userId, meta);
  }

  @Get('threads/:id/messages')
  @ApiOkResponse({ type: MessagePageDto })
  messagesOf(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Query() query: MessageQueryDto,
  ): Promise<MessagePageDto> {
    return this.messages.list(user.id, id, query);
  }

  /** 201 with the stored message; 200 with the same message when this client id was sent before. */
  @Post('threads/:id/messages')
  @ApiCreatedResponse({ type: MessageDto })
  @ApiOkResponse({ type: MessageDto, description: 'A retry: the message stored the first time' })
  async send(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: SendMessageDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MessageDto> {
    await this.limiter.consume(user.id);
    const sent = await this.messages.send(user, id, body);
    response.status(sent.created ? 201 : 200);
    return sent.message;
  }

  @Get('threads/:id/messages/:messageId')
  @ApiOkResponse({ type: MessageDto })
  message(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Param('messageId', uuid('messageId')) messageId: string,
  ): Promise<MessageDto> {
    return this.messages.get(user.id, id, messageId);
  }

  @Patch('threads/:id/messages/:messageId')
  @ApiOkResponse({ type: MessageDto })
  edit(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Param('messageId', uuid('messageId')) messageId: string,
    @Body() body: MessageBodyDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<MessageDto> {
    return this.messages.edit(user, id, messageId, body.body, meta);
  }

  @Get('threads/:id/messages/:messageId/versions')
  @ApiOkResponse({ type: [MessageVersionDto] })
  versions(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Param('messageId', uuid('messageId')) messageId: string,
  ): Promise<MessageVersionDto[]> {
    return this.messages.history(user.id, id, messageId);
  }

  @Delete('threads/:id/messages/:messageId')
  @ApiOkResponse({ type: MessageDto, description: 'The tombstone' })
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Param('messageId', uuid('messageId')) messageId: string,
    @RequestMeta() meta: AuditContext,
  ): Promise<MessageDto> {
    return this.messages.delete(user, id, messageId, meta);
  }

  @Get('search/messages')
  @ApiOkResponse({ type: SearchPageDto })
  search(@CurrentUser() user: AuthUser, @Query() query: SearchQueryDto): Promise<SearchPageDto> {
    return this.messages.search(user.id, { ...query, limit: query.limit ?? 20 });
  }

  @Post('threads/:id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadPositionDto })
  read(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: ReadDto,
  ): Promise<ReadPositionDto> {
    return this.messages.markRead(user.id, id, body.seq);
  }
}
