// A bank file chosen in the browser: its format from its name, its bytes for the API.

export type BankFormat = 'ofx' | 'qfx' | 'qif' | 'csv'

export const BANK_FORMATS: { value: BankFormat; label: string }[] = [
  { value: 'ofx', label: 'OFX' },
  { value: 'qfx', label: 'QFX (Quicken)' },
  { value: 'qif', label: 'QIF' },
  { value: 'csv', label: 'CSV' },
]

/** The format a file's extension names, or null (the API then detects it from the content). */
export function formatOfName(name: string): BankFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase()
  return BANK_FORMATS.some((f) => f.value === extension) ? (extension as BankFormat) : null
}

/** The bytes as base64: files go to the API byte for byte, in whatever charset the bank used. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  // In slices: one String.fromCharCode call per byte of a large file overflows the stack.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000))
  }
  return btoa(binary)
}

/** The text of a file for showing its columns (a bad byte becomes U+FFFD; a BOM goes). */
export function textOf(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes)
}

export async function bytesOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer())
}
