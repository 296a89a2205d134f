export const ENGINE_VERSION = '0.1.0';

export * from './errors.js';
export * from './random.js';
export * from './stats.js';
export * from './special.js';
export * from './format.js';
export * from './prepare.js';
export * from './kmeans.js';
export * from './metrics.js';
export * from './choose-k.js';
export * from './abcdx.js';
export * from './overlay.js';
export * from './rfm.js';
export * from './compare.js';
export * from './pca.js';
export * from './synthetic.js';
export * from './opportunity.js';
export * from './reweight.js';
