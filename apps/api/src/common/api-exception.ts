import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiError } from '@cxs/contracts';

/** An error with a stable machine code and a human message (and optional field details). */
export class ApiException extends HttpException {
  constructor(status: HttpStatus, code: string, message: string, details?: ApiError['details']) {
    super({ code, message, details } satisfies ApiError, status);
  }
}

export const notFound = (what: string) => new ApiException(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') =>
  new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);
