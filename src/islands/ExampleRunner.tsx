/**
 * The example island: Run / Stop, parameter controls, live counters read from shared memory
 * every animation frame, output, verdict, timings, run history, Edit (CodeMirror + esbuild-wasm,
 * loaded only then), Reset, and "copy link to this example".
 *
 * Server-rendered, it shows only the output recorded at build time, so the page is complete
 * without JavaScript. The runtime host loads on the first Run; the editor on the first Edit.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutputLine, RunResult } from '../runtime/host/run.ts';
import type { RunHandle } from '../runtime/host/browser-host.ts';
import type { Telemetry } from '../runtime/telemetry.ts';
import { checkExpectation, type Verdict } from '../runtime/expectation.ts';
import { Announcer } from './example/announcer.ts';
import { clearEdit, loadEdit, saveEdit } from './example/edits.ts';
import { clampParam, exampleLink, paramsFromUrl } from './example/params.ts';
import type { ExampleProps } from './example/types.ts';
import { Counters, Deadlock, Errors, History, Output, Threads, type HistoryEntry } from './example/live-view.tsx';
import type { EditorHandle } from './editor/code-editor.ts';
import { hostModule, isolationProblem, warmHostOnIntent } from './host.ts';

type Phase = 'idle' | 'compiling' | 'running' | 'ended';

interface Ended {
  result: RunResult;
  verdict: Verdict;
}

const editorModule = () => import('./editor/code-editor.ts');
const compilerModule = () => import('./editor/compile-in-browser.ts');


export default function ExampleRunner(props: ExampleProps) {
  const [hydrated, setHydrated] = useState(false);
  const [params, setParams] = useState<Record<string, number>>(props.initial);
  const [phase, setPhase] = useState<Phase>('idle');
  const [lines, setLines] = useState<OutputLine[]>([]);
  const [telemetry, setTelemetry] = useState<Telemetry | null>(null);
  const [ended, setEnded] = useState<Ended | null>(null);
  const [runs, setRuns] = useState<HistoryEntry[]>([]);
  const [editing, setEditing] = useState(false);
  const [hasSavedEdit, setHasSavedEdit] = useState(false);
  const [compileError, setCompileError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [compileMs, setCompileMs] = useState<number | null>(null);

  const root = useRef<HTMLDivElement>(null);
  const editorHost = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const run = useRef<RunHandle | null>(null);
  const frame = useRef(0);
  const pendingLines = useRef<OutputLine[]>([]);
  const runCount = useRef(0);
  const announcer = useRef<Announcer | null>(null);
  const blobUrl = useRef<string | null>(null);

  const problem = hydrated && props.needs === 'threads' ? isolationProblem('This example') : null;

  useEffect(() => {
    setHydrated(true);
    announcer.current = new Announcer(setAnnouncement);
    setParams(paramsFromUrl(new URL(location.href), props.anchor, props.params, props.initial, props.oldAnchors));
    setHasSavedEdit(loadEdit(props.id) !== null);
    warmHostOnIntent(root.current?.closest('section'));
    return () => {
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

  function watch(r: RunHandle, startedAt: number): void {
    const tick = () => {
      if (pendingLines.current.length) {
        const batch = pendingLines.current;
        pendingLines.current = [];
        setLines((prev) => prev.concat(batch));
      }
      setTelemetry(r.telemetry());
      setElapsed(performance.now() - startedAt);
      if (!r.ended) frame.current = requestAnimationFrame(tick);
    };
    frame.current = requestAnimationFrame(tick);
  }

  async function moduleUrlForRun(): Promise<string | null> {
    if (!editing || !editor.current) return new URL(props.moduleUrl, location.href).href;
    setPhase('compiling');
    const source = editor.current.text();
    const { compileInBrowser } = await compilerModule();
    const compiled = await compileInBrowser({
      source,
      sourcefile: `${props.id}.ts`,
      runtimeUrl: new URL(props.runtimeUrl, location.href).href,
      wasmUrl: props.wasmUrl,
    });
    setCompileMs(compiled.ms);
    if (!compiled.ok) {
      setCompileError(compiled.errors);
      setPhase(ended ? 'ended' : 'idle');
      announcer.current?.say(`Not run: ${compiled.errors}`);
      return null;
    }
    setCompileError(null);
    if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    blobUrl.current = URL.createObjectURL(new Blob([compiled.code], { type: 'text/javascript' }));
    return blobUrl.current;
  }

  async function start(): Promise<void> {
    if (problem) {
      setNotice(problem);
      return;
    }
    // Running again first ends the previous run: no worker outlives its run.
    run.current?.stop();
    cancelAnimationFrame(frame.current);
    const url = await moduleUrlForRun();
    if (url === null) return;
    const host = await hostModule();
    // Tests and curious readers can count this page's workers through the host (0 between runs).
    (globalThis as { interleaveHost?: { liveWorkers(): number } }).interleaveHost = { liveWorkers: host.liveWorkers };
    const n = ++runCount.current;
    pendingLines.current = [];
    setLines([]);
    setEnded(null);
    setNotice(null);
    setTelemetry(null);
    setPhase('running');
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
        if (line.seq === 0) setLines([line]);
        else pendingLines.current.push(line);
      },
      onEnd: (result) => {
        if (run.current !== r) return; // a newer run replaced this one
        cancelAnimationFrame(frame.current);
        const batch = pendingLines.current;
        pendingLines.current = [];
        setLines((prev) => (batch.length ? prev.concat(batch) : prev));
        setTelemetry(r.telemetry());
        const verdict = checkExpectation(props.expect, result);
        setEnded({ result, verdict });
        setElapsed(result.wallMs);
        setPhase('ended');
        setRuns((h) => [...h.slice(-9), { n, ok: verdict.ok, summary: verdict.message, wallMs: result.wallMs }]);
        announcer.current?.say(`Run ${n}: ${result.message} ${verdict.message}.`);
      },
    });
    run.current = r;
    watch(r, startedAt);
  }

  function stop(): void {
    run.current?.stop();
  }

  async function openEditor(): Promise<void> {
    setEditing(true);
    const section = root.current?.closest('section');
    section?.querySelector<HTMLElement>('[data-example-code]')?.setAttribute('hidden', '');
    const { mountEditor } = await editorModule();
    if (!editorHost.current) return;
    editor.current = mountEditor(editorHost.current, loadEdit(props.id) ?? props.source, {
      onChange: (text) => {
        saveEdit(props.id, text);
        setHasSavedEdit(true);
      },
      onRun: () => void start(),
    });
    editor.current.focus();
    // Warm the compiler while the reader types, so the first Run after an edit is quick.
    void compilerModule().then((m) => m.warmUp(props.wasmUrl));
  }

  /** Discards the reader's edit: the original code is shown again, and the saved copy is gone. */
  function reset(): void {
    clearEdit(props.id);
    setHasSavedEdit(false);
    setCompileError(null);
    editor.current?.destroy();
    editor.current = null;
    setEditing(false);
    if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    blobUrl.current = null;
    root.current?.closest('section')?.querySelector<HTMLElement>('[data-example-code]')?.removeAttribute('hidden');
    announcer.current?.say('Example reset to the original code.');
  }

  async function copyLink(): Promise<void> {
    const link = exampleLink(location, props.anchor, props.params, params);
    window.history.replaceState(null, '', link.slice(location.origin.length));
    try {
      await navigator.clipboard.writeText(link);
      announcer.current?.say('Link to this example copied.');
      setNotice(`Link copied: ${link}`);
    } catch {
      setNotice(`Copy this link: ${link}`);
    }
  }

  const running = phase === 'running' || phase === 'compiling';
  const live = lines.length > 0 || phase !== 'idle';
  const counters = telemetry?.counters ?? ended?.result.counters ?? [];
  const threads = telemetry?.threads ?? ended?.result.threads ?? [];

  return (
    <div class="ex-runner" ref={root} data-phase={phase} data-runs={runCount.current} data-hydrated={hydrated ? '' : undefined}
      data-compile-ms={compileMs === null ? undefined : Math.round(compileMs)}>
      {/* Rendered before hydration too (disabled), so hydrating never shifts the page under a
          reader; without JavaScript a <noscript> style in the layout hides the controls. */}
      {(
        <div class="ex-toolbar">
          <button type="button" class="ex-run" onClick={() => void start()} disabled={!hydrated || phase === 'compiling'}
            aria-keyshortcuts="Control+Enter Meta+Enter">
            {running ? 'Restart' : phase === 'ended' ? 'Run again' : 'Run'}
          </button>
          <button type="button" class="ex-stop" onClick={stop} disabled={!running}>Stop</button>
          {!editing ? (
            <button type="button" class="ex-edit" onClick={() => void openEditor()} disabled={!hydrated}>
              {hasSavedEdit ? 'Edit (your saved changes)' : 'Edit'}
            </button>
          ) : null}
          {(editing || hasSavedEdit) && (
            <button type="button" class="ex-reset" onClick={reset}>Reset</button>
          )}
          <button type="button" class="ex-link" onClick={() => void copyLink()} disabled={!hydrated}>Copy link</button>
          {props.embed && (
            <a class="ex-open" href={props.canonicalPath} target="_blank" rel="noopener">Open in a new tab</a>
          )}
          <span class="ex-status">
            {phase === 'compiling' ? 'Compiling…' : phase === 'running' ? `Running… ${(elapsed / 1000).toFixed(1)} s` : ''}
          </span>
        </div>
      )}

      {Object.keys(props.params).length > 0 && (
        <fieldset class="ex-params" disabled={!hydrated || running}>
          <legend>Parameters</legend>
          {Object.entries(props.params).map(([name, spec]) => (
            <label key={name}>
              <span>{spec.label}</span>
              <input type="number" name={name} min={spec.min} max={spec.max} step={spec.step} value={params[name]}
                onChange={(e) => {
                  const v = clampParam(spec, Number((e.currentTarget as HTMLInputElement).value));
                  setParams((p) => ({ ...p, [name]: v }));
                }} />
              <span class="ex-range">{spec.min.toLocaleString('en-US')}–{spec.max.toLocaleString('en-US')}</span>
            </label>
          ))}
        </fieldset>
      )}

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
          <strong>Not run: the code does not compile.</strong>
          <pre>{compileError}</pre>
        </div>
      )}
      {(notice || problem) && <p class="ex-notice">{notice ?? problem}</p>}

      {live ? (
        <div class="ex-live">
          <Counters counters={counters} />
          <Threads threads={threads} />
          {ended?.result.deadlock && <Deadlock report={ended.result.deadlock} />}
          <Errors errors={ended?.result.errors ?? []} />
          <Output lines={lines} live />
          {ended && (
            <p class={`ex-verdict ${ended.verdict.ok ? 'ex-ok' : 'ex-bad'}`}>
              {/* A deadlock's cycle is drawn above and named in the verdict: say it once. */}
              {ended.result.reason === 'deadlock' ? '' : `${ended.result.message} `}
              {props.exercise
                ? ended.verdict.ok ? 'Exercise solved' : 'Not solved yet'
                : ended.verdict.ok ? 'Shows what it claims' : 'Does not show what it claims'}:{' '}
              {ended.verdict.message}. Wall time {Math.round(ended.result.wallMs)} ms.
            </p>
          )}
          <History entries={runs} />
        </div>
      ) : (
        <figure class="ex-recorded">
          <figcaption>Output recorded when the site was built ({props.recorded.where})</figcaption>
          <pre class="ex-output-text" tabIndex={0}>{props.recorded.lines.join('\n')}</pre>
          <p class={`ex-verdict ${props.recorded.ok ? 'ex-ok' : 'ex-bad'}`}>
            {props.recorded.message} {props.exercise && !props.recorded.ok ? 'Not solved yet (as shipped): ' : ''}
            {props.recorded.verdict}.
          </p>
        </figure>
      )}
      <p class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
    </div>
  );
}
