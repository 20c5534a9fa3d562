import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { Public } from '@liaison/identity';
import { AuditContext, AuditService, RequestMeta } from '@liaison/platform';

class ContactDto {
  @IsEmail()
  email: string;
}

class ProbeDto {
  @IsString()
  @Length(1, 50)
  name: string;

  @IsInt()
  @Min(0)
  count: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

/**
 * Test-only routes that exercise the platform's edge (validation, errors, client IP, audit) before the
 * feature libraries bring real ones.
 */
@Public()
@Controller('test-probe')
class ProbeController {
  constructor(private readonly audit: AuditService) {}

  @Post()
  echo(@Body() body: ProbeDto): ProbeDto {
    return body;
  }

  @Post('audit')
  async record(
    @RequestMeta() meta: AuditContext,
  ): Promise<{ id: string; ip: string | null; requestId: string | null }> {
    const entry = await this.audit.append({ action: 'test.probed', ...meta });
    return { id: entry.id, ip: entry.ip, requestId: entry.requestId };
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection string postgres://secret@db leaked?');
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
