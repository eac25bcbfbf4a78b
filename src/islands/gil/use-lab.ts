/**
 * The scaffolding every GIL island shares: hydration flag, a polite live region, the current run (so
 * Stop and unmounting end it), a cancel flag for multi-run measurements, warming the runtime host on
 * the first pointer or focus inside the island, and the cross-origin-isolation check before a run.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Run } from '../../runtime/host/browser-host.ts';
import { Announcer } from '../example/announcer.ts';
import { isolationProblem, warmHostOnIntent } from '../host.ts';

export function useGilLab(onUnmount?: () => void) {
  const [hydrated, setHydrated] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const run = useRef<Run | null>(null);
  const cancelled = useRef(false);
  const announcer = useRef<Announcer | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setHydrated(true);
    announcer.current = new Announcer(setAnnouncement);
    warmHostOnIntent(root.current);
    return () => {
      cancelled.current = true;
      run.current?.stop();
      onUnmount?.();
      announcer.current?.dispose();
    };
  }, []);

  /** Before a run: false (with the reason shown) when shared memory is unavailable; else clears state. */
  function begin(): boolean {
    const problem = isolationProblem('The GIL lab');
    if (problem) {
      setNotice(problem);
      return false;
    }
    cancelled.current = false;
    setNotice(null);
    return true;
  }

  /** Stop button: ends the current run and any runs still queued. */
  function stop(): void {
    cancelled.current = true;
    run.current?.stop();
  }

  const say = (text: string) => announcer.current?.say(text);
  return { hydrated, notice, announcement, run, cancelled, root, begin, stop, say };
}
