/**
 * Components every article may use without importing them: `<Example id="…" />` and friends.
 * (One place, so MDX files stay prose plus tags.)
 */
import Example from './Example.astro';
import Snippet from './Snippet.astro';
import CodeTabs from './CodeTabs.astro';
import GilTimeline from './GilTimeline.astro';
import GilSpeedup from './GilSpeedup.astro';
import GilConvoy from './GilConvoy.astro';
import EventLoopStall from './EventLoopStall.astro';

export const mdxComponents = { Example, Snippet, CodeTabs, GilTimeline, GilSpeedup, GilConvoy, EventLoopStall };
