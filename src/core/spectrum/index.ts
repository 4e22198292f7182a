/** The singular values of the input–output Jacobian ∂h_L/∂h_0 (dynamical isometry). */
export { jacobianSpectrum, sampleDerivatives, MAX_SPECTRUM_WORK } from './jacobian';
export { productSingularValues, singularValues, lqInPlace } from './svd';
export { spreadDecades, quantileSorted, log10Ascending, fractionNearOne } from './summary';
export { spectrumTheory, type SpectrumTheory } from './theory';
