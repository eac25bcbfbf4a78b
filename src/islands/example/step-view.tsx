/**
 * Step mode's view (issue 9, section 2): the reader is the scheduler. One column per thread (its
 * code, the line of its next operation marked, that operation in words), a button per thread that
 * runs exactly one operation, Undo (replays the schedule minus its last choice), Reset, the
 * schedule as text and as a link; below, the shared values, lock owners and waiters, thread states
 * and the history; at the end, the example's own expectation and, on a deadlock, its cycle.
 *
 * Loaded on the first Step (dynamic import from ExampleRunner), with the step host
 * (src/runtime/host/browser-step.ts): the article's page load pays nothing for it.
 * Keyboard: a thread's number (M or 0 for main) steps it, U undoes, R resets; each step is
 * announced in a polite live region. The buttons are ordinary buttons in the tab order.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { StepSession, StepState, StepThread } from '../../runtime/host/browser-step.ts';
import { formatSchedule, formatScheduleRuns, stepLink } from '../../runtime/schedule.ts';
import type { Expectation } from '../../runtime/example-meta.ts';
import { Deadlock, Errors } from './live-view.tsx';
import { functionAround } from './step-source.ts';
import type { StepStart } from './runner-state.ts';
import { copyText } from './copy-text.ts';

export interface StepViewProps {
  id: string;
  anchor: string;
  moduleUrl: string;
  workerUrl: string;
  source: string;
  expect: Expectation;
  start: StepStart;
  exercise: boolean;
  /** A challenge: `expect` is its win, and the end reads "Challenge solved" / "Not solved yet". */
  challenge?: boolean;
  /** After every settled state (start, step, undo, reset, replay): the challenge's win is judged from it. */
  onState?: (end: StepState['end'], schedule: readonly number[]) => void;
  /** Once, when the start's schedule has been replayed (or the empty start is ready): the verify box judges it. */
  onReplayed?: (state: StepState) => void;
  /** Move the keyboard into the view when it is ready (default true; the verify box keeps it on its own button). */
  autoFocus?: boolean;
  onClose: () => void;
}

const keyOf = (t: StepThread) => (t.number === 0 ? 'M' : String(t.number));

/** How the end's verdict reads: [met, not met]. */
type Words = readonly [string, string];
const wordsFor = (p: { exercise: boolean; challenge?: boolean | undefined }): Words =>
  p.challenge ? ['Challenge solved', 'Not solved yet'] : p.exercise ? ['Exercise solved', 'Not solved yet'] : ['Shows what it claims', 'Does not show what it claims'];

