// a mini-program cannot print: the packing lists leave as a table (copied) to print elsewhere
export const canPrint = false

export function printPage(): void {
  // nothing to do in WeChat
}
