/**
 * The core's public API: config schema, autograd tape and ops, chains, seeded parameters, the scalar engine,
 * analyzeChain and its report, activations and the mean-field theory. Pure TypeScript; imports nothing outside
 * src/core except d3-random.
 */
export * from './config';
export * from './report';
export * from './numerics/activations';
export * from './theory/theory';
export { tensor, frobenius, nonFiniteKind, type Tensor } from './autograd/tensor';
export { Tape, NORM_EPS, type NodeId, type LeafOptions } from './autograd/tape';
export { describeTape, firstNonFiniteNode, tapeNodes, type NodeInfo, type NonFiniteNode } from './autograd/tape-inspect';
export { KERNELS, type OpSpec, type OpName, type TapeNode, type OpKernel } from './autograd/ops';
export { normalStream, fillNormal } from './numerics/rng';
export { drawParams, fanIns, initStd, orthonormalize, weightRows, weightOffset, biasOffset, weight, bias, paramViews, packParams, zeroParams, type ChainParams } from './chain/params';
export { buildChain, chainKey, chainShape, ChainWorkspace, type ChainGraph, type ChainShape, type NodeRole, type ChainRun, type ChainNonFinite } from './chain/chains';
export { LayerLoop } from './chain/fast/chain-loop';
export { Value } from './autograd/value';
export { scalarChain, type ScalarChain } from './chain/scalar';
export { QUANTILES, HIST_BINS, StatsScratch, emptySummary, emptyHistograms, summarizeInto, saturatedFraction } from './stats/stats';
export { analyzeChain, analyzeArch, workspaceFor, releaseWorkspaces, trimWorkspaces, chainFootprint, MAX_CHAIN_FLOATS } from './chain/analyze';
