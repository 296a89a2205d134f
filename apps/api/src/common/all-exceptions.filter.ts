import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import type { ApiError } from '@cxs/contracts';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { languageOf, localise, type Lang } from './messages.js';

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Every error leaves as JSON `{ code, message, details?, requestId }`; never a stack, never HTML. The message and
 * each detail's message are in the reader's language (Accept-Language; ADR 0011); `code` never changes.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const [status, body] = this.toBody(exception);
    if (status >= 500) this.logger.error({ err: exception, path: req.url }, 'Unhandled error');
    res.status(status).json({ ...localiseBody(body, languageOf(req)), requestId: req.id ? String(req.id) : undefined });
  }

  private toBody(exception: unknown): [number, ApiError] {
    if (exception instanceof ForbiddenError) {
      return [403, { code: 'FORBIDDEN', message: exception.message || 'You are not allowed to do this' }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response && 'code' in response) {
        return [status, response as ApiError];
      }
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message.join('; '))
            : String((response as { message?: unknown }).message ?? exception.message);
      return [status, { code: STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'ERROR'), message }];
    }
    if (exception instanceof QueryFailedError) {
      const driverError = (exception as QueryFailedError & { driverError?: { code?: string; detail?: string; constraint?: string } }).driverError;
      switch (driverError?.code) {
        case '23505':
          return [409, { code: 'CONFLICT', message: `Already exists: ${driverError.detail ?? driverError.constraint ?? 'duplicate key'}` }];
        case '23P01':
          return [409, { code: 'OVERLAPPING_MEMBERSHIP', message: 'A customer cannot be in two managed segments on the same date' }];
        case '23503':
          return [409, { code: 'REFERENCE_MISSING', message: `Refers to something that does not exist: ${driverError.detail ?? ''}`.trim() }];
        case '23514':
          return [400, { code: 'CONSTRAINT_VIOLATED', message: `Value out of range (${driverError.constraint ?? 'check'})` }];
        case '22P02':
        case '22007':
        case '22008':
          return [400, { code: 'BAD_REQUEST', message: 'A value has the wrong format' }];
      }
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL', message: 'Something went wrong on our side; the error was logged' }];
  }
}

function localiseBody(body: ApiError, lang: Lang): ApiError {
  if (lang === 'en') return body;
  return {
    ...body,
    message: localise(body.message, lang),
    ...(body.details ? { details: body.details.map((d) => ({ ...d, message: localise(d.message, lang) })) } : {}),
  };
}
