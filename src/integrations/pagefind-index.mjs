// @ts-check
/**
 * Builds the Pagefind search index over the finished static site, at build time, so search
 * needs no server. Only elements marked `data-pagefind-body` (article text) are indexed.
 */
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/** @returns {import('astro').AstroIntegration} */
export function pagefindIndex() {
  return {
    name: 'interleave:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: `${site}/pagefind` });
        if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
        logger.info(`indexed ${added.page_count} pages`);
        await pagefind.close();
      },
    },
  };
}
