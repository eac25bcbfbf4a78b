/**
 * The example island: Run / Stop, parameter controls, live counters read from shared memory
 * every animation frame, output, verdict, timings, run history, Edit (CodeMirror + esbuild-wasm,
 * loaded only then), Reset, and "copy link to this example".
 *
 * Server-rendered, it shows only the output recorded at build time, so the page is complete
 * without JavaScript. The runtime host loads on the first Run; the editor on the first Edit.
 */
import type { ComponentType } from 'preact';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { OutputLine } from '../runtime/host/run.ts';
import type { RunHandle } from '../runtime/host/browser-host.ts';
import { checkExpectation } from '../runtime/expectation.ts';
import { Announcer } from './example/announcer.ts';
import { clearEdit, loadEdit, saveEdit } from './example/edits.ts';
import { exampleLink, paramsFromUrl } from './example/params.ts';
import type { ExampleProps } from './example/types.ts';
import { NOT_DONE, initialRunnerState, isBusy, offersExplore, runnerReducer, type Attempt, type Mode, type StepStart } from './example/runner-state.ts';
import { ChallengePanel } from './example/challenge-panel.tsx';
import { copyText } from './example/copy-text.ts';
import { loadProgress, markSolved, onProgress } from './example/challenge-progress.ts';
import { readStepLink } from './example/step-link.ts';
import type { StepViewProps } from './example/step-view.tsx';
import type { ExploreViewProps } from './example/explore-view.tsx';
import { ParamsView } from './example/params-view.tsx';
import { RunView } from './example/run-view.tsx';
import type { EditorHandle } from './editor/code-editor.ts';
import { frameIsolation, hostModule, isolationMessage, isolationState, warmHostOnIntent, type FrameDip } from './host.ts';

const editorModule = () => import('./editor/code-editor.ts');
const compilerModule = () => import('./editor/compile-in-browser.ts');
// The step and explore views load on the reader's first Step / Explore, never with the page.
const stepViewModule = () => import('./example/step-view.tsx');
const exploreViewModule = () => import('./example/explore-view.tsx');

