/**
 * A challenge's panel under its toolbar (content/examples/challenges/, docs/challenges.md): whether
 * it is solved and with which schedule (copyable, and as a link that replays it), and the graded
 * hints, revealed one at a time by a button. The goal itself is in the static HTML
 * (Example.astro); the win is judged by the step run (step-view.tsx, with the challenge's `win` as
 * its expectation) and recorded by ExampleRunner in challenge-progress.ts.
 */
import { useRef, useState } from 'preact/hooks';
import { formatSchedule, stepLink } from '../../runtime/schedule.ts';
import { setHintsShown } from './challenge-progress.ts';
import type { ChallengeProps } from './types.ts';
import { copyText } from './copy-text.ts';

export interface ChallengePanelProps {
  id: string;
  anchor: string;
  challenge: ChallengeProps;
  /** The winning schedule, once solved (from localStorage); null before. */
  solved: readonly number[] | null;
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
  const link = solved ? `${location.origin}${location.pathname}${stepLink({ exampleId: props.id, schedule: solved, params: props.stepParams })}` : '';
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
