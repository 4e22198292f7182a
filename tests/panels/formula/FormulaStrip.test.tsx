// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FormulaStrip } from '../../../src/panels/formula/FormulaStrip';
import { makeArch, makeReport } from '../fixtures';

describe('FormulaStrip', () => {
  it('shows plain text first, then KaTeX, for each architecture in the report', async () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [1, 1] }), residual: makeArch('residual', { dh: [1, 1] }) });
    const { container } = render(<FormulaStrip report={r} config={r.config} lang="en" />);
    expect(screen.getByRole('figure', { name: 'The backward recurrence' })).toBeInTheDocument();
    expect(container.querySelectorAll('[data-arch]')).toHaveLength(2);
    expect(container.textContent).toContain('gᵢ = gᵢ₊₁ · wᵢ₊₁ · f′(zᵢ)');
    await waitFor(() => expect(container.querySelectorAll('[data-role="formula-tex"] .katex')).toHaveLength(4));
    expect(container.querySelector('math')).not.toBeNull();
  });
});