export default function StepView(props: StepViewProps) {
  const words = wordsFor(props);
  const session = useRef<StepSession | null>(null);
  const [state, setState] = useState<StepState | null>(null);
  const [busy, setBusy] = useState(true);
  const busyRef = useRef(true);
  const [said, setSaid] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  // Step mode that could not start, or a step that failed, with the message (never only a count).
  const [failure, setFailure] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  // Click-to-updated-view time of the last step (the issue's one-frame budget), for the report.
  const clickedAt = useRef<number | null>(null);
  const focusFirst = useRef(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      let first: StepState;
      try {
        const host = await import('../../runtime/host/browser-step.ts').catch((e: unknown) => {
          throw new Error(`the step host did not load (${errorText(e)})`);
        });
        if (!live) return;
        const s = host.startStepRun({ exampleUrl: props.moduleUrl, workerUrl: props.workerUrl, params: props.start.params, expect: props.expect });
        session.current = s;
        first = await s.ready;
        if (props.start.schedule.length > 0) first = await s.replay(props.start.schedule);
      } catch (e) {
        if (!live) return;
        const message = `Step mode could not start: ${errorText(e)}`;
        setFailure(message);
        setSaid(message);
        return;
      }
      if (!live) return;
      setState(first);
      props.onState?.(first.end, first.schedule);
      props.onReplayed?.(first);
      busyRef.current = false;
      setBusy(false);
      setSaid(props.start.schedule.length > 0
        ? `Replayed ${first.schedule.length} steps. ${first.error ?? ''} ${ending(first, words)}`.trim()
        : `Step mode: ${first.threads.filter((t) => t.number !== 0).length} threads. Press a thread's number to run its next operation.`);
      focusFirst.current = props.autoFocus !== false;
    })();
    return () => {
      live = false;
      session.current?.stop();
    };
  }, []);

  // Once the first state is on screen, the keyboard starts on the first thread that can move.
  // A layout effect: focus must move in the same task as the DOM update, or a key pressed right
  // after a step would land on the body.
  useLayoutEffect(() => {
    if (!focusFirst.current || !state || !root.current) return;
    focusFirst.current = false;
    // A button that just became disabled (its thread blocked or ended) drops focus to the body:
    // keep the keyboard in the view, on the next thread that can move (else Undo).
    // (Chrome keeps a just-disabled button as activeElement until its next rendering update.)
    const active = document.activeElement as (HTMLElement & { disabled?: boolean }) | null;
    if (active && root.current.contains(active) && active !== root.current && !active.disabled) return;
    const next = root.current.querySelector<HTMLButtonElement>('.ex-step-thread button:not([disabled])')
      ?? root.current.querySelector<HTMLButtonElement>('.ex-step-undo:not([disabled])');
    next?.focus();
  }, [state]);

  useLayoutEffect(() => {
    if (clickedAt.current === null || !root.current) return;
    root.current.dataset['lastStepMs'] = (performance.now() - clickedAt.current).toFixed(2);
    clickedAt.current = null;
  }, [state]);

  async function act(f: (s: StepSession) => Promise<StepState>, describe: (st: StepState) => string): Promise<void> {
    const s = session.current;
    // One operation at a time: input during a step is ignored (the buttons stay enabled so focus stays).
    if (!s || busyRef.current) return;
    busyRef.current = true;
    clickedAt.current = performance.now();
    const hadFocus = root.current?.contains(document.activeElement) ?? false;
    setBusy(true);
    try {
      const next = await f(s);
      focusFirst.current = hadFocus;
      setState(next);
      props.onState?.(next.end, next.schedule);
      setSaid(describe(next));
    } catch (e) {
      const message = `The step failed: ${errorText(e)}`;
      setFailure(message);
      setSaid(message);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }

  const step = (n: number) =>
    act((s) => s.step(n), (st) => {
      const last = st.history.filter((r) => !r.auto).at(-1);
      return `${last?.text ?? 'Step taken'}. ${ending(st, words)}`.trim();
    });
  const undo = () => act((s) => s.undo(), (st) => `Undone: back to step ${st.schedule.length}.`);
  const reset = () => act((s) => s.reset(), () => 'Reset: back to the start.');

  function onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey || !state) return;
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, [contenteditable]')) return;
    const k = e.key.toUpperCase();
    const t = state.threads.find((th) => keyOf(th) === k || (k === '0' && th.number === 0));
    if (t) {
      e.preventDefault();
      if (state.enabled.includes(t.number)) void step(t.number);
      else setSaid(`${t.name} cannot move: ${t.status === 'blocked' ? `blocked on ${t.blockedOn ?? 'something'}` : t.status}.`);
    } else if (k === 'U' && state.schedule.length > 0) {
      e.preventDefault();
      void undo();
    } else if (k === 'R') {
      e.preventDefault();
      void reset();
    }
  }

  async function copy(text: string, what: string): Promise<void> {
    setCopied((await copyText(text, what)).message);
  }

  if (!state) {
    return (
      <div class="ex-step" ref={root} data-step-status={failure ? 'failed' : 'starting'}>
        {failure ? <p class="ex-failure" role="alert">{failure}</p> : <p>Starting step mode…</p>}
        {failure && (
          <div class="ex-step-controls">
            <button type="button" class="ex-step-close" onClick={props.onClose}>Close step mode</button>
          </div>
        )}
        <p class="visually-hidden" role="status" aria-live="polite">{failure ? '' : said}</p>
      </div>
    );
  }

  const link = `${location.origin}${location.pathname}${stepLink({ exampleId: props.id, schedule: state.schedule, params: props.start.params })}`;
  const shown = state.threads.filter((t) => t.number !== 0 || t.status !== 'done' || t.pending !== null);
  const params = Object.entries(props.start.params).map(([k, v]) => `${k} = ${v}`).join(', ');

  return (
    <div class="ex-step" ref={root} onKeyDown={onKey} data-step-status={state.status} data-steps={state.schedule.length}
      aria-busy={busy ? 'true' : undefined}>
      <p class="ex-step-intro">
        You are the scheduler. Press a thread's number (or click its button) to run its next operation;
        U undoes, R resets. Step-mode parameters: {params || 'none'}.
      </p>
      <div class="ex-step-columns">
        {shown.map((t) => (
          <ThreadColumn key={t.number} thread={t} source={props.source} enabled={state.enabled.includes(t.number)}
            onStep={() => void step(t.number)} />
        ))}
      </div>

      <div class="ex-step-controls">
        <button type="button" class="ex-step-undo" onClick={() => void undo()} disabled={state.schedule.length === 0} aria-keyshortcuts="U">
          Undo
        </button>
        <button type="button" class="ex-step-reset" onClick={() => void reset()} aria-keyshortcuts="R">Reset</button>
        <button type="button" class="ex-step-copy" onClick={() => void copy(formatSchedule(state.schedule), 'Schedule')}>Copy schedule</button>
        <button type="button" class="ex-step-link" onClick={() => void copy(link, 'Link')}>Copy link</button>
        <button type="button" class="ex-step-close" onClick={props.onClose}>Close step mode</button>
      </div>
      <p class="ex-step-schedule">
        Schedule ({state.schedule.length} {state.schedule.length === 1 ? 'step' : 'steps'}):{' '}
        <code data-schedule>{formatSchedule(state.schedule) || '(none yet)'}</code>
        {state.schedule.length > 0 && <> · <span>{formatScheduleRuns(state.schedule)}</span></>}
      </p>
      {copied && <p class="ex-notice">{copied}</p>}
      {state.error && <p class="ex-notice ex-bad">{state.error}</p>}
      {failure && <p class="ex-failure" role="alert">{failure}</p>}

      {state.end && <EndView state={state} words={words} />}

      <div class="ex-step-state">
        <section aria-label="Shared values">
          <h3 class="ex-step-h">Shared values</h3>
          {state.shared.length === 0 ? <p>None yet.</p> : (
            <dl class="ex-step-shared">
              {state.shared.map((c) => (
                <div key={c.name}>
                  <dt>{c.name}</dt>
                  <dd data-shared={c.name}>{c.value}{c.expected !== null && <span class="ex-expected"> (expected {c.expected})</span>}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        {state.locks.length > 0 && (
          <section aria-label="Locks">
            <h3 class="ex-step-h">Locks</h3>
            <ul class="ex-step-locks">
              {state.locks.map((l) => (
                <li key={l.id}>
                  <code>{l.name}</code> ({l.kind}): {l.owner ? `held by ${l.owner}` : 'free'}
                  {l.waiters.length > 0 && `; waiting: ${l.waiters.join(', ')}`}
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-label="Thread states">
          <h3 class="ex-step-h">Threads</h3>
          <ul class="ex-step-states">
            {state.threads.map((t) => (
              <li key={t.number} data-thread={t.number}>
                <strong>{t.name}</strong>: {t.status === 'blocked' ? `blocked on ${t.blockedOn ?? '?'}` : t.status}
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="History">
          <h3 class="ex-step-h">History ({state.history.length})</h3>
          {state.history.length === 0 ? <p>No step yet.</p> : (
            <ol class="ex-step-history" tabIndex={0} aria-label="Steps taken">
              {state.history.map((r) => (
                <li key={r.index} class={r.auto ? 'ex-step-auto' : undefined}>
                  {r.text}{r.location ? ` (line ${r.location.line})` : <span class="ex-step-unknown"> (line unknown)</span>}{r.auto && ' · automatic'}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">{said}</p>
    </div>
  );
}

function ThreadColumn({ thread: t, source, enabled, onStep }: { thread: StepThread; source: string; enabled: boolean; onStep: () => void }) {
  const line = t.pending?.location?.line ?? null;
  const win = functionAround(source, line);
  const state = t.status === 'blocked' ? `blocked on ${t.blockedOn ?? '?'}` : t.status;
  return (
    <section class={`ex-step-thread state-${t.status}`} aria-label={`Thread ${t.name}`} data-thread={t.number}>
      <button type="button" onClick={onStep} disabled={!enabled} aria-keyshortcuts={keyOf(t) === 'M' ? 'M 0' : keyOf(t)}>
        <span class="ex-step-key" aria-hidden="true">{keyOf(t)}</span> Step {t.name}
      </button>
      <p class="ex-step-pending">
        {t.pending && (t.status === 'ready' || t.status === 'blocked') ? t.pending.text : `${t.name}: ${state}`}
        {t.status === 'blocked' && <span class="ex-step-blocked"> — {state}</span>}
      </p>
      {/* No position from this browser for this step: say so rather than mark a line we do not know. */}
      {t.pending && line === null && (
        <p class="ex-step-unknown" data-line-unknown>Line unknown: this browser gave no position for this step.</p>
      )}
      {win.lines.length > 0 && (
        <pre class="ex-step-src"><code>{win.lines.map((l, i) => {
          const n = win.first + i;
          return n === win.mark
            ? <mark key={n} data-line={n}>{`${String(n).padStart(3)}  ${l}\n`}</mark>
            : <span key={n}>{`${String(n).padStart(3)}  ${l}\n`}</span>;
        })}</code></pre>
      )}
    </section>
  );
}

function EndView({ state, words }: { state: StepState; words: Words }) {
  const end = state.end;
  if (!end) return null;
  return (
    <div class="ex-step-end">
      {end.deadlock && <Deadlock report={end.deadlock} />}
      {/* Each uncaught exception with its message and traceback, as Run shows them. */}
      <Errors errors={end.result.errors} />
      <p class={`ex-verdict ${end.verdict.ok ? 'ex-ok' : 'ex-bad'}`} data-step-verdict={end.verdict.ok ? 'ok' : 'bad'}>
        {end.result.message}{' '}
        {end.verdict.ok ? words[0] : words[1]}:{' '}
        {end.verdict.message}.
      </p>
    </div>
  );
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function ending(st: StepState, words: Words): string {
  if (!st.end) return '';
  const verdict = st.end.verdict.ok ? words[0] : words[1];
  return `The run ended. ${st.end.result.message} ${verdict}: ${st.end.verdict.message}.`;
}
