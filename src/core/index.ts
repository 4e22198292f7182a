/**
 * The core's public API: config schema, autograd tape and ops, chains, seeded parameters, the scalar engine,
 * analyzeChain and its report, activations and the mean-field theory. Pure TypeScript; imports nothing outside
 * src/core except d3-random.
 */
export * from './config';
export * from './report';
export * from './activations';
export * from './theory';
export { tensor, frobenius, nonFiniteKind, type Tensor } from './tensor';
export { Tape, NORM_EPS, type NodeId, type NodeInfo, type LeafOptions } from './tape';
export { describeTape, firstNonFiniteNode, type NonFiniteNode } from './tape-inspect';
export { KERNELS, type OpSpec, type OpName, type TapeNode, type OpKernel } from './ops';
export { normalStream, fillNormal } from './rng';
export { drawParams, fanIns, initStd, orthonormalize, weightRows, weightOffset, biasOffset, weight, bias, paramViews, packParams, zeroParams, type ChainParams } from './params';
export { buildChain, chainKey, chainShape, ChainWorkspace, type ChainGraph, type ChainShape, type NodeRole, type ChainRun, type ChainNonFinite } from './chains';
export { LayerLoop } from './chain-loop';
export { Value, scalarChain, type ScalarChain } from './value';
export { QUANTILES, HIST_BINS, StatsScratch, emptySummary, emptyHistograms, summarizeInto, saturatedFraction } from './stats';
export { analyzeChain, analyzeArch, workspaceFor, releaseWorkspaces, trimWorkspaces, chainFootprint, MAX_CHAIN_FLOATS } from './analyze';