export default function ExampleRunner(props: ExampleProps) {
  const [state, dispatch] = useReducer(runnerReducer, props.initial, initialRunnerState);
  // The live region's text is written by the Announcer straight into the element (at most once a
  // second), not through state: a render scheduled later than the write would move two
  // announcements closer together than the interval the Announcer measured.
  const liveRegion = useRef<HTMLParagraphElement>(null);
  const { phase, hydrated, params, editing } = state;

  const root = useRef<HTMLDivElement>(null);
  const editorHost = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const run = useRef<RunHandle | null>(null);
  const frame = useRef(0);
  const pendingLines = useRef<OutputLine[]>([]);
  const runCount = useRef(0);
  const announcer = useRef<Announcer | null>(null);
  const blobUrl = useRef<string | null>(null);
  // What Step and Explore run: the shipped module, or the reader's edit compiled when the mode opened
  // (its source, for the step view's columns). `version` remounts a view when the module changed.
  const modeModule = useRef<{ url: string; source: string; version: number }>({ url: props.moduleUrl, source: props.source, version: 0 });
  const stepView = useRef<ComponentType<StepViewProps> | null>(null);
  const exploreView = useRef<ComponentType<ExploreViewProps> | null>(null);

  // Why threads cannot run here (isolation.ts); in a frame, whether the site sent
  // Document-Isolation-Policy tells "this browser cannot isolate a frame" from "the host did not ask".
  const [dip, setDip] = useState<FrameDip>('unknown');
  const isolation = hydrated && props.needs === 'threads' ? isolationState() : null;
  // A framed page that cannot run opens itself in a new tab: the example's article page (an embed),
  // or this page at the example. The message then ends with that link.
  const newTab = isolation?.kind === 'frame' ? (props.embed ? props.canonicalPath : `${location.pathname}${location.search}#${props.anchor}`) : null;
  const problem = isolation === null ? null : isolationMessage('This example', isolation, dip, newTab !== null);

  useEffect(() => {
    announcer.current = new Announcer((text) => {
      if (liveRegion.current) liveRegion.current.textContent = text;
    });
    dispatch({
      type: 'hydrated',
      params: paramsFromUrl(new URL(location.href), props.anchor, props.params, props.initial, props.oldAnchors),
      hasSavedEdit: loadEdit(props.id) !== null,
    });
    warmHostOnIntent(root.current?.closest('section'));
    if (props.needs === 'threads' && isolationState()?.kind === 'frame') void frameIsolation().then(setDip);
    // A shared schedule link: shown as "Replay this schedule (N steps)"; nothing runs until chosen.
    if (props.step) {
      const link = readStepLink(new URL(location.href), props.anchor, props.step);
      if (link && 'start' in link) dispatch({ type: 'link-schedule', start: link.start });
      else if (link) dispatch({ type: 'notice', text: link.error });
    }
    // A challenge's progress lives in localStorage; follow it (a win here, a reset, another tab).
    const readProgress = () => {
      const p = loadProgress();
      dispatch({ type: 'challenge-progress', solved: p.solved[props.id] ?? null, how: p.how[props.id] ?? null, hintsShown: p.hints[props.id] ?? 0 });
    };
    const unfollow = props.challenge ? onProgress(readProgress) : () => {};
    if (props.challenge) readProgress();
    return () => {
      unfollow();
      run.current?.stop();
      cancelAnimationFrame(frame.current);
      announcer.current?.dispose();
      editor.current?.destroy();
      if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    };
  }, []);

  // Ctrl/Cmd+Enter anywhere inside the example runs it (the editor handles it too).
  useEffect(() => {
    const section = root.current?.closest('section');
    if (!section) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void start();
      }
    };
    section.addEventListener('keydown', onKey);
    return () => section.removeEventListener('keydown', onKey);
  });

  function watch(r: RunHandle, n: number, startedAt: number): void {
    const tick = () => {
      const batch = pendingLines.current;
      pendingLines.current = [];
      dispatch({ type: 'frame', n, lines: batch, telemetry: r.telemetry(), elapsedMs: performance.now() - startedAt });
      if (!r.ended) frame.current = requestAnimationFrame(tick);
    };
    frame.current = requestAnimationFrame(tick);
  }

  /**
   * A part of the machinery that did not load or start (a chunk, the compiler): shown with its
   * message, and the island returns to rest. Null then; else what `f` gave.
   */
  async function load<T>(attempt: Attempt, part: string, f: () => Promise<T>): Promise<T | null> {
    try {
      return await f();
    } catch (e) {
      const message = `${part} did not load (${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}).`;
      dispatch({ type: 'failed', attempt, message });
      announcer.current?.say(message);
      return null;
    }
  }

  /**
   * The module Run, Step or Explore uses: the shipped one, or the reader's edit compiled in the
   * browser (null: it did not compile; the error is shown with its line and column).
   */
  async function compiledModule(mode: Mode): Promise<{ url: string; source: string } | null> {
    if (!editing || !editor.current) return { url: new URL(props.moduleUrl, location.href).href, source: props.source };
    dispatch({ type: 'compile', mode });
    const source = editor.current.text();
    const compiled = await load(mode, 'The compiler (esbuild-wasm)', async () => {
      const { compileInBrowser } = await compilerModule();
      return compileInBrowser({
        source,
        sourcefile: `${props.id}.ts`,
        runtimeUrl: new URL(props.runtimeUrl, location.href).href,
        wasmUrl: props.wasmUrl,
      });
    });
    if (compiled === null) return null;
    if (!compiled.ok) {
      dispatch({ type: 'compile-failed', errors: compiled.errors, ms: compiled.ms });
      announcer.current?.say(`${NOT_DONE[mode]}: ${compiled.errors}`);
      return null;
    }
    dispatch({ type: 'compiled', ms: compiled.ms });
    if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    blobUrl.current = URL.createObjectURL(new Blob([compiled.code], { type: 'text/javascript' }));
    return { url: blobUrl.current, source };
  }

  /** Step and Explore run what Run would: the edit when there is one (compiled again: the text may have changed). */
  async function prepareMode(mode: Mode): Promise<boolean> {
    const m = await compiledModule(mode);
    if (m === null) return false;
    const changed = m.url !== modeModule.current.url || m.source !== modeModule.current.source;
    modeModule.current = { ...m, version: modeModule.current.version + (changed ? 1 : 0) };
    return true;
  }

  async function start(): Promise<void> {
    if (problem) {
      // The reason is on screen already (under the toolbar); clear what may cover it, and say it.
      dispatch({ type: 'notice', text: null });
      announcer.current?.say(problem);
      return;
    }
    // Running again first ends the previous run: no worker outlives its run.
    run.current?.stop();
    cancelAnimationFrame(frame.current);
    const compiled = await compiledModule('run');
    if (compiled === null) return;
    const url = compiled.url;
    const host = await load('run', 'The runtime host', hostModule);
    if (host === null) return;
    // Tests and curious readers can count this page's workers through the host (0 between runs).
    (globalThis as { interleaveHost?: { liveWorkers(): number } }).interleaveHost = { liveWorkers: host.liveWorkers };
    const n = ++runCount.current;
    pendingLines.current = [];
    dispatch({ type: 'run-started', n });
    announcer.current?.say(`Run ${n} started.`);
    const startedAt = performance.now();
    const r = host.startRun({
      exampleUrl: url,
      needs: props.needs,
      workerUrl: props.workerUrl,
      params,
      timeLimitMs: props.timeLimitMs,
      onOutput: (line) => {
        // The first line of a run shows at once (it answers "did my click do anything?");
        // later ones are batched into the next animation frame, however fast they come.
        if (line.seq === 0) dispatch({ type: 'first-line', n, line });
        else pendingLines.current.push(line);
      },
      onEnd: (result) => {
        if (run.current !== r) return; // a newer run replaced this one
        cancelAnimationFrame(frame.current);
        const batch = pendingLines.current;
        pendingLines.current = [];
        const verdict = checkExpectation(props.expect, result);
        dispatch({ type: 'run-ended', n, lines: batch, telemetry: r.telemetry(), ended: { result, verdict } });
        announcer.current?.say(`Run ${n}: ${result.message} ${verdict.message}.`);
      },
    });
    run.current = r;
    watch(r, n, startedAt);
  }

  /** Before Step or Explore: says why not (no shared memory), or ends a live Run and its frame loop. */
  function leaveRun(): boolean {
    if (problem) {
      // The reason is on screen already (under the toolbar); clear what may cover it, and say it.
      dispatch({ type: 'notice', text: null });
      announcer.current?.say(problem);
      return false;
    }
    run.current?.stop();
    cancelAnimationFrame(frame.current);
    run.current = null;
    return true;
  }

  /** Opens step mode (loading its view and host on first use), optionally replaying a schedule. */
  async function openStep(start: StepStart): Promise<void> {
    if (!leaveRun()) return;
    const view = stepView.current ? null : stepViewModule();
    // Loaded in parallel with the compile; a failure is reported once it is awaited.
    view?.catch(() => {});
    if (!(await prepareMode('step'))) return;
    if (view) {
      const loaded = await load('step', 'The step view', () => view);
      if (loaded === null) return;
      stepView.current ??= loaded.default;
    }
    dispatch({ type: 'step-opened', start });
  }

  async function openExplore(): Promise<void> {
    if (!leaveRun()) return;
    const view = exploreView.current ? null : exploreViewModule();
    view?.catch(() => {});
    if (!(await prepareMode('explore'))) return;
    if (view) {
      const loaded = await load('explore', 'The Explore view', () => view);
      if (loaded === null) return;
      exploreView.current ??= loaded.default;
    }
    dispatch({ type: 'explore-opened' });
  }

  function stop(): void {
    run.current?.stop();
  }

  async function openEditor(): Promise<void> {
    dispatch({ type: 'edit-opened' });
    const code = root.current?.closest('section')?.querySelector<HTMLElement>('[data-example-code]');
    code?.setAttribute('hidden', '');
    const loaded = await load('edit', 'The editor', editorModule);
    if (loaded === null) {
      // The code stays readable: the listing comes back in place of the editor that did not load.
      code?.removeAttribute('hidden');
      return;
    }
    const { mountEditor } = loaded;
    if (!editorHost.current) return;
    editor.current = mountEditor(editorHost.current, loadEdit(props.id) ?? props.source, {
      onChange: (text) => {
        saveEdit(props.id, text);
        dispatch({ type: 'edit-saved' });
      },
      onRun: () => void start(),
    });
    editor.current.focus();
    // Warm the compiler while the reader types, so the first Run after an edit is quick.
    // A failure here is reported by the compile that needs it (Run, Step, Explore).
    void compilerModule().then((m) => m.warmUp(props.wasmUrl)).catch(() => {});
  }

  /** Discards the reader's edit: the original code is shown again, and the saved copy is gone. */
  function reset(): void {
    clearEdit(props.id);
    dispatch({ type: 'edit-reset' });
    editor.current?.destroy();
    editor.current = null;
    if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    blobUrl.current = null;
    root.current?.closest('section')?.querySelector<HTMLElement>('[data-example-code]')?.removeAttribute('hidden');
    announcer.current?.say('Example reset to the original code.');
  }

  async function copyLink(): Promise<void> {
    const link = exampleLink(location, props.anchor, props.params, params);
    window.history.replaceState(null, '', link.slice(location.origin.length));
    const copied = await copyText(link, 'Link');
    if (copied.ok) announcer.current?.say('Link to this example copied.');
    dispatch({ type: 'notice', text: copied.message });
  }

  /**
   * After every step: a challenge's win is recorded (the step view announces it), with the params it
   * was played with and whether on an edit (an edit identical to the source counts as none).
   */
  function onStepState(end: { verdict: { ok: boolean } } | null, schedule: readonly number[]): void {
    if (!props.challenge || !end?.verdict.ok) return;
    markSolved(props.id, schedule, { params: state.stepStart?.params ?? props.step?.params ?? {}, edited: modeModule.current.source !== props.source });
  }

  const running = isBusy(state);
  const { compileError, failure, notice } = state;
  const shownNotice = notice ?? problem;

  return (
    <div class="ex-runner" ref={root} data-phase={phase} data-runs={state.runNumber} data-hydrated={hydrated ? '' : undefined}
      data-compile-ms={state.compileMs === null ? undefined : Math.round(state.compileMs)}>
      {/* Rendered before hydration too (disabled), so hydrating never shifts the page under a
          reader; without JavaScript a <noscript> style in the layout hides the controls. */}
      <div class="ex-toolbar">
        <button type="button" class="ex-run" onClick={() => void start()} disabled={!hydrated || phase === 'compiling'}
          aria-keyshortcuts="Control+Enter Meta+Enter">
          {running ? 'Restart' : phase === 'ended' ? 'Run again' : 'Run'}
        </button>
        <button type="button" class="ex-stop" onClick={stop} disabled={!running}>Stop</button>
        {props.step && (
          <>
            <button type="button" class="ex-step-open" onClick={() => void openStep({ schedule: [], params: props.step!.params })}
              disabled={!hydrated || phase === 'compiling'} aria-pressed={phase === 'stepping'}>
              Step
            </button>
            {offersExplore(state, props.challenge !== null) && (
              <button type="button" class="ex-explore-open" onClick={() => void openExplore()}
                disabled={!hydrated || phase === 'compiling'} aria-pressed={phase === 'exploring'}>
                {props.challenge ? 'Explore: every way to win' : 'Explore'}
              </button>
            )}
          </>
        )}
        {state.linkSchedule && (
          <button type="button" class="ex-replay" onClick={() => void openStep(state.linkSchedule!)}>
            Replay this schedule ({state.linkSchedule.schedule.length} {state.linkSchedule.schedule.length === 1 ? 'step' : 'steps'})
          </button>
        )}
        {!editing ? (
          <button type="button" class="ex-edit" onClick={() => void openEditor()} disabled={!hydrated}>
            {state.hasSavedEdit ? 'Edit (your saved changes)' : 'Edit'}
          </button>
        ) : null}
        {(editing || state.hasSavedEdit) && (
          <button type="button" class="ex-reset" onClick={reset}>Reset</button>
        )}
        <button type="button" class="ex-link" onClick={() => void copyLink()} disabled={!hydrated}>Copy link</button>
        {props.embed && (
          <a class="ex-open" href={props.canonicalPath} target="_blank" rel="noopener">Open in a new tab</a>
        )}
        <span class="ex-status">
          {phase === 'compiling' ? 'Compiling…' : phase === 'running' ? `Running… ${(state.elapsedMs / 1000).toFixed(1)} s` : ''}
        </span>
      </div>

      {props.challenge && props.step && (
        <ChallengePanel id={props.id} anchor={props.anchor} challenge={props.challenge} solved={state.solved} solvedHow={state.solvedHow} hintsShown={state.hintsShown}
          stepParams={props.step.params} hydrated={hydrated} say={(text) => announcer.current?.say(text)}
          onReplay={(schedule) => void openStep({ schedule, params: props.step!.params })} />
      )}

      <ParamsView anchor={props.anchor} specs={props.params} values={params} disabled={!hydrated || running}
        onChange={(name, value) => dispatch({ type: 'param', name, value })} />

      {editing && (
        <div class="ex-editor-wrap">
          <p class="ex-hint" id={`${props.anchor}-editor-hint`}>
            Editing. Ctrl+Enter (⌘+Enter) runs. Tab indents; press Escape, then Tab, to leave the editor.
          </p>
          <div class="ex-editor" ref={editorHost} aria-describedby={`${props.anchor}-editor-hint`} />
        </div>
      )}

      {compileError && (
        <div class="ex-compile-error" role="alert">
          <strong>{NOT_DONE[compileError.mode]}: the code does not compile.</strong>
          <pre>{compileError.errors}</pre>
        </div>
      )}
      {failure && <p class="ex-failure" role="alert">{failure}</p>}
      {shownNotice && (
        <p class="ex-notice">
          {shownNotice}
          {newTab && notice === null && (
            <> <a class="ex-open-tab" href={newTab} target="_blank" rel="noopener">Open this example in a new tab</a>, where it runs.</>
          )}
        </p>
      )}

      {phase === 'stepping' && stepView.current && props.step && state.stepStart ? (
        <stepView.current key={`${modeModule.current.version} ${JSON.stringify(state.stepStart)}`} id={props.id} anchor={props.anchor}
          moduleUrl={modeModule.current.url} workerUrl={props.workerUrl} source={modeModule.current.source} expect={props.challenge?.win ?? props.step.expect} start={state.stepStart}
          exercise={props.exercise !== null} challenge={props.challenge !== null} onState={onStepState}
          onClose={() => dispatch({ type: 'mode-closed' })} />
      ) : phase === 'exploring' && exploreView.current && props.step ? (
        <exploreView.current key={modeModule.current.version} moduleUrl={modeModule.current.url} workerUrl={props.workerUrl} expect={props.step.expect}
          win={props.challenge?.win ?? null} params={props.step.params} runParams={params} onStepThrough={(start) => void openStep(start)}
          onClose={() => dispatch({ type: 'mode-closed' })} />
      ) : (
        <RunView state={state} exercise={props.exercise !== null} recorded={props.recorded} />
      )}
      <p class="visually-hidden" role="status" aria-live="polite" ref={liveRegion} />
    </div>
  );
}
