import { cardSvg } from '../src/lib/og/cards.ts';
import { renderPng } from '../src/lib/og/render.ts';
import { lanesOf } from '../src/lib/og/lanes.ts';
import { readFileSync, writeFileSync } from 'node:fs';
const d = JSON.parse(readFileSync('.astro/interleave/examples.json', 'utf8'));
let tSvg = 0, tPng = 0; const ids = process.argv.slice(2);
for (const id of ids) {
  const rec = d.recorded[id];
  let t = performance.now();
  const svg = cardSvg({ kicker: 'Runnable example · threads, shared memory', title: d.manifest.examples[id].meta.title, subtitle: null, footer: id,
    figure: { lanes: { caption: `Recorded run: ${rec.wallMs} ms, ${rec.where}`, lanes: lanesOf(rec), verdict: rec.deadlock ? `Deadlock: ${rec.deadlock}` : rec.verdict, verdictTone: rec.ok ? 'plain' : 'bad' } } });
  tSvg += performance.now() - t; t = performance.now();
  writeFileSync(`/tmp/i25-card-${id.replace('/', '_')}.png`, renderPng(svg));
  tPng += performance.now() - t;
}
console.log('svg ms/each', (tSvg / ids.length).toFixed(1), 'png ms/each', (tPng / ids.length).toFixed(1));
