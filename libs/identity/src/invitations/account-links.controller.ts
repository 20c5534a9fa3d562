import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { uuid } from '@liaison/platform';
import { CurrentUser, Public, Roles } from '../access/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { clientOf, signedIn } from '../auth/refresh-cookie';
import { AccountLinksService } from './account-links.service';
import {
  AcceptInvitationDto,
  CreatedLinkDto,
  CreateInvitationDto,
  EnrolledDto,
  EnrolmentDto,
  LinkPreviewDto,
  LinkTokenDto,
} from './account-links.dto';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly links: AccountLinksService) {}

  @Roles('admin', 'secretariat')
  @Post()
  @ApiCreatedResponse({ type: CreatedLinkDto })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateInvitationDto,
    @Req() request: Request,
  ): Promise<CreatedLinkDto> {
    return this.links.invite(user, body, clientOf(request));
  }

  /** What the invitation is for, and a TOTP secret to enrol. The token travels in the body, never the URL. */
  @Public()
  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({ type: LinkPreviewDto })
  preview(@Body() body: LinkTokenDto): Promise<LinkPreviewDto> {
    return this.links.preview('invitation', body.token);
  }

  @Public()
  @Post('accept')
  @ApiCreatedResponse({ type: EnrolledDto })
  async accept(
    @Body() body: AcceptInvitationDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EnrolledDto> {
    const { recoveryCodes, ...issued } = await this.links.acceptInvitation(body, clientOf(request));
    return { ...signedIn(response, issued), recoveryCodes };
  }
}

@ApiTags('password resets')
@Controller()
export class PasswordResetsController {
  constructor(private readonly links: AccountLinksService) {}

  @Roles('admin', 'secretariat')
  @Post('users/:id/reset-link')
  @ApiCreatedResponse({ type: CreatedLinkDto })
  issue(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Req() request: Request,
  ): Promise<CreatedLinkDto> {
    return this.links.issueReset(user, id, clientOf(request));
  }

  @Public()
  @Post('password-resets/preview')
  @HttpCode(200)
  @ApiOkResponse({ type: LinkPreviewDto })
  preview(@Body() body: LinkTokenDto): Promise<LinkPreviewDto> {
    return this.links.preview('reset', body.token);
  }

  @Public()
  @Post('password-resets/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: EnrolledDto })
  async accept(
    @Body() body: EnrolmentDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EnrolledDto> {
    const { recoveryCodes, ...issued } = await this.links.acceptReset(body, clientOf(request));
    return { ...signedIn(response, issued), recoveryCodes };
  }
}
