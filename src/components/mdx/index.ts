/**
 * Components every article may use without importing them: `<Example id="…" />` and friends.
 * (One place, so MDX files stay prose plus tags.)
 */
import Example from './Example.astro';

export const mdxComponents = { Example };
