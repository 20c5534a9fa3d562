import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditContext, RequestMeta, uuid } from '@liaison/platform';
import { AuthUser, CurrentUser, SignedIn } from '@liaison/identity';
import {
  BulkAssignDto,
  BulkAssignResultDto,
  FilingCheckDto,
  FilingDto,
  InviteCounterpartDto,
  StatusChangeDto,
  TicketDetailDto,
  TicketPageDto,
  TicketQueryDto,
  TriageDto,
} from './tickets.dto';
import { WorkflowService } from '../workflow/workflow.service';
import { FilingService } from './filing.service';
import { TicketQueueService } from './ticket-queue.service';

/**
 * Helpdesk tickets. A ticket the caller does not see answers 404 on every route; an action they may not
 * take on one they see answers 403; a move the workflow does not allow answers 409 naming those it does.
 */
@ApiTags('helpdesk')
@SignedIn()
@Controller('helpdesk/tickets')
export class TicketsController {
  constructor(
    private readonly filing: FilingService,
    private readonly queue: TicketQueueService,
    private readonly workflow: WorkflowService,
  ) {}

  @Get()
  @ApiOkResponse({ type: TicketPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: TicketQueryDto): Promise<TicketPageDto> {
    return this.queue.list(user, { ...query, limit: query.limit ?? 50 });
  }

  @Post('check')
  @HttpCode(200)
  @ApiOkResponse({ type: FilingCheckDto, description: 'Missing facts, directory warnings and facts, while filling in' })
  check(@CurrentUser() user: AuthUser, @Body() body: FilingDto): Promise<FilingCheckDto> {
    return this.filing.check(user, body);
  }

  @Post()
  @ApiCreatedResponse({ type: TicketDetailDto })
  file(
    @CurrentUser() user: AuthUser,
    @Body() body: FilingDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<TicketDetailDto> {
    return this.filing.file(user, body, meta);
  }

  @Post('assign')
  @HttpCode(200)
  @ApiOkResponse({ type: BulkAssignResultDto })
  async bulkAssign(
    @CurrentUser() user: AuthUser,
    @Body() body: BulkAssignDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<BulkAssignResultDto> {
    return { assigned: await this.workflow.bulkAssign(user, body.ticketIds, body.assigneeId, meta) };
  }

  @Get(':id')
  @ApiOkResponse({ type: TicketDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<TicketDetailDto> {
    return this.queue.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TicketDetailDto })
  triage(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: TriageDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<TicketDetailDto> {
    return this.workflow.update(user, id, body, meta);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOkResponse({ type: TicketDetailDto })
  @ApiConflictResponse({ description: 'Not a move the workflow allows from here: `allowed` lists those it does' })
  changeStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: StatusChangeDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<TicketDetailDto> {
    return this.workflow.changeStatus(user, id, body, meta);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: TicketDetailDto })
  @ApiConflictResponse()
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @RequestMeta() meta: AuditContext,
  ): Promise<TicketDetailDto> {
    return this.workflow.withdraw(user, id, meta);
  }

  @Post(':id/counterparts')
  @HttpCode(200)
  @ApiOkResponse({ type: TicketDetailDto })
  invite(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid('id')) id: string,
    @Body() body: InviteCounterpartDto,
    @RequestMeta() meta: AuditContext,
  ): Promise<TicketDetailDto> {
    return this.workflow.inviteCounterpart(user, id, body.userId, meta);
  }
}
