/** Whether the keyboard help is open: view-only state (not in the URL), shared by the ? key and the help button. */
import { create } from 'zustand';

interface HelpState {
  open: boolean;
  setOpen: (open: boolean) => void;
}

export const useHelp = create<HelpState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
