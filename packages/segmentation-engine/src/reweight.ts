import { EngineError, describeValue } from './errors.js';
import { resolveColumns, type ParameterSpec, type PrepareOptions, type PreparedMatrix } from './prepare.js';

/**
 * What a prepared matrix depends on apart from the weights (and direction and
 * role, which only score clusters): the columns in order, their transform and
 * clipping, the standardisation and the missing-value policy. Two specs with
 * the same key can share one {@link prepareMatrix} result through
 * {@link reweightPrepared}.
 */
export function preparationKey(params: readonly ParameterSpec[], options: PrepareOptions): string {
  return JSON.stringify([options.standardise, options.missing, params.map((p) => [p.column, p.transform, p.clip ? [p.clip.lower, p.clip.upper] : null])]);
}

/**
 * The same prepared matrix under new weights (and directions, roles, labels):
 * `data` = standardised × √weight, without re-reading, clipping, transforming
 * or standardising the input again. The live preview calls this on every
 * weight change. Throws {@link EngineError} when the parameters do not have
 * the preparation key of the matrix (another column, transform or clip) or
 * every weight is 0.
 */
export function reweightPrepared(prepared: PreparedMatrix, params: ParameterSpec[]): PreparedMatrix {
  resolveColumns(prepared.columns, params);
  if (preparationKey(params, prepared.options) !== preparationKey(prepared.params, prepared.options)) {
    throw new EngineError('INVALID_ARGUMENT', `the parameters (${params.map((p) => describeValue(p.column)).join(', ')}) differ from the prepared matrix in columns, transforms or clipping: prepare the matrix again`);
  }
  if (params.every((p) => p.weight === 0)) {
    throw new EngineError('ALL_WEIGHTS_ZERO', `all parameter weights are 0 (${params.map((p) => p.column).join(', ')}); give at least one a positive weight`);
  }
  const { n, d, standardised } = prepared;
  const scale = params.map((p) => Math.sqrt(p.weight));
  const data = new Float64Array(n * d);
  for (let i = 0, o = 0; i < n; i++) for (let j = 0; j < d; j++, o++) data[o] = standardised[o] * scale[j];
  return {
    ...prepared,
    params: params.map((p) => ({ ...p })),
    data,
    stats: prepared.stats.map((s, j) => ({ ...s, direction: params[j].direction, role: params[j].role, weight: params[j].weight, scaleWeight: scale[j] })),
  };
}
