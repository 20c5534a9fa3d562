import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppConfig, AuditService, Queues, RequestMeta, RequestMetadata, uuid } from '@liaison/platform';
import { AuthUser, CurrentUser, Roles } from '@liaison/identity';
import { CaughtMailDto, CaughtMailSummaryDto, DeliveryDto, FailedJobDto } from './operations.dto';
import { OperationsService } from './operations.service';

/**
 * Admins' view of work done later: failed jobs (with retry), deliveries that need a look, and — outside
 * production with no SMTP relay — the mail the local catcher received.
 */
@ApiTags('operations')
@Roles('admin')
@Controller('admin')
export class OperationsController {
  constructor(
    private readonly queues: Queues,
    private readonly operations: OperationsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  @Get('jobs/failed')
  @ApiOkResponse({ type: [FailedJobDto] })
  failed(): Promise<FailedJobDto[]> {
    return this.queues.failed() as Promise<FailedJobDto[]>;
  }

  @Post('jobs/:queue/:id/retry')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Queued again with a fresh set of attempts' })
  @ApiNotFoundResponse({ description: 'No such failed job' })
  async retry(
    @CurrentUser() user: AuthUser,
    @Param('queue') queue: string,
    @Param('id') id: string,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<void> {
    if (!(await this.queues.retry(queue, id))) throw new NotFoundException('No such failed job');
    await this.audit.append({
      ...meta,
      actorId: user.id,
      action: 'job.retried',
      targetType: 'job',
      targetId: `${queue}/${id}`,
    });
  }

  @Get('deliveries')
  @ApiOkResponse({ type: [DeliveryDto] })
  deliveries(): Promise<DeliveryDto[]> {
    return this.operations.deliveriesNeedingAttention();
  }

  @Get('mail')
  @ApiOkResponse({ type: [CaughtMailSummaryDto] })
  @ApiNotFoundResponse({ description: 'No mail catcher: e-mail goes to a real SMTP relay' })
  mail(): Promise<CaughtMailSummaryDto[]> {
    this.requireCatcher();
    return this.operations.caughtMail();
  }

  @Get('mail/:id')
  @ApiOkResponse({ type: CaughtMailDto })
  async mailOne(@Param('id', uuid('id')) id: string): Promise<CaughtMailDto> {
    this.requireCatcher();
    const mail = await this.operations.caughtOne(id);
    if (!mail) throw new NotFoundException('No such e-mail');
    return mail;
  }

  private requireCatcher(): void {
    if (!this.config.mailCatcher) throw new NotFoundException('E-mail goes to an SMTP relay: there is no mail catcher');
  }
}
