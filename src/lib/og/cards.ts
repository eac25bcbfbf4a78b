/**
 * The link-preview images as SVG (1200x630, what Open Graph and Twitter cards show), drawn from a
 * page's own data: its title, and a picture of what it does. Hand-written templates, no layout
 * engine: titles are wrapped by measured width (wrap.ts), everything else has a fixed place. The
 * colours are the site's light theme (src/styles/global.css), which reads on light and dark chats.
 */
import { MONO, SANS } from './fonts.ts';
import { OG_HEIGHT, OG_WIDTH, escapeXml, textWidth } from './render.ts';
import { fitText } from './wrap.ts';

const C = {
  bg: '#ffffff',
  soft: '#f5f6f8',
  fg: '#1b1f24',
  fgSoft: '#4a5360',
  accent: '#0b5cad',
  accentSoft: '#e4eefb',
  ok: '#14673a',
  bad: '#b3261e',
  border: '#d7dce2',
};
const LEFT = 72;
const RIGHT = OG_WIDTH - 72;
const FOOTER_Y = 588;

/** One thread (or printer) of a recorded run, on a 0..1 time axis. */
export interface LaneSpan {
  name: string;
  from: number;
  to: number;
  /** Where it printed (0..1), for runs without thread telemetry (processes). */
  marks: number[];
  /** done / blocked (deadlocked, or still waiting at the end) / running (cut off by the time limit) / failed. */
  end: 'done' | 'blocked' | 'running' | 'failed';
  /** Shown after the bar, e.g. "waits for fork 2". */
  note: string | null;
  /** Drawn as an outline: it ran within this span, at times not measured (a process). */
  outline: boolean;
}

export interface LanesFigure {
  /** Above the lanes, e.g. "Recorded run, 443 ms, Node 24, 2 cores". */
  caption: string;
  lanes: LaneSpan[];
  /** Below the lanes: the run's verdict. */
  verdict: string;
  verdictTone: 'ok' | 'bad' | 'plain';
}

export interface ListFigure {
  items: string[];
  /** Number the items (the course), or mark them with a square (challenges, sections). */
  numbered: boolean;
}

export interface Card {
  /** Top right, e.g. "Runnable example" or "Course, part 5 of 14". */
  kicker: string;
  title: string;
  /** Under the title, at most two lines. */
  subtitle: string | null;
  figure: { lanes: LanesFigure } | { list: ListFigure } | null;
  /** Bottom line, in monospace: the page's address or the example id. */
  footer: string;
}

const text = (x: number, y: number, s: string, o: { size: number; weight?: 400 | 700; fill?: string; family?: string; anchor?: 'start' | 'end' }) =>
  `<text x="${x}" y="${y}" font-family="${o.family ?? SANS}" font-size="${o.size}" font-weight="${o.weight ?? 400}" fill="${o.fill ?? C.fg}"${o.anchor === 'end' ? ' text-anchor="end"' : ''}>${escapeXml(s)}</text>`;

/** Cut a line to `maxWidth` with an ellipsis (notes, list items, verdicts). */
function clip(s: string, maxWidth: number, size: number, weight: 400 | 700 = 400, family = SANS): string {
  if (textWidth(s, size, weight, family) <= maxWidth) return s;
  // The longest prefix that fits with its ellipsis, by halving (width grows with length).
  let lo = 1;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(`${s.slice(0, mid).trimEnd()}…`, size, weight, family) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${s.slice(0, lo).trimEnd()}…`;
}

export function cardSvg(card: Card): string {
  const parts: string[] = [];
  parts.push(`<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="${C.bg}"/>`);
  parts.push(`<rect width="${OG_WIDTH}" height="14" fill="${C.accent}"/>`);
  // Brand as on the site header: "Inter" plain, "leave" in the accent colour.
  const interW = textWidth('Inter', 34, 700);
  parts.push(text(LEFT, 84, 'Inter', { size: 34, weight: 700 }));
  parts.push(text(LEFT + interW + 2, 84, 'leave', { size: 34, weight: 700, fill: C.accent }));
  parts.push(text(RIGHT, 84, clip(card.kicker, 700, 26), { size: 26, fill: C.fgSoft, anchor: 'end' }));

  const hasFigure = card.figure !== null;
  const title = fitText(card.title, {
    sizes: hasFigure ? [64, 56, 48, 42] : [76, 68, 60, 52],
    maxWidth: RIGHT - LEFT,
    maxLines: hasFigure ? 2 : 3,
    measure: (s, size) => textWidth(s, size, 700),
  });
  let y = 130;
  for (const line of title.lines) {
    y += Math.round(title.size * 1.15);
    parts.push(text(LEFT, y, line, { size: title.size, weight: 700 }));
  }
  if (card.subtitle) {
    const sub = fitText(card.subtitle, { sizes: [28], maxWidth: RIGHT - LEFT, maxLines: 2, measure: (s, size) => textWidth(s, size) });
    y += 14;
    for (const line of sub.lines) {
      y += 38;
      parts.push(text(LEFT, y, line, { size: 28, fill: C.fgSoft }));
    }
  }
  const top = y + 36;
  const bottom = FOOTER_Y - 40;
  if (card.figure && 'lanes' in card.figure) parts.push(lanesSvg(card.figure.lanes, top, bottom));
  if (card.figure && 'list' in card.figure) parts.push(listSvg(card.figure.list, top, bottom));
  parts.push(`<line x1="${LEFT}" y1="${FOOTER_Y - 24}" x2="${RIGHT}" y2="${FOOTER_Y - 24}" stroke="${C.border}" stroke-width="2"/>`);
  parts.push(text(LEFT, FOOTER_Y + 8, clip(card.footer, RIGHT - LEFT, 24, 400, MONO), { size: 24, family: MONO, fill: C.fgSoft }));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">${parts.join('')}</svg>`;
}

