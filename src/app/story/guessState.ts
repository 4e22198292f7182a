/**
 * The answers given to the story's questions, per scene: view-only state (not in the URL) shared by the scene bar,
 * which shows the question and its verdict, and the presentation keys, whose PageDown reveals an unanswered
 * question's answer before it moves on (a clicker is the only input a presenter has).
 */
import { create } from 'zustand';
import type { Outcome } from '../../state/scenes';

/** An answer, and the config it was given for (as a query string): the verdict holds only for that config. */
export interface Guess {
  answer: Outcome | 'skip';
  config: string;
}

interface GuessState {
  /** answers by 1-based scene number */
  guesses: Record<number, Guess>;
  setGuess: (scene: number, g: Guess) => void;
}

export const useGuesses = create<GuessState>()((set) => ({
  guesses: {},
  setGuess: (scene, g) => set((s) => ({ guesses: { ...s.guesses, [scene]: g } })),
}));
