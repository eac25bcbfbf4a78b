/**
 * The reader's progress on the challenges page, kept in localStorage (one key, JSON): which
 * challenges are solved, with the schedule that won, and how many hints each shows. Every island
 * and the page's progress counter read it; a change is broadcast on `window` as
 * `interleave:challenges` (other tabs get the `storage` event), so the count, the marks and each
 * challenge stay in step without a shared component.
 */
export const PROGRESS_KEY = 'interleave:challenges';
export const PROGRESS_EVENT = 'interleave:challenges';

export interface Progress {
  /** Challenge id → the winning schedule (thread numbers, one per choice). */
  solved: Record<string, number[]>;
  /**
   * Challenge id → how that schedule won: the step-mode parameters it was played with, and whether
   * on the reader's edit of the program. A verification code replays the published program, so the
   * panel offers one only for a win without edits. Absent for wins recorded before it was kept.
   */
  how: Record<string, SolvedHow>;
  /** Challenge id → hints revealed. */
  hints: Record<string, number>;
}

export interface SolvedHow {
  params: Record<string, number>;
  edited: boolean;
}

const empty = (): Progress => ({ solved: {}, how: {}, hints: {} });

const isHow = (v: unknown): v is SolvedHow => {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as { params?: unknown; edited?: unknown };
  return typeof h.edited === 'boolean' && typeof h.params === 'object' && h.params !== null
    && Object.values(h.params).every((n) => typeof n === 'number' && Number.isFinite(n));
};

const isSchedule = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0);

/** Reads the progress; anything unreadable (no storage, another format) counts as none. */
export function loadProgress(): Progress {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return empty();
    const r = raw as { solved?: unknown; how?: unknown; hints?: unknown };
    const out = empty();
    if (typeof r.solved === 'object' && r.solved !== null) {
      for (const [id, s] of Object.entries(r.solved)) if (isSchedule(s)) out.solved[id] = s;
    }
    if (typeof r.how === 'object' && r.how !== null) {
      for (const [id, h] of Object.entries(r.how)) if (out.solved[id] !== undefined && isHow(h)) out.how[id] = h;
    }
    if (typeof r.hints === 'object' && r.hints !== null) {
      for (const [id, n] of Object.entries(r.hints)) if (Number.isInteger(n) && (n as number) > 0) out.hints[id] = n as number;
    }
    return out;
  } catch {
    return empty();
  }
}

function save(p: Progress): void {
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify(p));
  } catch {
    // Storage refused (private mode, full): progress lives as long as the page.
  }
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

/**
 * Records a win; the first winning schedule is kept (a later win does not replace it), except that
 * a win on the published program replaces one on an edit (only the former has a verification code).
 */
export function markSolved(id: string, schedule: readonly number[], how?: SolvedHow): void {
  const p = loadProgress();
  if (p.solved[id] !== undefined && !(p.how[id]?.edited === true && how?.edited === false)) return;
  p.solved[id] = [...schedule];
  if (how) p.how[id] = { params: { ...how.params }, edited: how.edited };
  else delete p.how[id];
  save(p);
}

export function setHintsShown(id: string, n: number): void {
  const p = loadProgress();
  p.hints[id] = n;
  save(p);
}

/** Forgets every win and every revealed hint. */
export function resetProgress(): void {
  try {
    localStorage.removeItem(PROGRESS_KEY);
  } catch {
    // Nothing stored.
  }
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

/** Calls `f` whenever the progress changes, here or in another tab; returns the unsubscribe. */
export function onProgress(f: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === PROGRESS_KEY || e.key === null) f();
  };
  window.addEventListener(PROGRESS_EVENT, f);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(PROGRESS_EVENT, f);
    window.removeEventListener('storage', onStorage);
  };
}
