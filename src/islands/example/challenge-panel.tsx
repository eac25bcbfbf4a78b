/**
 * A challenge's panel under its toolbar (content/examples/challenges/, docs/challenges.md): whether
 * it is solved and with which schedule (copyable, and as a link that replays it), and the graded
 * hints, revealed one at a time by a button. The goal itself is in the static HTML
 * (Example.astro); the win is judged by the step run (step-view.tsx, with the challenge's `win` as
 * its expectation) and recorded by ExampleRunner in challenge-progress.ts.
 *
 * Once solved on the published program, it offers the verification code to hand in
 * (src/runtime/verification-code.ts): an instructor replays it in the verify box at the top of the
 * page (ChallengeVerifier.tsx) or with `npm run example -- <id> --verify <code>`.
 */
import { useRef, useState } from 'preact/hooks';
import { formatSchedule, stepLink } from '../../runtime/schedule.ts';
import { encodeVerificationCode } from '../../runtime/verification-code.ts';
import { setHintsShown, type SolvedHow } from './challenge-progress.ts';
import type { ChallengeProps } from './types.ts';
import { copyText } from './copy-text.ts';

export interface ChallengePanelProps {
  id: string;
  anchor: string;
  challenge: ChallengeProps;
  /** The winning schedule, once solved (from localStorage); null before. */
  solved: readonly number[] | null;
  /** How it was won (params, on an edit or not); null for a win recorded before that was kept. */
  solvedHow: SolvedHow | null;
  hintsShown: number;
  stepParams: Record<string, number>;
  hydrated: boolean;
  onReplay: (schedule: readonly number[]) => void;
  /** Announces in the runner's polite live region. */
  say: (text: string) => void;
}

export function ChallengePanel(props: ChallengePanelProps) {
  const { challenge, solved, hintsShown } = props;
  const [copied, setCopied] = useState<string | null>(null);
  const hintList = useRef<HTMLOListElement>(null);
  const total = challenge.hints.length;

  function reveal(): void {
    const n = Math.min(total, hintsShown + 1);
    setHintsShown(props.id, n);
    props.say(`Hint ${n} of ${total}: ${challenge.hints[n - 1] ?? ''}`);
    // The button goes away with the last hint: keep the keyboard on the hint just shown.
    if (n === total) requestAnimationFrame(() => hintList.current?.querySelector<HTMLElement>('li:last-child')?.focus());
  }

  async function copy(text: string, what: string): Promise<void> {
    setCopied((await copyText(text, what)).message);
  }

  const schedule = solved ? formatSchedule(solved) : '';
  const playedWith = props.solvedHow?.params ?? props.stepParams;
  const link = solved ? `${location.origin}${location.pathname}${stepLink({ exampleId: props.id, schedule: solved, params: playedWith })}` : '';
  const edited = props.solvedHow?.edited === true;
  const code = solved && !edited ? verificationCode(props.id, playedWith, solved) : null;
  return (
    <div class="ch-panel" data-challenge-solved={solved ? '' : undefined}>
      {props.hydrated && (solved ? (
        <p class="ch-status ch-solved">
          <strong>Solved</strong> with the schedule <code data-winning-schedule>{schedule}</code>.{' '}
          <button type="button" class="ch-replay" onClick={() => props.onReplay(solved)}>Replay it</button>{' '}
          <button type="button" class="ch-copy" onClick={() => void copy(schedule, 'Schedule')}>Copy schedule</button>{' '}
          <button type="button" class="ch-link" onClick={() => void copy(link, 'Link')}>Copy link</button>
        </p>
      ) : (
        <p class="ch-status">Not solved yet: press Step and choose which thread moves next.</p>
      ))}
      {props.hydrated && solved && !edited && code !== null && (
        <div class="ch-code">
          <p class="ch-code-line">
            <strong>Verification code</strong> to hand in: <code data-verification-code>{code}</code>{' '}
            <button type="button" class="ch-copy-code" onClick={() => void copy(code, 'Verification code')}>Copy code</button>
          </p>
          <p class="ch-code-note">
            Your instructor pastes it into <a href="#verify">Verify a solution</a>, at the end of this page, or runs{' '}
            <code>npm run example -- {props.id} --verify {code}</code>, and sees the schedule replayed to the win.
            It shows that this schedule wins, not who found it: the code is a checksum, not a signature.
          </p>
        </div>
      )}
      {props.hydrated && solved && edited && (
        <p class="ch-code-note" data-no-code>
          You won with your edited program, so there is no verification code: a code replays the program as published.
          Press Reset and win it unedited to get one.
        </p>
      )}
      {copied && <p class="ex-notice">{copied}</p>}
      {hintsShown > 0 && (
        <ol class="ch-hints" ref={hintList} aria-label="Hints">
          {challenge.hints.slice(0, hintsShown).map((h, i) => (
            <li key={i} tabIndex={-1}><strong>Hint {i + 1} of {total}:</strong> {h}</li>
          ))}
        </ol>
      )}
      {hintsShown < total && (
        <button type="button" class="ch-hint" onClick={reveal} disabled={!props.hydrated}>
          Show hint {hintsShown + 1} of {total}
        </button>
      )}
    </div>
  );
}

/** The code for a win, or null if this win cannot be written as one (the format's test covers every challenge). */
function verificationCode(id: string, params: Record<string, number>, schedule: readonly number[]): string | null {
  try {
    return encodeVerificationCode({ id, params, schedule });
  } catch {
    return null;
  }
}
