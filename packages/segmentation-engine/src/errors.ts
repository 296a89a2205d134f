/** Stable error codes thrown by the engine; the API maps them to JSON errors. */
export const ENGINE_ERROR_CODES = [
  'EMPTY_INPUT',
  'NON_FINITE',
  'OUT_OF_DOMAIN',
  'CONSTANT_COLUMN',
  'K_TOO_LARGE',
  'ALL_WEIGHTS_ZERO',
  'UNKNOWN_COLUMN',
  'SHAPE_MISMATCH',
  'INVALID_ARGUMENT',
] as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

/** Where a bad value was found, so a message (and the UI) can point at it. */
export interface EngineErrorDetails {
  column?: string;
  row?: number;
  id?: string;
  value?: unknown;
}

/**
 * The only error type the engine throws on bad input. `code` is stable; the
 * message names the column and/or the value so an analyst can fix the data.
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly details: EngineErrorDetails;

  constructor(code: EngineErrorCode, message: string, details: EngineErrorDetails = {}) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }
}

/** Formats a value for an error message (NaN, Infinity and strings stay readable). */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
