import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { uuid } from '@liaison/platform';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import { RealtimeEmitter } from '@liaison/realtime';
import { NotificationsService } from './notifications.service';
import {
  NotificationDto,
  NotificationPageDto,
  NotificationQueryDto,
  PreferenceDto,
  PreferencesDto,
  UnreadCountDto,
} from './notifications.dto';

/** My notifications (the bell) and which kinds I also get by e-mail. Nobody else's exist for me (404). */
@ApiTags('notifications')
@SignedIn()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly emitter: RealtimeEmitter,
  ) {}

  @Get('notifications')
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(user.id, { cursor: query.cursor, limit: query.limit ?? 20, unread: query.unread });
  }

  @Get('notifications/unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  async unread(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(user.id) };
  }

  @Get('notifications/:id')
  @ApiOkResponse({ type: NotificationDto })
  one(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<NotificationDto> {
    return this.notifications.one(user.id, id);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadCountDto })
  async read(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<UnreadCountDto> {
    return this.tellTabs(user.id, await this.notifications.markRead(user.id, id));
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadCountDto })
  async readAll(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return this.tellTabs(user.id, await this.notifications.markAllRead(user.id));
  }

  @Get('me/notification-preferences')
  @ApiOkResponse({ type: [PreferenceDto] })
  preferences(@CurrentUser() user: AuthUser): Promise<PreferenceDto[]> {
    return this.notifications.preferences(user.id);
  }

  @Put('me/notification-preferences')
  @ApiOkResponse({ type: [PreferenceDto] })
  setPreferences(@CurrentUser() user: AuthUser, @Body() body: PreferencesDto): Promise<PreferenceDto[]> {
    return this.notifications.setPreferences(user.id, body.preferences);
  }

  /** Every open tab of this user updates its badge. */
  private tellTabs(userId: string, unread: number): UnreadCountDto {
    this.emitter.toUser(userId, 'notification.read', { unread });
    return { unread };
  }
}
