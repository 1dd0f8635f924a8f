// The theme's colours for code that cannot use the SCSS variables: canvas drawing (share poster,
// picking-list picture), SVG, component props and app.config. Each name is the camelCase of its
// variable in theme.scss, with the same value (test/app/theme.test.ts checks they agree).
export const colors = {
  green: '#247b35',
  greenDark: '#20672e',
  greenWash: '#f3faf1',
  orange: '#ba470a',
  red: '#d32020',
  ink: '#1f2a22',
  textMutedAlt: '#66706a',
  textMutedGreen: '#606e65',
  textFaint: '#676d68',
  white: '#ffffff',
  pageBg: '#f4f6f3',
  line: '#e9ece8',
} as const

/** Drawn only on the share poster's canvas. */
export const posterColors = {
  progressTrack: '#dcefd8',
  qrFrame: '#e3eee0',
  tileSheen: 'rgba(255,255,255,0.16)',
} as const

// Soft produce colours for a photo-less product's tile, picked by its name so it keeps its colour.
const TILE_PALETTE = ['#2f9e44', '#f76707', '#e8590c', '#37b24d', '#f59f00', '#0ca678', '#d6336c']

/** The placeholder tile colour for a product (the app's image placeholder and the share poster). */
export function tileColor(name: string): string {
  let sum = 0
  for (const ch of name) sum = (sum * 31 + ch.charCodeAt(0)) % 9973
  return TILE_PALETTE[sum % TILE_PALETTE.length]
}
