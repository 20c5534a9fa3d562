import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, SignedIn } from '@liaison/identity';
import { RequestMeta, RequestMetadata, ValidationProblem } from '@liaison/platform';
import { CreateStateDto, StateDto, UpdateStateDto } from './states.dto';
import { StatesService } from './states.service';

const stateView = ({ code, name, untocParty, untocExtraditionBasis }: StateDto): StateDto => ({
  code,
  name,
  untocParty,
  untocExtraditionBasis,
});

function stateCode(code: string): string {
  if (!/^[A-Z]{2}$/.test(code))
    throw new ValidationProblem([{ field: 'code', message: 'must be an ISO 3166-1 alpha-2 code in capitals' }]);
  return code;
}

/** The States of the directory: read by everyone signed in, kept by the secretariat. */
@ApiTags('directory')
@Controller()
export class StatesController {
  constructor(private readonly states: StatesService) {}

  @SignedIn()
  @Get('states')
  @ApiOkResponse({ type: [StateDto] })
  async listStates(): Promise<StateDto[]> {
    return (await this.states.list()).map(stateView);
  }

  @Roles('admin', 'secretariat')
  @Post('states')
  @ApiCreatedResponse({ type: StateDto })
  async createState(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateStateDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<StateDto> {
    return stateView(await this.states.create(body, { ...meta, actorId: user.id }));
  }

  @Roles('admin', 'secretariat')
  @Patch('states/:code')
  @ApiOkResponse({ type: StateDto })
  async updateState(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() body: UpdateStateDto,
    @RequestMeta() meta: RequestMetadata,
  ): Promise<StateDto> {
    return stateView(await this.states.update(stateCode(code), body, { ...meta, actorId: user.id }));
  }
}
