// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { codeBlockBox, codeThemes } from './src/lib/code-themes.mjs';
import { isolationHeaders } from './src/isolation-headers.mjs';
import { pagefindIndex } from './src/integrations/pagefind-index.mjs';
import { devIsolation } from './src/integrations/dev-isolation.mjs';
import { runnableExamples } from './src/integrations/examples.mjs';
import { headingLinks } from './src/integrations/heading-links.mjs';
import { printLinks } from './src/integrations/print-links.mjs';
import { offline } from './src/integrations/offline.mjs';
import redirects from './content/redirects.json' with { type: 'json' };

// Old example ids still have an /embed/<old-id>/ page (a copy whose canonical link is the new one):
// leave those out of the sitemap.
const movedEmbeds = new Set(Object.keys(redirects.examples ?? {}).map((id) => `/embed/${id}/`));

// Absolute URLs (sitemap, canonical links, the URLs a printed page lists) need a site; deployments set SITE_URL.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  output: 'static',
  // Course materials link to /articles/<slug>/#<id>; one canonical form, never both.
  trailingSlash: 'always',
  build: { format: 'directory' },
  redirects: redirects.pages,
  markdown: {
    // Astro 7's Markdown processor. `headingAttributes` gives `## Title {#id}`: every heading id
    // is written in the source, never derived from the text, so rewording cannot break a link.
    processor: satteri({ features: { headingAttributes: true }, hastPlugins: [headingLinks(), printLinks({ site })] }),
    shikiConfig: {
      themes: codeThemes,
      defaultColor: 'light',
      transformers: [codeBlockBox],
    },
  },
  // offline() after pagefindIndex(): the worker it writes lists every built file, the search index too.
  integrations: [
    devIsolation(),
    runnableExamples(),
    mdx(),
    preact(),
    // Moved examples' copies and the offline page (the service worker shows it) are not pages to find.
    sitemap({
      filter: (page) => {
        const path = new URL(page).pathname;
        return !movedEmbeds.has(path) && !path.startsWith('/offline/');
      },
    }),
    pagefindIndex(),
    offline(),
  ],
  // The toolbar is for app development; it adds scripts and requests a reader never sees.
  devToolbar: { enabled: false },
  vite: {
    // Assets Vite serves itself in dev (and `astro preview`) need the same headers.
    server: { headers: { ...isolationHeaders } },
    preview: { headers: { ...isolationHeaders } },
    build: {
      // Astro inlines small component scripts into every page; the Content-Security-Policy allows
      // inline scripts only by hash, and a hash per component script would change with every edit.
      // As files they are covered by script-src 'self' (and cached, immutable, across pages).
      // Other assets keep Vite's default (undefined = its 4 KB rule).
      assetsInlineLimit: (file) => (/\.[cm]?[jt]sx?$/.test(file) ? false : undefined),
    },
  },
});
