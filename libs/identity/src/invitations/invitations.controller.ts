import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { CurrentUser, Public, Roles } from '../access/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { signedIn } from '../auth/refresh-cookie';
import { InvitationsService } from './invitations.service';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  EnrolledDto,
  LinkPreviewDto,
  LinkStateDto,
  LinkTokenDto,
} from '../links/account-links.dto';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** Sends the invitation to the address; the answer is its state, never the link. */
  @Roles('admin', 'secretariat')
  @Post()
  @ApiCreatedResponse({ type: LinkStateDto })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateInvitationDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<LinkStateDto> {
    return this.invitations.invite(user, body, meta);
  }

  /** Every invitation for admins and the secretariat; a coordinator's own for a coordinator. */
  @Roles('admin', 'secretariat', 'coordinator')
  @Get()
  @ApiOkResponse({ type: [LinkStateDto] })
  list(@CurrentUser() user: AuthUser): Promise<LinkStateDto[]> {
    return this.invitations.list(user);
  }

  /** A new link by e-mail; the previous one stops working. */
  @Roles('admin', 'secretariat', 'coordinator')
  @Post(':id/resend')
  @ApiCreatedResponse({ type: LinkStateDto })
  resend(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<LinkStateDto> {
    return this.invitations.resend(user, id, meta);
  }

  /** Lets a coordinator's invitation go out by e-mail. */
  @Roles('admin', 'secretariat')
  @Post(':id/approve')
  @ApiCreatedResponse({ type: LinkStateDto })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<LinkStateDto> {
    return this.invitations.decide(user, id, true, meta);
  }

  @Roles('admin', 'secretariat')
  @Post(':id/refuse')
  @ApiCreatedResponse({ type: LinkStateDto })
  refuse(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<LinkStateDto> {
    return this.invitations.decide(user, id, false, meta);
  }

  /**
   * What the invitation is for, and the TOTP secret the server chose for it. The token travels in the body,
   * never the URL.
   */
  @Public()
  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({ type: LinkPreviewDto })
  preview(@Body() body: LinkTokenDto): Promise<LinkPreviewDto> {
    return this.invitations.preview(body.token);
  }

  @Public()
  @Post('accept')
  @ApiCreatedResponse({ type: EnrolledDto })
  async accept(
    @Body() body: AcceptInvitationDto,
    @RequestMeta() meta: RequestMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EnrolledDto> {
    const { recoveryCodes, ...issued } = await this.invitations.accept(body, meta);
    return { ...signedIn(response, issued), recoveryCodes };
  }
}
