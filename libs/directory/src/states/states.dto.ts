import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';

export const STATE_CODE = /^[A-Z]{2}$/;

export class StateDto {
  @ApiProperty({ example: 'MU' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() untocParty: boolean;
  @ApiProperty({ description: 'Takes UNTOC as the legal basis for extradition (art. 16(5))' })
  untocExtraditionBasis: boolean;
}

export class CreateStateDto {
  @ApiProperty({ example: 'MU' })
  @Matches(STATE_CODE, { message: 'code must be an ISO 3166-1 alpha-2 code in capitals' })
  code: string;

  @ApiProperty()
  @IsString()
  @Length(2, 100)
  name: string;

  @ApiProperty()
  @IsBoolean()
  untocParty: boolean;

  @ApiProperty()
  @IsBoolean()
  untocExtraditionBasis: boolean;
}

export class UpdateStateDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() untocParty?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() untocExtraditionBasis?: boolean;
}

export class StateRefDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}
