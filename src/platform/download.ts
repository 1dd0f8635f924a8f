/** Browser only (imported by *.h5 files): saves `href` (a data: or blob: URL) as a file named `name`. */
export function download(href: string, name: string): void {
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
}
