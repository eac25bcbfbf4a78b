/**
 * Content collections. Articles live outside src/ (content/articles/*.mdx); their frontmatter
 * is validated here so a typo fails the build with a readable message instead of a broken page.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const articles = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/articles' }),
  schema: z.object({
    /** Shown as the page's h1 and in navigation. */
    title: z.string().min(1),
    /** One line: the home page lists it under the title; also the meta description. */
    description: z.string().min(20).max(220),
    /** Reading order, 1-based; the sidebar and previous/next links follow it. */
    order: z.number().int().positive(),
    /** Short label for the sidebar when the title is long. Default: the title. */
    navTitle: z.string().optional(),
    /**
     * The day the page's version statements were last checked against their sources, e.g.
     * `asOf: 2026-11-27`. Required once the page names a Python or Go release; compared with
     * content/releases.json by test/unit/content/freshness.test.ts (YAML reads it as a date).
     */
    asOf: z.coerce.date().optional(),
    /**
     * Who the page is written for, in schema.org's words (`educationalLevel` of its JSON-LD):
     * beginner (no concurrency assumed), intermediate (threads and locks known), advanced (builds
     * primitives, memory ordering). Written per article, never guessed from its position.
     */
    level: z.enum(['beginner', 'intermediate', 'advanced']),
  }),
});

export const collections = { articles };
