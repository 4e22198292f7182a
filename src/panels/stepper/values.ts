/**
 * The numbers of one step as labelled rows: a Unicode symbol, the value from the core's report and the catalog
 * key of what it means. `q` names the quantity for tests and styling (data-q); `i` is the layer it belongs to.
 */
import type { StepView } from '../../state/stepper';
import { subscript } from '../../viz/format';
import { sym } from './tex';

export interface StepValue {
  q: 'gNext' | 'dhNext' | 'w' | 'alpha' | 'z' | 'fprime' | 'factor' | 'gain' | 'g' | 'dh' | 'h' | 'dW';
  i: number;
  symbol: string;
  value: number;
  meaning: string;
  /** the value this step produces (emphasised) */
  result?: boolean;
}

/** The rows for a step of an L-layer chain, in the order the computation uses them. */
export function stepValues(v: StepView, L: number): StepValue[] {
  const i = v.i;
  const j = i + 1;
  if (v.mode === 'scalar') {
    const rows: StepValue[] = v.top
      ? [{ q: 'dhNext', i: L, symbol: `∂L/∂${sym('h', L)}`, value: v.gNext, meaning: 'stepper.val.fromLoss' }]
      : [
          { q: 'gNext', i: j, symbol: sym('g', j), value: v.gNext, meaning: 'stepper.val.cached' },
          { q: 'w', i: j, symbol: sym('w', j), value: v.wNext!, meaning: 'stepper.val.weight' },
        ];
    return [
      ...rows,
      { q: 'z', i, symbol: sym('z', i), value: v.z, meaning: 'stepper.val.preact' },
      { q: 'fprime', i, symbol: `f′(${sym('z', i)})`, value: v.fprime, meaning: 'stepper.val.slope' },
      { q: 'factor', i, symbol: v.top ? `f′(${sym('z', i)})` : `${sym('w', j)}·f′(${sym('z', i)})`, value: v.factor, meaning: 'stepper.val.factor' },
      { q: 'g', i, symbol: sym('g', i), value: v.g, meaning: 'stepper.val.new', result: true },
      { q: 'h', i, symbol: sym('h', i), value: v.h, meaning: 'stepper.val.input' },
      { q: 'dW', i, symbol: `∂L/∂${sym('w', i)}`, value: v.dW, meaning: 'stepper.val.weightGrad' },
    ];
  }
  if (v.mode === 'scalarResidual')
    return [
      { q: 'dhNext', i: j, symbol: `∂L/∂${sym('h', j)}`, value: v.dhNext, meaning: 'stepper.val.cached' },
      { q: 'alpha', i, symbol: 'α', value: v.alpha, meaning: 'stepper.val.alpha' },
      { q: 'w', i, symbol: sym('w', i), value: v.w, meaning: 'stepper.val.weight' },
      { q: 'z', i, symbol: sym('z', i), value: v.z, meaning: 'stepper.val.preact' },
      { q: 'fprime', i, symbol: `f′(${sym('z', i)})`, value: v.fprime, meaning: 'stepper.val.slope' },
      { q: 'factor', i, symbol: `1 + α·${sym('w', i)}·f′(${sym('z', i)})`, value: v.factor, meaning: 'stepper.val.factor' },
      { q: 'dh', i, symbol: `∂L/∂${sym('h', i)}`, value: v.dh, meaning: 'stepper.val.new', result: true },
      { q: 'g', i, symbol: sym('g', i), value: v.g, meaning: 'stepper.val.branch' },
      { q: 'dW', i, symbol: `∂L/∂${sym('w', i)}`, value: v.dW, meaning: 'stepper.val.weightGrad' },
    ];
  return [
    { q: 'dhNext', i: j, symbol: `‖∂L/∂${sym('h', j)}‖`, value: v.dhNext, meaning: 'stepper.val.cached' },
    { q: 'gain', i, symbol: `γ${subscript(i)}`, value: v.gain, meaning: 'stepper.val.gain' },
    { q: 'dh', i, symbol: `‖∂L/∂${sym('h', i)}‖`, value: v.dh, meaning: 'stepper.val.new', result: true },
    { q: 'g', i, symbol: `‖${sym('g', i)}‖`, value: v.g, meaning: 'stepper.val.norm' },
  ];
}
