/** A reader's edit of an example, kept in localStorage per example id until Reset. */
const key = (id: string) => `interleave:edit:${id}`;

export function loadEdit(id: string): string | null {
  try {
    return localStorage.getItem(key(id));
  } catch {
    return null;
  }
}

export function saveEdit(id: string, source: string): void {
  try {
    localStorage.setItem(key(id), source);
  } catch {
    // Storage full or refused (private mode): the edit lives as long as the page.
  }
}

export function clearEdit(id: string): void {
  try {
    localStorage.removeItem(key(id));
  } catch {
    // Nothing to clear.
  }
}
