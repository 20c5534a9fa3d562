import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import {
  MessageBodyDto,
  MessageDto,
  MessagePageDto,
  MessageQueryDto,
  MessageVersionDto,
  ReadDto,
  ReadPositionDto,
  SendMessageDto,
} from './messages.dto';
import { MessagesService } from './messages.service';
import { SendLimiter } from './send-limiter.service';

/**
 * A thread's messages and the reader's position in it. A thread the caller may not read answers 404 on every
 * route; an action they may not take on one they read answers 403.
 */
@ApiTags('messaging')
@SignedIn()
@Controller()
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly limiter: SendLimiter,
  ) {}

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
    @RequestMeta() meta: RequestMetadata,
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
    @RequestMeta() meta: RequestMetadata,
  ): Promise<MessageDto> {
    return this.messages.delete(user, id, messageId, meta);
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
