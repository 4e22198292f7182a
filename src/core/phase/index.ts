/** The phase map (log10 gradient survival over a grid of two config keys) and the Jacobian spectrum. */
export * from './axes';
export * from './grid';
export * from './critical';
export * from './report';
