import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Max, MaxLength } from 'class-validator';
import { KeysetQueryDto } from '@liaison/platform';
import { MessageDto } from '../messages/messages.dto';
import { NetworkRefDto } from '../threads/threads.dto';

export class SearchQueryDto extends KeysetQueryDto {
  @ApiProperty({
    description: 'Whole words, all of which must appear (case, accents, elision and Arabic diacritics do not matter)',
  })
  @IsString()
  @MaxLength(200)
  q: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Search one thread only' })
  @IsOptional()
  @IsUUID()
  threadId?: string;

  // Every hit's body and thread subject are decrypted on the way out: pages stay smaller than other lists.
  @ApiPropertyOptional({ maximum: 50 })
  @Max(50)
  override limit?: number;
}

export class SearchThreadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    description: 'A registered thread kind (`forum`, `private`, or one a library above messaging registers)',
  })
  kind: string;
  @ApiProperty({ type: String, nullable: true }) subject: string | null;
  @ApiProperty({ type: NetworkRefDto, nullable: true }) network: NetworkRefDto | null;
}

export class SearchHitDto {
  @ApiProperty({ type: MessageDto }) message: MessageDto;
  @ApiProperty({ type: SearchThreadDto }) thread: SearchThreadDto;
}

export class SearchPageDto {
  @ApiProperty({ description: 'Matching messages the caller may read, in all' }) total: number;
  @ApiProperty({ type: [SearchHitDto] }) items: SearchHitDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
