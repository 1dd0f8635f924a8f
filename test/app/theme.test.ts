import fs from 'node:fs'
import path from 'node:path'
import { colors } from '@/styles/theme'

const scss = fs.readFileSync(path.resolve(__dirname, '../../src/styles/theme.scss'), 'utf8')
const variable = (name: string) => scss.match(new RegExp(`^\\$${name}: (#[0-9a-f]+);`, 'm'))?.[1]
const full = (hex: string) => (hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex)

it('draws the poster, the picking picture and the tab bar in the same colours as the stylesheets', () => {
  for (const [name, value] of Object.entries(colors)) {
    const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
    expect([kebab, full(variable(kebab) ?? 'none')]).toEqual([kebab, full(value)])
  }
})
