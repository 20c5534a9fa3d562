import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  Validate,
} from 'class-validator';
import { HasText, PersonRefDto } from '../threads/threads.dto';

export const MAX_BODY = 20_000;

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty({ type: PersonRefDto }) author: PersonRefDto;
  @ApiProperty({ type: String, nullable: true, description: 'Markdown; null once deleted or when unreadable' }) body:
    string | null;
  @ApiProperty() unreadable: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt: string | null;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageDto] }) items: MessageDto[];
  @ApiProperty({ description: 'More messages beyond this page in the direction asked' }) hasMore: boolean;
}

export class MessageVersionDto {
  @ApiProperty({ type: String, nullable: true }) body: string | null;
  @ApiProperty() unreadable: boolean;
  @ApiProperty({ format: 'date-time' }) replacedAt: string;
}

export class MessageBodyDto {
  @ApiProperty({ maxLength: MAX_BODY, description: 'Markdown' })
  @IsString()
  @Validate(HasText)
  @MaxLength(MAX_BODY)
  body: string;
}

export class SendMessageDto extends MessageBodyDto {
  @ApiProperty({ format: 'uuid', description: 'Made by the client once per message and reused on every retry' })
  @IsUUID()
  clientId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Readers to notify by name' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  mentions?: string[];
}

export class SocketSendDto extends SendMessageDto {
  @IsUUID()
  threadId: string;
}

export class MessageQueryDto {
  @ApiPropertyOptional({ description: 'Messages with a seq greater than this, ascending' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ description: 'The page of messages just before this seq, ascending' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ReadDto {
  @ApiProperty({ description: 'The highest seq the reader has seen' })
  @IsInt()
  @Min(0)
  seq: number;
}

export class ReadPositionDto {
  @ApiProperty() readSeq: number;
}
