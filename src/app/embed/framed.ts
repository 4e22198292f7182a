/** Whether the page runs inside a frame: the one piece of the host protocol every page load needs. */

/** True inside an <iframe> (including a sandboxed one, where comparing window objects still works). */
export function isFramed(win: Window = window): boolean {
  try {
    return win.parent !== win;
  } catch {
    return true;
  }
}
