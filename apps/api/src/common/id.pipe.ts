import { HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiException } from './api-exception.js';

/** Domain ids are bigint identities, carried as decimal strings. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[1-9][0-9]{0,17}$/.test(value)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `"${value.slice(0, 40)}" is not a valid id`, [
        { field: 'id', message: 'must be a positive integer' },
      ]);
    }
    return value;
  }
}
