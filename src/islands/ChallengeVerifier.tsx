/**
 * The challenges page's verify box (/challenges/#verify): an instructor pastes a student's
 * verification code (src/runtime/verification-code.ts) and the page replays it on real Web Workers,
 * in the step view, to the end of the run, then says "Solved" or exactly why it does not win.
 *
 * The decoder and judge are src/runtime/verify-code.ts, the module `npm run example -- <id>
 * --verify <code>` uses too; it (with zod) and the step view load on the first Verify, never with
 * the page. Replaying records nothing: the instructor's own progress is not touched.
 *
 * Keyboard: a labelled input and a real submit button; Enter verifies; the verdict is announced in a
 * polite live region and the keyboard stays on the form (the replay below is there to look at).
 */
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Expectation } from '../runtime/example-meta.ts';
import type { StepState } from '../runtime/host/step-session.ts';
import type { ChallengeInfo, CodeClaim } from '../runtime/verify-code.ts';
import { WHAT_A_CODE_PROVES } from '../runtime/verification-code.ts';
import type { StepViewProps } from './example/step-view.tsx';
import { isolationProblem } from './host.ts';

const verifyModule = () => import('../runtime/verify-code.ts');
const stepViewModule = () => import('./example/step-view.tsx');

/** One challenge as the verify box needs it (built from the same props as its example). */
export interface VerifiableChallenge {
  id: string;
  title: string;
  /** "Challenge 4" */
  label: string;
  /** The challenge's section heading id, e.g. "ch-total-two". */
  heading: string;
  /** The example's anchor, e.g. "ex-challenges-total-two" (its source is in the page there). */
  anchor: string;
  win: Expectation;
  params: Record<string, number>;
  ranges: Record<string, { min: number; max: number }>;
  moduleUrl: string;
  workerUrl: string;
}

export interface ChallengeVerifierProps {
  challenges: VerifiableChallenge[];
}

type Result =
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'rejected'; message: string }
  | { phase: 'replaying' | 'solved' | 'not-won'; message: string; challenge: VerifiableChallenge };

interface Replay {
  n: number;
  claim: CodeClaim;
  challenge: VerifiableChallenge;
  source: string;
}

export default function ChallengeVerifier(props: ChallengeVerifierProps) {
  const [hydrated, setHydrated] = useState(false);
  const [text, setText] = useState('');
  const [result, setResult] = useState<Result>({ phase: 'idle' });
  const [replay, setReplay] = useState<Replay | null>(null);
  // Verdicts given so far (rejections included): tests and tools wait on it, never on time.
  const [verdicts, setVerdicts] = useState(0);
  const view = useRef<ComponentType<StepViewProps> | null>(null);
  const runs = useRef(0);

  useEffect(() => setHydrated(true), []);

  async function verify(e: Event): Promise<void> {
    e.preventDefault();
    const n = ++runs.current;
    setReplay(null);
    setResult({ phase: 'checking' });
    const { decodeVerificationCode } = await verifyModule();
    const lookup = (id: string): ChallengeInfo | undefined => props.challenges.find((c) => c.id === id);
    const decoded = decodeVerificationCode(text, lookup);
    if (runs.current !== n) return;
    if (!decoded.ok) {
      setResult({ phase: 'rejected', message: `Not verified: ${decoded.problem.message}` });
      setVerdicts((n) => n + 1);
      return;
    }
    const challenge = lookup(decoded.claim.id) as VerifiableChallenge;
    const { claim } = decoded;
    const what = `the code for ${challenge.label}, "${challenge.title}"${describeParams(claim.params)}: ${claim.schedule.length} steps`;
    const problem = isolationProblem('Replaying a code');
    if (problem) {
      setResult({
        phase: 'rejected',
        message: `Not replayed here: ${what} is well formed, but this browser cannot replay it. ${problem} In a terminal: npm run example -- ${claim.id} --verify ${text.replace(/\s+/g, '')}`,
      });
      setVerdicts((n) => n + 1);
      return;
    }
    view.current ??= (await stepViewModule()).default;
    if (runs.current !== n) return;
    // The step view shows each thread's code: the program's source is in the page, in its example.
    const source = document.getElementById(challenge.anchor)?.querySelector<HTMLTemplateElement>('template[data-copy-source]')?.content.textContent ?? '';
    setResult({ phase: 'replaying', message: `Replaying ${what}…`, challenge });
    setReplay({ n, claim, challenge, source });
  }

  async function judge(r: Replay, state: StepState): Promise<void> {
    const { judgeReplay } = await verifyModule();
    if (runs.current !== r.n) return;
    const verdict = judgeReplay(r.claim, r.challenge, state);
    setResult({ phase: verdict.ok ? 'solved' : 'not-won', message: `${r.challenge.label}: ${verdict.message}`, challenge: r.challenge });
    setVerdicts((n) => n + 1);
  }

  const busy = result.phase === 'checking' || result.phase === 'replaying';
  const invalid = result.phase === 'rejected' || result.phase === 'not-won';
  const View = view.current;
  return (
    <div class="verify" data-verify-status={result.phase} data-verdicts={verdicts} data-hydrated={hydrated ? '' : undefined}>
      <form class="verify-form" onSubmit={(e) => void verify(e)}>
        <label for="verify-code">Verification code</label>
        <input id="verify-code" type="text" name="code" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)}
          autocomplete="off" autocapitalize="off" spellcheck={false} required disabled={!hydrated}
          placeholder="IL1-…" aria-describedby="verify-help verify-result" aria-invalid={invalid ? 'true' : undefined} />
        <button type="submit" disabled={!hydrated || busy}>{busy ? 'Verifying…' : 'Verify'}</button>
      </form>
      <p class="ex-hint" id="verify-help">
        A code looks like <code>IL1-total_two-n~2-1.2x3.1x3.2-2WQHTZ3</code>. The same check in a terminal:{' '}
        <code>npm run example -- &lt;challenge id&gt; --verify &lt;code&gt;</code>. {WHAT_A_CODE_PROVES}
      </p>
      <p id="verify-result" class={`verify-result${result.phase === 'solved' ? ' ex-ok' : invalid ? ' ex-bad' : ''}`} role="status" aria-live="polite">
        {result.phase === 'idle' ? '' : result.phase === 'checking' ? 'Checking the code…' : result.message}
        {'challenge' in result && result.phase !== 'replaying' && (
          <> <a href={`#${result.challenge.heading}`}>Go to {result.challenge.label}</a></>
        )}
      </p>
      {replay && View && (
        <div class="verify-replay">
          <View key={replay.n} id={replay.challenge.id} anchor={replay.challenge.anchor} moduleUrl={replay.challenge.moduleUrl}
            workerUrl={replay.challenge.workerUrl} source={replay.source} expect={replay.challenge.win}
            start={{ schedule: replay.claim.schedule, params: { ...replay.claim.params } }} exercise={false} challenge
            autoFocus={false} onReplayed={(state) => void judge(replay, state)} onClose={() => setReplay(null)} />
        </div>
      )}
    </div>
  );
}

function describeParams(params: Readonly<Record<string, number>>): string {
  const list = Object.entries(params).map(([k, v]) => `${k} = ${v}`);
  return list.length === 0 ? '' : ` (${list.join(', ')})`;
}
