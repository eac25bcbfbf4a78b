/** Open Graph's recommended large-card size (1.91:1), the one every preview image is drawn at. */
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;