const MAX_LANES = 6;

function lanesSvg(f: LanesFigure, top: number, bottom: number): string {
  const out: string[] = [];
  out.push(`<rect x="${LEFT - 24}" y="${top - 8}" width="${RIGHT - LEFT + 48}" height="${bottom - top + 16}" rx="12" fill="${C.soft}"/>`);
  out.push(text(LEFT, top + 26, clip(f.caption, RIGHT - LEFT, 22), { size: 22, fill: C.fgSoft }));
  const shown = f.lanes.length > MAX_LANES ? f.lanes.slice(0, MAX_LANES - 1) : f.lanes;
  const hidden = f.lanes.length - shown.length;
  const rows = shown.length + (hidden > 0 ? 1 : 0);
  const room = bottom - 44 - (top + 44);
  const pitch = Math.min(48, Math.max(18, room / Math.max(rows, 1)));
  const bar = Math.max(10, Math.min(24, pitch - 12));
  // The lanes sit in the middle of the room between the caption and the verdict.
  const lanesTop = top + 44 + Math.max(0, (room - pitch * rows) / 2);
  const labelW = 170;
  const x0 = LEFT + labelW;
  const x1 = RIGHT - 8;
  const nameSize = Math.min(22, bar + 4);
  shown.forEach((lane, i) => {
    const cy = lanesTop + pitch * i + pitch / 2;
    out.push(text(LEFT, cy + nameSize * 0.35, clip(lane.name, labelW - 16, nameSize, 400, MONO), { size: nameSize, family: MONO }));
    const colour = lane.end === 'blocked' || lane.end === 'failed' ? C.bad : C.accent;
    out.push(`<line x1="${x0}" y1="${cy}" x2="${x1}" y2="${cy}" stroke="${C.border}" stroke-width="2"/>`);
    if (lane.marks.length > 0) {
      for (const m of lane.marks) out.push(`<circle cx="${(x0 + (x1 - x0) * m).toFixed(1)}" cy="${cy}" r="${(bar / 2).toFixed(1)}" fill="${colour}"/>`);
    } else {
      const a = x0 + (x1 - x0) * lane.from;
      const w = Math.max(bar, (x1 - x0) * (lane.to - lane.from));
      const paint = lane.outline ? `fill="${C.bg}" stroke="${colour}" stroke-width="2" stroke-dasharray="8 6"` : `fill="${colour}"`;
      out.push(`<rect x="${a.toFixed(1)}" y="${(cy - bar / 2).toFixed(1)}" width="${w.toFixed(1)}" height="${bar}" rx="${(bar / 4).toFixed(1)}" ${paint}/>`);
    }
    const noteSize = nameSize - 2;
    if (lane.note && bar >= noteSize) {
      // After the bar, or inside its end when there is no room after it (on an outline, in its colour).
      const end = x0 + (x1 - x0) * lane.to;
      const after = end + 10 + textWidth(lane.note, noteSize, 700) <= x1;
      const fill = after ? colour : lane.outline ? colour : C.bg;
      out.push(text(after ? end + 10 : end - 10, cy + noteSize * 0.35, lane.note, { size: noteSize, weight: 700, fill, anchor: after ? 'start' : 'end' }));
    }
  });
  if (hidden > 0) {
    const cy = lanesTop + pitch * shown.length + pitch / 2;
    out.push(text(LEFT, cy + nameSize * 0.35, `+ ${hidden} more`, { size: nameSize, fill: C.fgSoft }));
  }
  const tone = f.verdictTone === 'ok' ? C.ok : f.verdictTone === 'bad' ? C.bad : C.fg;
  out.push(text(LEFT, bottom - 10, clip(f.verdict, RIGHT - LEFT, 26, 700), { size: 26, weight: 700, fill: tone }));
  return out.join('');
}

function listSvg(f: ListFigure, top: number, bottom: number): string {
  const out: string[] = [];
  const columns = f.items.length > 5 ? 2 : 1;
  const perColumn = Math.ceil(f.items.length / columns);
  const pitch = Math.min(40, (bottom - top) / Math.max(perColumn, 1));
  const size = Math.min(24, Math.floor(pitch * 0.68));
  const colW = (RIGHT - LEFT) / columns;
  f.items.forEach((item, i) => {
    const col = Math.floor(i / perColumn);
    const row = i % perColumn;
    const x = LEFT + col * colW;
    const cy = top + pitch * row + pitch / 2;
    if (f.numbered) {
      out.push(text(x + 30, cy + size * 0.35, String(i + 1), { size, weight: 700, fill: C.accent, anchor: 'end' }));
    } else {
      out.push(`<rect x="${x + 8}" y="${(cy - size * 0.35).toFixed(1)}" width="${(size * 0.7).toFixed(1)}" height="${(size * 0.7).toFixed(1)}" rx="3" fill="${C.accent}"/>`);
    }
    out.push(text(x + 44, cy + size * 0.35, clip(item, colW - 64, size), { size }));
  });
  return out.join('');
}
