import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { CurrentUser, Public, Roles } from '../access/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { signedIn } from '../auth/refresh-cookie';
import { PasswordResetsService } from './password-resets.service';
import { EnrolledDto, EnrolmentDto, LinkPreviewDto, LinkStateDto, LinkTokenDto } from '../links/account-links.dto';

@ApiTags('password resets')
@Controller()
export class PasswordResetsController {
  constructor(private readonly resets: PasswordResetsService) {}

  /** E-mails a reset link to the account's address (again: the previous link stops working). */
  @Roles('admin', 'secretariat')
  @Post('users/:id/reset-link')
  @ApiCreatedResponse({ type: LinkStateDto })
  issue(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<LinkStateDto> {
    return this.resets.issue(user, id, meta);
  }

  /** The state of the account's latest reset link. */
  @Roles('admin', 'secretariat')
  @Get('users/:id/reset-link')
  @ApiOkResponse({ type: LinkStateDto })
  state(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<LinkStateDto> {
    return this.resets.state(user, id);
  }

  @Public()
  @Post('password-resets/preview')
  @HttpCode(200)
  @ApiOkResponse({ type: LinkPreviewDto })
  preview(@Body() body: LinkTokenDto): Promise<LinkPreviewDto> {
    return this.resets.preview(body.token);
  }

  @Public()
  @Post('password-resets/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: EnrolledDto })
  async accept(
    @Body() body: EnrolmentDto,
    @RequestMeta() meta: RequestMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EnrolledDto> {
    const { recoveryCodes, ...issued } = await this.resets.accept(body, meta);
    return { ...signedIn(response, issued), recoveryCodes };
  }
}
