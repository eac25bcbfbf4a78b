/**
 * Drawing the GIL timeline on a canvas: one lane per thread, one rectangle per stretch in a state,
 * and a tick where a thread got the GIL from another (a hand-off). Cheap enough for every animation
 * frame: a few thousand fillRect calls at most, nothing allocated per segment.
 */
import { LaneState } from '../../runtime/gil/layout.ts';
import type { Segment } from '../../runtime/gil/telemetry.ts';

/** Colours by state; chosen to differ in lightness too, for readers who do not tell hues apart. */
export const STATE_COLOURS: Record<number, string> = {
  [LaneState.RUNNING]: '#1b7f3b',
  [LaneState.WAITING]: '#e8a317',
  [LaneState.IO]: '#5b8fd6',
};
export const STATE_LABELS: Record<number, string> = {
  [LaneState.RUNNING]: 'Running Python',
  [LaneState.WAITING]: 'Waiting for the GIL',
  [LaneState.IO]: 'Blocked on I/O',
};

export interface DrawOptions {
  names: string[];
  /** Time at the left edge and the width of the window, µs. */
  t0: number;
  spanUs: number;
  /** Up to where lanes are drawn (open segments end here), µs. */
  nowUs: number;
  /** Draw hand-off ticks (GIL mode). */
  handoffs: boolean;
  fg: string;
  grid: string;
}

const LABEL_W = 64;
const LANE_H = 22;
const GAP = 8;
const AXIS_H = 18;

export function canvasHeight(lanes: number): number {
  return AXIS_H + Math.max(1, lanes) * (LANE_H + GAP);
}

export function drawTimeline(ctx: CanvasRenderingContext2D, width: number, lanes: Segment[][], o: DrawOptions): void {
  const height = canvasHeight(lanes.length);
  ctx.clearRect(0, 0, width, height);
  const plotW = width - LABEL_W - 4;
  const x = (t: number) => LABEL_W + ((t - o.t0) / o.spanUs) * plotW;
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  // Time axis: a tick every 100 ms (every 500 ms for long windows).
  const step = o.spanUs > 2_000_000 ? 500_000 : 100_000;
  ctx.fillStyle = o.fg;
  ctx.strokeStyle = o.grid;
  ctx.lineWidth = 1;
  for (let t = 0; t <= o.spanUs; t += step) {
    const px = Math.round(x(o.t0 + t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(px, AXIS_H - 4);
    ctx.lineTo(px, height);
    ctx.stroke();
    ctx.fillText(`${Math.round(t / 1000)} ms`, px + 2, 8);
  }
  lanes.forEach((segs, i) => {
    const y = AXIS_H + i * (LANE_H + GAP);
    ctx.fillStyle = o.fg;
    ctx.fillText(o.names[i] ?? `T${i + 1}`, 4, y + LANE_H / 2);
    for (const s of segs) {
      const end = s.endUs < 0 ? o.nowUs : s.endUs;
      const x0 = x(s.startUs);
      const w = Math.max(0.5, x(end) - x0);
      ctx.fillStyle = STATE_COLOURS[s.state] ?? '#999';
      ctx.fillRect(x0, y, w, LANE_H);
    }
  });
  if (!o.handoffs) return;
  // A hand-off: a lane starts RUNNING right after another lane stopped. Mark every RUNNING start
  // that followed a wait (the thread got the GIL from someone else) with a dark tick.
  ctx.fillStyle = o.fg;
  lanes.forEach((segs, i) => {
    const y = AXIS_H + i * (LANE_H + GAP);
    for (let k = 1; k < segs.length; k++) {
      const s = segs[k];
      const prev = segs[k - 1];
      if (s !== undefined && prev !== undefined && s.state === LaneState.RUNNING && prev.state === LaneState.WAITING) {
        ctx.fillRect(Math.round(x(s.startUs)), y - 3, 1.5, LANE_H + 6);
      }
    }
  });
}
