/**
 * NutUI's theme (themes/default.css, imported by src/app.ts) embeds two fonts, JDZH-Regular and
 * JDZH-Bold (17 KB of base64), for the digits of components this app does not use (Price, Badge):
 * no style in the build names them. The weapp build drops those @font-face rules from the theme.
 */
module.exports = function stripUnusedFonts(source) {
  return String(source).replace(/@font-face\s*\{[^}]*font-family:\s*['"]?JDZH-[^}]*\}/g, '')
}
